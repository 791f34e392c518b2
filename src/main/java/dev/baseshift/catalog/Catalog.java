package dev.baseshift.catalog;

import dev.baseshift.dockerfile.ImageReference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Base families and their tiers, as data (catalog.json), extensible by user and project files.
 *
 * <h2>catalog.json (schemaVersion 1)</h2>
 * <pre>
 * {
 *   "schemaVersion": 1,
 *   "traits":        { "NAME": {shell, packageManager: apt|apk|none, libc: glibc|musl|none, caCertificates, tzdata,
 *                               users: [...], addUsers: [...], languageVersion, like: "OTHER PRESET"} },
 *   "tagSets":       { "NAME": ["tag template", ...] },
 *   "tierTemplates": { "NAME": { a tier object, may itself say "like" } },
 *   "tierTraits":    { "full|slim|alpine|distroless|scratch": traits },   // assumed for unknown user-supplied bases
 *   "families": [ {
 *     "name": "python", "description": "...",
 *     "repositories": ["python"],                    // owned repositories; python = docker.io/library/python
 *     "version": "REGEX",                            // what {version} matches (default: digits and dots)
 *     "aliases": {"lts": "26"},                      // floating version words and the major they mean today
 *     "codenames": {"jod": "22"},                    // version words that always mean one major
 *     "latest": "26",                                // the major "latest"/no tag means, for tiers that need one
 *     "suites": ["trixie", "bookworm"],              // {suite} words, today's default first
 *     "flavors": ["fpm", "apache"],                  // {flavor} words (kept across tiers)
 *     "tiers": [ {                                   // spectrum order, fullest first; only tiers that exist
 *       "tier": "full|slim|alpine|distroless|scratch", "note": "...",
 *       "like": "TIER TEMPLATE",                     // start from a named template, then override fields
 *       "repository": "gcr.io/distroless/java{major}-debian13",   // default: the family's first repository
 *       "matchRepositories": ["..."],                // more spellings recognised as this tier
 *       "tags": ["{version}-slim-{suite}", "slim", ""] or "TAG SET",  // first fillable is written; "" = no tag
 *       "versions": ["17", "21"],  "flavors": ["cli"],                 // where the tier exists (absent: everywhere)
 *       "traits": "PRESET" or {"like": "PRESET", ...overrides},
 *       "tagTraits": [ {"tags": ["debug"], "traits": {"shell": true}} ]
 *     } ]
 *   } ]
 * }
 * </pre>
 * Placeholders: {version} {major} {suite} {flavor} are read from the original and written into other tiers;
 * {alpine} (3.20), {debian} (12), {date} (20241111), {arch} (amd64) are only recognised. A reference belongs to the
 * family that owns its repository; otherwise to the first family with a tier that matches it (distroless python3 →
 * python). Shared targets (distroless static/base/cc, scratch) belong to their own small families unless a family
 * is preferred ({@link #identify(ImageReference, String)}). The README beside catalog.json says more.
 */
public final class Catalog {
    private static final String BUNDLED_RESOURCE = "catalog.json";
    private static volatile Catalog bundled;

    private final List<CatalogFamily> families;
    private final CatalogReader.Presets presets;
    private final Map<Tier, BaseTraits> tierTraits;

    private Catalog(List<CatalogFamily> families, CatalogReader.Presets presets, Map<Tier, BaseTraits> tierTraits) {
        this.families = List.copyOf(families);
        this.presets = presets;
        this.tierTraits = Map.copyOf(tierTraits);
    }

    /** The catalog shipped in the jar. */
    public static Catalog bundled() {
        Catalog c = bundled;
        if (c == null) {
            try (InputStream in = Catalog.class.getResourceAsStream(BUNDLED_RESOURCE)) {
                if (in == null) throw new IllegalStateException("the bundled catalog.json is missing from the jar");
                CatalogReader.Result r = CatalogReader.read(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                        "bundled catalog.json", CatalogReader.Presets.NONE);
                c = new Catalog(r.families(), r.presets(), r.tierTraits());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (CatalogException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            bundled = c;
        }
        return c;
    }

    /**
     * A catalog from JSON text. Trait presets, tag sets and tier templates of the bundled catalog may be referred to.
     *
     * @param sourceName how the file is named in errors
     * @throws CatalogException naming the file and the problem (JSON syntax with line and column, or the JSON path)
     */
    public static Catalog fromJson(String json, String sourceName) throws CatalogException {
        CatalogReader.Result r = CatalogReader.read(json, sourceName, bundled().presets);
        return new Catalog(r.families(), r.presets().over(bundled().presets), r.tierTraits());
    }

    /** @see #fromJson(String, String) */
    public static Catalog fromJson(InputStream in, String sourceName) throws CatalogException {
        try {
            return fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8), sourceName);
        } catch (IOException e) {
            throw new CatalogException(sourceName, "cannot read: " + e.getMessage(), e);
        }
    }

    /** @see #fromJson(String, String) */
    public static Catalog fromFile(Path file) throws CatalogException {
        try {
            return fromJson(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new CatalogException(file.toString(), "cannot read: " + e.getMessage(), e);
        }
    }

    /** Where the user-level catalog lives: {@code $XDG_CONFIG_HOME/baseshift/catalog.json}, else {@code ~/.config/...}. */
    public static Path userFile() {
        return userFile(System.getenv("XDG_CONFIG_HOME"), System.getProperty("user.home"));
    }

    static Path userFile(String xdgConfigHome, String home) {
        // The XDG spec says relative values are invalid and must be ignored.
        Path config = xdgConfigHome != null && !xdgConfigHome.isBlank() && Path.of(xdgConfigHome).isAbsolute()
                ? Path.of(xdgConfigHome) : Path.of(home, ".config");
        return config.resolve("baseshift").resolve("catalog.json");
    }

    /** The bundled catalog extended with the user's file when there is one. */
    public static Catalog loadDefault() throws CatalogException {
        return withUserFile(bundled(), userFile());
    }

    static Catalog withUserFile(Catalog base, Path userFile) throws CatalogException {
        return Files.isRegularFile(userFile) ? base.extendedWith(fromFile(userFile)) : base;
    }

    /** A catalog whose families are this one's, with {@code overlay}'s families added or replacing same-named ones. */
    public Catalog extendedWith(Catalog overlay) {
        Map<String, CatalogFamily> byName = new LinkedHashMap<>();
        for (CatalogFamily f : families) byName.put(f.name(), f);
        List<CatalogFamily> added = new ArrayList<>();
        for (CatalogFamily f : overlay.families) {
            if (byName.containsKey(f.name())) byName.put(f.name(), f);
            else added.add(f);
        }
        // New families go first so that they win identification over bundled ones that match the same references.
        List<CatalogFamily> all = new ArrayList<>(added);
        all.addAll(byName.values());
        Map<Tier, BaseTraits> traits = new HashMap<>(tierTraits);
        traits.putAll(overlay.tierTraits);
        return new Catalog(all, overlay.presets.over(presets), traits);
    }

    /**
     * A base the user chose for a tier ({@code --base TIER=IMAGE}, {@code .baseshift.json}). Its traits are the
     * catalog's when it knows the image, else what the catalog's {@code tierTraits} say that tier usually has
     * (the original's tier uses the full tier's); the note says which.
     *
     * @throws IllegalArgumentException when the image is not a valid reference
     */
    public TierOption customOption(Tier tier, String image) {
        ImageReference reference = ImageReference.parse(image);
        Optional<BaseMatch> known = identify(reference);
        if (known.isPresent()) {
            BaseMatch m = known.get();
            return new TierOption(tier, image, m.option().traits(),
                    "your image; a " + m.family().name() + " " + m.tier().id() + " base", true);
        }
        Tier like = tier == Tier.ORIGINAL ? Tier.FULL : tier;
        BaseTraits traits = tierTraits.get(like);
        if (traits == null) throw new IllegalStateException("the catalog has no tierTraits for " + like.id());
        return new TierOption(tier, image, traits, "your image; assumed to be like other " + like.id() + " bases", true);
    }

    public List<Family> families() {
        return List.copyOf(families);
    }

    public Optional<Family> family(String name) {
        return families.stream().filter(f -> f.name().equals(name)).map(f -> (Family) f).findFirst();
    }

    /** The family, tier, version and spectrum of a reference, or empty when no family matches (no guessed tiers). */
    public Optional<BaseMatch> identify(ImageReference reference) {
        return identify(reference, null);
    }

    /**
     * Like {@link #identify(ImageReference)}, but a reference that {@code preferredFamily} also lists (a shared
     * target such as distroless static or scratch) is read as that family's. Null prefers nothing.
     */
    public Optional<BaseMatch> identify(ImageReference reference, String preferredFamily) {
        String canonical = reference.canonicalName();
        List<CatalogFamily> order = new ArrayList<>();
        families.stream().filter(f -> f.name().equals(preferredFamily)).forEach(order::add);
        families.stream().filter(f -> f.owns(canonical)).forEach(order::add);
        order.addAll(families);
        String tag = reference.tag() == null ? "" : reference.tag();
        for (CatalogFamily family : order) {
            for (TierSpec spec : family.specs()) {
                for (Template repo : spec.matchRepositories()) {
                    Optional<Map<String, String>> repoValues = repo.match(canonical);
                    if (repoValues.isEmpty()) continue;
                    for (Template t : spec.tags()) {
                        Optional<Map<String, String>> tagValues = t.match(tag);
                        if (tagValues.isPresent()) {
                            Map<String, String> values = new HashMap<>(repoValues.get());
                            values.putAll(tagValues.get());
                            return Optional.of(match(family, spec, reference, values));
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    private BaseMatch match(CatalogFamily family, TierSpec matched, ImageReference reference, Map<String, String> values) {
        String word = values.get("version");
        String major = values.get("major");
        String reported;
        if (word != null && family.codenames().containsKey(word)) {
            major = family.codenames().get(word);              // jod = 22 for good
            reported = major;
        } else if (word != null && family.aliases().containsKey(word)) {
            reported = null;                                   // lts, mainline: floats
            String meant = family.aliases().get(word);
            major = meant.isEmpty() ? null : meant;
        } else if (word != null) {
            reported = word;
            major = leadingNumber(word);
        } else if (major != null) {
            reported = major;                                  // java21-debian13 pins 21
            word = major;
        } else {
            // distroless python3 carries no version in its name, but it is Debian's Python (3.13).
            reported = matched.traits().languageVersion();
            word = reported;
            major = reported == null ? family.latest() : leadingNumber(reported);
        }
        String named = values.get("suite");
        // a retired suite (buster) is not carried: its variants are on today's suite, and a finding says so
        String retired = named != null && family.retiredSuites().contains(named) ? named : null;
        boolean suiteNamed = named != null && retired == null;
        String suite = suiteNamed ? named : family.defaultSuite();
        Coordinates at = new Coordinates(word, major, suite, suiteNamed, values.get("flavor"));
        List<TierOption> spectrum = new ArrayList<>();
        for (TierSpec spec : family.specs()) {
            if (spec == matched) {
                spectrum.add(new TierOption(spec.tier(), reference.original(), spec.traitsFor(reference.tag()), spec.note(), false));
            } else {
                option(spec, at, reference).ifPresent(spectrum::add);
            }
        }
        return new BaseMatch(family, matched.tier(), reported, spectrum, retired);
    }

    /** Where on the family's grid the original sits: what gets carried into the other tiers. */
    /** @param suiteNamed the original names its suite ({@code 3.12-bookworm}); else suite is the family's default */
    private record Coordinates(String version, String major, String suite, boolean suiteNamed, String flavor) {}

    private static Optional<TierOption> option(TierSpec spec, Coordinates at, ImageReference original) {
        if (spec.flavors() != null && at.flavor() != null && !spec.flavors().contains(at.flavor())) return Optional.empty();
        if (spec.versions() != null && (at.major() == null || !spec.versions().contains(at.major()))) return Optional.empty();
        Map<String, String> values = new HashMap<>();
        if (at.version() != null) values.put("version", at.version());
        if (at.major() != null) values.put("major", at.major());
        if (at.suite() != null) values.put("suite", at.suite());
        if (at.flavor() != null) values.put("flavor", at.flavor());
        Optional<String> repository = spec.repository().fill(values);
        if (repository.isEmpty()) return Optional.empty();
        // Every fillable template, best first: one carrying the version beats one without; then one as specific
        // about the suite as the original (python:3.12 → 3.12-slim, python:3.12-bookworm → 3.12-slim-bookworm);
        // then the flavour; the catalog's order breaks ties. The first is proposed, the others are where a missing
        // tag falls back to.
        List<String> tags = new ArrayList<>();
        List<Integer> scores = new ArrayList<>();
        // the original's suite carries only within its own repository (openjdk's bullseye is no Temurin suite)
        boolean sameRepository = place(original, repository.get()).canonicalName().equals(original.canonicalName());
        for (Template t : spec.tags()) {
            Optional<String> filled = t.fill(values);
            if (filled.isEmpty() || tags.contains(filled.get())) continue;
            int score = (at.version() != null && (t.uses("version") || t.uses("major")) ? 4 : 0)
                    + (sameRepository && t.uses("suite") == at.suiteNamed() ? 2 : 0)
                    + (at.flavor() != null && t.uses("flavor") ? 1 : 0);
            int pos = 0;
            while (pos < scores.size() && scores.get(pos) >= score) pos++;
            tags.add(pos, filled.get());
            scores.add(pos, score);
        }
        if (tags.isEmpty()) return Optional.empty();
        ImageReference base = place(original, repository.get());
        List<TierOption.Alternative> alternatives = new ArrayList<>();
        for (String t : tags.subList(1, tags.size())) {
            alternatives.add(new TierOption.Alternative(base.withTag(t.isEmpty() ? null : t).original(), spec.traitsFor(t)));
        }
        String tag = tags.get(0);
        ImageReference image = base.withTag(tag.isEmpty() ? null : tag);
        return Optional.of(new TierOption(spec.tier(), image.original(), spec.traitsFor(tag), spec.note(), false,
                alternatives));
    }

    /** The target repository, spelled in the original's style when both are on Docker Hub. */
    private static ImageReference place(ImageReference original, String repository) {
        ImageReference target = ImageReference.parse(repository);
        if (target.canonicalName().equals("docker.io/library/scratch")) return target; // FROM scratch is reserved, never prefixed
        if (target.canonicalName().equals(original.canonicalName())) return original.withoutDigest().withTag(null);
        return original.withRepository(repository);
    }

    private static String leadingNumber(String version) {
        int i = 0;
        while (i < version.length() && Character.isDigit(version.charAt(i))) i++;
        return i == 0 ? null : version.substring(0, i);
    }
}
