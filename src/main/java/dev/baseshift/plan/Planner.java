package dev.baseshift.plan;

import dev.baseshift.advice.Advisor;
import dev.baseshift.advice.Finding;
import dev.baseshift.catalog.BaseMatch;
import dev.baseshift.catalog.BaseTraits;
import dev.baseshift.catalog.Catalog;
import dev.baseshift.catalog.Tier;
import dev.baseshift.catalog.TierOption;
import dev.baseshift.dockerfile.Dockerfile;
import dev.baseshift.dockerfile.DockerfileException;
import dev.baseshift.dockerfile.DockerfileParser;
import dev.baseshift.dockerfile.FromRewriter;
import dev.baseshift.dockerfile.ImageReference;
import dev.baseshift.dockerfile.Stage;
import dev.baseshift.dockerfile.StageGraph;
import dev.baseshift.registry.BaseFactsService;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Folder → {@link Plan}: parse, resolve ARGs, find the family, build the spectrum, rewrite FROM, advise. */
public final class Planner {
    private static final String BUILDKIT_RULE = "buildkit-only-syntax";
    /** The planner's own finding: a proposed tag does not exist in its registry. */
    public static final String TAG_RULE = "base-tag-missing";

    private final Catalog catalog;
    private final Advisor advisor = new Advisor();

    public Planner(Catalog catalog) {
        this.catalog = catalog;
    }

    /**
     * @throws DockerfileException bad Dockerfile (file:line in the message)
     * @throws IOException         unreadable project, bad .baseshift.json, or no Dockerfile found (the message says where it looked)
     */
    public Plan plan(PlanRequest request) throws DockerfileException, IOException {
        return plan(request, TagLookup.NONE);
    }

    /**
     * Plans with tag checks: a proposed base whose tag the registry does not have falls back to the tier's next
     * template that exists (a finding says which and why); when none exists the tier keeps its proposal, flagged.
     */
    public Plan plan(PlanRequest request, TagLookup tags) throws DockerfileException, IOException {
        Path dir = projectFolder(request.projectDir());
        String rel = request.dockerfile() != null ? request.dockerfile().replace('\\', '/') : defaultDockerfile(dir);
        ProjectConfig config = ProjectConfig.load(dir);
        Dockerfile dockerfile = DockerfileParser.parse(rel, read(dir, rel));
        StageGraph graph = StageGraph.of(dockerfile, request.buildArgs(), request.target());

        Map<Tier, String> overrides = new EnumMap<>(Tier.class);
        overrides.putAll(config.bases());
        overrides.putAll(request.baseOverrides());

        Stage baseStage = graph.baseStage();
        String ref = baseStage.base();
        BaseMatch match = identify(dockerfile, baseStage, ref).orElse(null);

        Tier originalTier = overrides.entrySet().stream()
                .filter(e -> sameImage(e.getValue(), ref)).map(Map.Entry::getKey).findFirst()
                .orElse(match != null ? match.tier() : Tier.ORIGINAL);

        // The spectrum: the catalog's tiers in its order (fullest first), then the user's images for any tier
        // (a user-supplied TIER=IMAGE always works).
        Map<Tier, TierOption> options = new LinkedHashMap<>();
        if (match != null) match.spectrum().forEach(o -> options.put(o.tier(), o));
        for (Map.Entry<Tier, String> e : overrides.entrySet()) {
            try {
                options.put(e.getKey(), catalog.customOption(e.getKey(), e.getValue()));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("the image for " + e.getKey().id() + " ('" + e.getValue()
                        + "') is not a valid reference: " + ex.getMessage());
            }
        }
        // scratch is the same empty image in every family: named among the tiers wanted, it is offered even where
        // the catalog has none (asking for every tier, as the app's slider does, means the family's own spectrum)
        Set<Tier> asked = request.tiers() != null ? request.tiers() : config.tiers();
        boolean named = asked != null && asked.contains(Tier.SCRATCH) && !asked.containsAll(EnumSet.allOf(Tier.class));
        if (named && !options.containsKey(Tier.SCRATCH)) {
            catalog.identify(ImageReference.parse("scratch")).flatMap(m -> m.spectrum().stream()
                    .filter(o -> o.tier() == Tier.SCRATCH).findFirst()).ifPresent(o -> options.put(Tier.SCRATCH, o));
        }
        TierOption originalOption = options.get(originalTier);
        if (originalOption == null || !sameImage(originalOption.image(), ref)) {
            BaseTraits traits = originalOption != null ? originalOption.traits()
                    : catalog.customOption(originalTier, ref).traits();
            originalOption = new TierOption(originalTier, ref, traits, "your base", false);
        }
        options.put(originalTier, originalOption);

        Set<Tier> wanted = request.tiers() != null ? request.tiers() : config.tiers();
        List<Variant> variants = new ArrayList<>();
        Set<Tier> catalogTiers = match == null ? Set.of()
                : match.spectrum().stream().map(TierOption::tier).collect(java.util.stream.Collectors.toSet());
        for (TierOption option : spectrumOrder(options.values(), catalogTiers)) {
            Tier tier = option.tier();
            if (tier == originalTier) {
                List<Finding> notes = advisor.advise(dockerfile, graph, match, option).stream()
                        .filter(f -> f.rule().equals(BUILDKIT_RULE)).toList();
                variants.add(new Variant(tier, ref, dockerfile.text(), notes, true, false));
            } else if (wanted == null || wanted.contains(tier)) {
                List<Finding> tagFindings = new ArrayList<>();
                if (!option.custom()) option = existing(option, tags, tagFindings);
                String text = FromRewriter.rewrite(dockerfile, baseStage, option.image(), graph.expansion());
                List<Finding> findings = new ArrayList<>(tagFindings);
                findings.addAll(advisor.advise(dockerfile, graph, match, option));
                variants.add(new Variant(tier, option.image(), text, findings, false, option.custom()));
            }
        }

        return new Plan(dir, rel, dockerfile, graph,
                new BaseInfo(ref, match != null ? match.family().name() : null, originalTier,
                        match != null ? match.version() : null, match != null ? null : NotLinux.says(ref)),
                variants, probes(dir, rel, dockerfile.text(), match, config, request), request.buildArgs(),
                request.target());
    }

    /** The option itself when its tag exists (or cannot be checked), else its first alternative that exists. */
    private static TierOption existing(TierOption option, TagLookup tags, List<Finding> findings) {
        BaseFactsService.TagCheck first = tags.check(option.image());
        if (first.status() != BaseFactsService.TagStatus.MISSING) return option;
        for (TierOption.Alternative alternative : option.alternatives()) {
            if (tags.check(alternative.image()).status() == BaseFactsService.TagStatus.EXISTS) {
                findings.add(new Finding(TAG_RULE, dev.baseshift.advice.Severity.INFO, 0, first.message()
                        + "; proposing " + alternative.image() + ", the tier's next template that exists", null));
                return option.fallingBackTo(alternative);
            }
        }
        findings.add(new Finding(TAG_RULE, dev.baseshift.advice.Severity.ERROR, 0, first.message()
                + (option.alternatives().isEmpty() ? "" : ", nor any other tag of this tier the catalog knows"),
                "name an image for this tier that exists: --base " + option.tier().id() + "=IMAGE"));
        return option;
    }

    private Optional<BaseMatch> identify(Dockerfile dockerfile, Stage stage, String ref) throws DockerfileException {
        if (ref.equalsIgnoreCase("scratch")) return catalog.identify(ImageReference.parse("scratch"));
        try {
            return catalog.identify(ImageReference.parse(ref));
        } catch (IllegalArgumentException e) {
            throw new DockerfileException(dockerfile.name(), stage.line(),
                    "invalid base image reference '" + ref + "': " + e.getMessage());
        }
    }

    /** Suggested probes first, then the project's, then the user's; a later probe with the same command wins. */
    private static List<Probe> probes(Path dir, String dockerfilePath, String dockerfileText, BaseMatch match,
                                      ProjectConfig config, PlanRequest request) {
        Map<List<String>, Probe> byCommand = new LinkedHashMap<>();
        byCommand.put(List.of(), new Probe("app starts", List.of(), "default", true));
        for (Probe p : ProbeSuggester.suggest(suggestionFolder(dir, dockerfilePath))) {
            if (runtimeFits(p, dockerfileText, match)) byCommand.put(p.argv(), p);
        }
        for (Probe p : config.probes()) {
            byCommand.remove(p.argv());
            byCommand.put(p.argv(), p);
        }
        for (Probe p : request.extraProbes()) {
            byCommand.remove(p.argv());
            byCommand.put(p.argv(), p);
        }
        return List.copyOf(byCommand.values());
    }

    /**
     * Dependencies are read beside the Dockerfile when that folder declares any (a service in a monorepo), else at
     * the project's top.
     */
    private static Path suggestionFolder(Path dir, String dockerfilePath) {
        Path parent = dir.resolve(dockerfilePath).normalize().getParent();
        if (parent != null && !parent.equals(dir.normalize())) {
            try (var files = Files.list(parent)) {
                if (files.map(f -> f.getFileName().toString()).anyMatch(n -> n.equals("package.json")
                        || n.equals("pyproject.toml") || (n.startsWith("requirements") && n.endsWith(".txt")))) {
                    return parent;
                }
            } catch (IOException e) {
                return dir;
            }
        }
        return dir;
    }

    /**
     * A suggested import probe only makes sense where the image runs that language: a Go service's Dockerfile in a
     * repository that also has a package.json must not be judged by {@code node -e require(…)}.
     */
    private static boolean runtimeFits(Probe probe, String dockerfileText, BaseMatch match) {
        String runtime = probe.argv().get(0);
        String family = match != null ? match.family().name() : "";
        String text = dockerfileText.toLowerCase(java.util.Locale.ROOT);
        if (runtime.startsWith("python")) {
            return family.equals("python") || text.contains("python") || text.contains("pip ")
                    || text.contains("pip3") || text.contains("poetry") || text.contains("requirements");
        }
        if (runtime.equals("node")) {
            return family.equals("node") || text.contains("node") || text.contains("npm") || text.contains("yarn")
                    || text.contains("pnpm");
        }
        return true;
    }

    private static String defaultDockerfile(Path dir) throws IOException {
        List<String> found = ProjectFiles.findDockerfiles(dir);
        if (found.isEmpty()) {
            throw new NoSuchFileException(dir.toString(), null,
                    "no Dockerfile found (looked for Dockerfile, Containerfile, *.Dockerfile and Dockerfile.* up to "
                            + ProjectFiles.MAX_DEPTH + " folders deep)");
        }
        return found.get(0);
    }

    /**
     * The project folder as the file system knows it: {@code .}, {@code ./}, trailing slashes and a symlinked folder
     * all name the same real folder, so the inside-the-project checks compare like with like.
     */
    static Path projectFolder(Path given) throws IOException {
        if (!Files.isDirectory(given)) throw new IOException("not a folder: " + given);
        return given.toAbsolutePath().normalize().toRealPath();
    }

    /** The Dockerfile's text; it must be inside the project folder, also when it is a symbolic link. */
    private static String read(Path dir, String rel) throws IOException {
        Path file = dir.resolve(rel).normalize();
        if (!file.startsWith(dir)) throw new IOException(rel + ": the Dockerfile must be inside the project folder");
        if (!Files.isRegularFile(file)) throw new NoSuchFileException(file.toString(), null, "Dockerfile not found");
        if (!file.toRealPath().startsWith(dir)) {
            throw new IOException(rel + ": the Dockerfile is a link to a file outside the project folder; refused"
                    + " (the Dockerfile must be inside the project folder)");
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw new IOException(rel + ": not a text file (invalid UTF-8)");
        }
    }

    static boolean sameImage(String a, String b) {
        try {
            ImageReference x = ImageReference.parse(a);
            ImageReference y = ImageReference.parse(b);
            return x.domain().equals(y.domain()) && x.path().equals(y.path())
                    && java.util.Objects.equals(x.tag(), y.tag()) && java.util.Objects.equals(x.digest(), y.digest());
        } catch (IllegalArgumentException e) {
            return a.trim().equals(b.trim());
        }
    }

    /**
     * ORIGINAL first, then the catalog's order (fullest first: nginx's alpine-slim comes after alpine); a tier only
     * the user supplied goes before the first tier that is slimmer by the Tier order.
     */
    private static List<TierOption> spectrumOrder(java.util.Collection<TierOption> options, Set<Tier> catalogTiers) {
        List<TierOption> ordered = new ArrayList<>(options.stream()
                .filter(o -> o.tier() != Tier.ORIGINAL && catalogTiers.contains(o.tier())).toList());
        for (TierOption o : options) {
            if (o.tier() == Tier.ORIGINAL || catalogTiers.contains(o.tier())) continue;
            int at = ordered.size();
            for (int i = 0; i < ordered.size(); i++) {
                if (ordered.get(i).tier().ordinal() > o.tier().ordinal()) {
                    at = i;
                    break;
                }
            }
            ordered.add(at, o);
        }
        options.stream().filter(o -> o.tier() == Tier.ORIGINAL).findFirst().ifPresent(o -> ordered.add(0, o));
        return ordered;
    }
}
