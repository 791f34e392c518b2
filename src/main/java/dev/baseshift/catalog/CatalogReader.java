package dev.baseshift.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baseshift.dockerfile.ImageReference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads catalog.json (schema in {@link Catalog}); every problem names the file and the JSON path. */
final class CatalogReader {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final String DEFAULT_VERSION = "\\d+(?:\\.\\d+)*";
    private static final Set<String> TOP_FIELDS = Set.of("schemaVersion", "traits", "tagSets", "tierTemplates",
            "tierTraits", "families");
    private static final Set<String> FAMILY_FIELDS = Set.of("name", "description", "repositories", "version", "aliases",
            "codenames", "latest", "suites", "retiredSuites", "flavors", "tiers");
    private static final Set<String> TIER_FIELDS = Set.of("like", "tier", "note", "repository", "matchRepositories", "tags",
            "versions", "flavors", "traits", "tagTraits");
    private static final Set<String> TRAIT_FIELDS = Set.of("like", "shell", "packageManager", "libc", "caCertificates",
            "tzdata", "users", "addUsers", "languageVersion");

    /** Named pieces a file can refer to; an overlay may use the bundled catalog's. */
    record Presets(Map<String, JsonNode> traits, Map<String, JsonNode> tagSets, Map<String, JsonNode> tierTemplates) {
        static final Presets NONE = new Presets(Map.of(), Map.of(), Map.of());

        Presets over(Presets fallback) {
            return new Presets(merged(fallback.traits, traits), merged(fallback.tagSets, tagSets),
                    merged(fallback.tierTemplates, tierTemplates));
        }

        private static Map<String, JsonNode> merged(Map<String, JsonNode> base, Map<String, JsonNode> top) {
            Map<String, JsonNode> m = new HashMap<>(base);
            m.putAll(top);
            return Map.copyOf(m);
        }
    }

    /** @param tierTraits what a user-supplied base of each tier is assumed to have when the catalog does not know it */
    record Result(List<CatalogFamily> families, Presets presets, Map<Tier, BaseTraits> tierTraits) {}

    private final String source;
    private Presets presets;

    private CatalogReader(String source) {
        this.source = source;
    }

    static Result read(String json, String source, Presets fallback) throws CatalogException {
        return new CatalogReader(source).read(json, fallback);
    }

    private Result read(String json, Presets fallback) throws CatalogException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : "line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ": ";
            throw new CatalogException(source, where + "invalid JSON: "
                    + e.getOriginalMessage().replaceAll("\\[Source: [^;\\]]*; ", "["), e);
        }
        if (root == null || !root.isObject()) throw fail("$", "the file must hold a JSON object with \"families\"");
        checkFields(root, TOP_FIELDS, "$");
        JsonNode version = root.get("schemaVersion");
        if (version != null && (!version.isInt() || version.intValue() != 1)) {
            throw fail("$.schemaVersion", "unsupported schema version " + version + " (this BaseShift reads 1)");
        }
        presets = new Presets(named(root, "traits"), named(root, "tagSets"), named(root, "tierTemplates")).over(fallback);
        JsonNode families = root.get("families");
        if (families == null || !families.isArray()) throw fail("$.families", "expected an array of families");
        List<CatalogFamily> out = new ArrayList<>();
        for (int i = 0; i < families.size(); i++) {
            CatalogFamily f = family(families.get(i), "$.families[" + i + "]");
            if (out.stream().anyMatch(o -> o.name().equals(f.name()))) {
                throw fail("$.families[" + i + "]", "family '" + f.name() + "' is defined twice");
            }
            out.add(f);
        }
        Presets own = new Presets(named(root, "traits"), named(root, "tagSets"), named(root, "tierTemplates"));
        Map<Tier, BaseTraits> tierTraits = new java.util.EnumMap<>(Tier.class);
        for (Map.Entry<String, JsonNode> e : named(root, "tierTraits").entrySet()) {
            String p = "$.tierTraits." + e.getKey();
            Tier tier;
            try {
                tier = Tier.parse(e.getKey());
            } catch (IllegalArgumentException ex) {
                throw fail(p, ex.getMessage());
            }
            tierTraits.put(tier, toTraits(resolveTraits(e.getValue(), p), p));
        }
        return new Result(out, own, tierTraits);
    }

    private Map<String, JsonNode> named(JsonNode root, String field) throws CatalogException {
        JsonNode n = root.get(field);
        if (n == null) return Map.of();
        if (!n.isObject()) throw fail("$." + field, "expected an object of named entries");
        Map<String, JsonNode> m = new LinkedHashMap<>();
        n.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue()));
        return m;
    }

    private CatalogFamily family(JsonNode node, String path) throws CatalogException {
        if (!node.isObject()) throw fail(path, "expected a family object");
        checkFields(node, FAMILY_FIELDS, path);
        String name = text(node, "name", path, true);
        path = path + " (" + name + ")";
        String description = text(node, "description", path, false);
        String versionRegex = text(node, "version", path, false);
        if (versionRegex == null) versionRegex = DEFAULT_VERSION;
        try {
            Pattern.compile(versionRegex);
        } catch (PatternSyntaxException e) {
            throw fail(path + ".version", "invalid regular expression: " + e.getDescription());
        }
        Map<String, String> aliases = wordMap(node.get("aliases"), path + ".aliases");
        Map<String, String> codenames = wordMap(node.get("codenames"), path + ".codenames");
        String latest = text(node, "latest", path, false);
        List<String> suites = strings(node.get("suites"), path + ".suites", List.of());
        List<String> flavors = strings(node.get("flavors"), path + ".flavors", List.of());
        List<String> retired = strings(node.get("retiredSuites"), path + ".retiredSuites", List.of());
        List<String> allSuites = new ArrayList<>(suites);
        allSuites.addAll(retired);

        Map<String, String> placeholders = new LinkedHashMap<>();
        StringBuilder version = new StringBuilder("(?:").append(versionRegex).append(')');
        for (String a : aliases.keySet()) version.append('|').append(Pattern.quote(a));
        for (String c : codenames.keySet()) version.append('|').append(Pattern.quote(c));
        placeholders.put("version", "(?:" + version + ")");
        placeholders.put("major", "\\d+");
        placeholders.put("suite", alternation(allSuites)); // a retired suite is recognised, never written
        placeholders.put("flavor", alternation(flavors));
        placeholders.put("alpine", "\\d+\\.\\d+(?:\\.\\d+)?");
        placeholders.put("debian", "\\d+");
        placeholders.put("date", "\\d{8}");
        placeholders.put("arch", "(?:amd64|arm64|arm|s390x|ppc64le|riscv64|386)");

        List<String> repoTexts = strings(node.get("repositories"), path + ".repositories", null);
        if (repoTexts == null || repoTexts.isEmpty()) throw fail(path + ".repositories", "at least one repository is required");
        List<Template> repositories = new ArrayList<>();
        for (int i = 0; i < repoTexts.size(); i++) {
            repositories.add(repositoryMatcher(repoTexts.get(i), placeholders, path + ".repositories[" + i + "]"));
        }
        JsonNode tiers = node.get("tiers");
        if (tiers == null || !tiers.isArray() || tiers.isEmpty()) throw fail(path + ".tiers", "expected a non-empty array of tiers");
        List<TierSpec> specs = new ArrayList<>();
        for (int i = 0; i < tiers.size(); i++) {
            TierSpec spec = tier(tiers.get(i), path + ".tiers[" + i + "]", repoTexts.get(0), placeholders);
            if (specs.stream().anyMatch(s -> s.tier() == spec.tier())) {
                throw fail(path + ".tiers[" + i + "]", "tier '" + spec.tier().id() + "' appears twice");
            }
            specs.add(spec);
        }
        return new CatalogFamily(name, description == null ? "" : description, repositories, aliases, codenames, latest, suites,
                retired, flavors, specs);
    }

    private Map<String, String> wordMap(JsonNode node, String path) throws CatalogException {
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null) return out;
        if (!node.isObject()) throw fail(path, "expected an object of word → major");
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getValue().isTextual()) throw fail(path + "." + e.getKey(), "expected a string");
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    private static String alternation(List<String> words) {
        if (words.isEmpty()) return "(?!)";
        StringBuilder sb = new StringBuilder("(?:");
        for (int i = 0; i < words.size(); i++) sb.append(i == 0 ? "" : "|").append(Pattern.quote(words.get(i)));
        return sb.append(')').toString();
    }

    private TierSpec tier(JsonNode raw, String path, String familyRepository, Map<String, String> placeholders)
            throws CatalogException {
        if (!raw.isObject()) throw fail(path, "expected a tier object");
        ObjectNode node = resolveLike(raw, presets.tierTemplates(), TIER_FIELDS, path, "tier template");
        Tier tier;
        try {
            tier = Tier.parse(text(node, "tier", path, true));
        } catch (IllegalArgumentException e) {
            throw fail(path + ".tier", e.getMessage());
        }
        if (tier == Tier.ORIGINAL) throw fail(path + ".tier", "'original' labels unknown bases; it is not a catalog tier");
        String note = text(node, "note", path, false);
        String repoText = text(node, "repository", path, false);
        if (repoText == null) repoText = familyRepository;
        Template repository = compile(repoText, placeholders, path + ".repository");
        List<Template> match = new ArrayList<>();
        match.add(repositoryMatcher(repoText, placeholders, path + ".repository"));
        List<String> extra = strings(node.get("matchRepositories"), path + ".matchRepositories", List.of());
        for (int i = 0; i < extra.size(); i++) {
            match.add(repositoryMatcher(extra.get(i), placeholders, path + ".matchRepositories[" + i + "]"));
        }
        List<Template> tags = tags(node.get("tags"), path + ".tags", placeholders);
        List<String> versions = strings(node.get("versions"), path + ".versions", null);
        List<String> flavors = strings(node.get("flavors"), path + ".flavors", null);
        JsonNode traitsNode = node.get("traits");
        if (traitsNode == null) throw fail(path + ".traits", "every tier needs its traits");
        ObjectNode traits = resolveTraits(traitsNode, path + ".traits");
        List<TierSpec.TagTraits> tagTraits = new ArrayList<>();
        JsonNode tt = node.get("tagTraits");
        if (tt != null) {
            if (!tt.isArray()) throw fail(path + ".tagTraits", "expected an array of {tags, traits}");
            for (int i = 0; i < tt.size(); i++) {
                String p = path + ".tagTraits[" + i + "]";
                JsonNode e = tt.get(i);
                checkFields(e, Set.of("tags", "traits"), p);
                if (e.get("traits") == null || !e.get("traits").isObject()) throw fail(p + ".traits", "expected an object");
                ObjectNode merged = traits.deepCopy();
                merged.setAll(resolveTraits(e.get("traits"), p + ".traits"));
                tagTraits.add(new TierSpec.TagTraits(tags(e.get("tags"), p + ".tags", placeholders), toTraits(merged, p + ".traits")));
            }
        }
        return new TierSpec(tier, note == null ? "" : note, repository, match, tags, versions, flavors,
                toTraits(traits, path + ".traits"), tagTraits);
    }

    private List<Template> tags(JsonNode node, String path, Map<String, String> placeholders) throws CatalogException {
        if (node != null && node.isTextual()) {
            JsonNode set = presets.tagSets().get(node.asText());
            if (set == null) throw fail(path, "unknown tag set '" + node.asText() + "'");
            node = set;
        }
        List<String> texts = strings(node, path, null);
        if (texts == null || texts.isEmpty()) throw fail(path, "expected a non-empty array of tag templates (\"\" = no tag)");
        List<Template> out = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) out.add(compile(texts.get(i), placeholders, path + "[" + i + "]"));
        return out;
    }

    /** Repositories are matched on their canonical name, so {@code python} also matches {@code docker.io/library/python}. */
    private Template repositoryMatcher(String text, Map<String, String> placeholders, String path) throws CatalogException {
        if (!text.contains("{")) {
            try {
                return compile(ImageReference.parse(text).canonicalName(), placeholders, path);
            } catch (IllegalArgumentException e) {
                throw fail(path, e.getMessage());
            }
        }
        int slash = text.indexOf('/');
        String host = slash < 0 ? "" : text.substring(0, slash);
        if (!host.contains(".") && !host.contains(":") && !host.equals("localhost")) {
            throw fail(path, "a repository with placeholders must start with its registry host (e.g. gcr.io/...): '" + text + "'");
        }
        return compile(text, placeholders, path);
    }

    private Template compile(String text, Map<String, String> placeholders, String path) throws CatalogException {
        try {
            return Template.compile(text, placeholders);
        } catch (IllegalArgumentException e) {
            throw fail(path, e.getMessage());
        }
    }

    private ObjectNode resolveTraits(JsonNode node, String path) throws CatalogException {
        if (node.isTextual()) {
            JsonNode preset = presets.traits().get(node.asText());
            if (preset == null) throw fail(path, "unknown traits preset '" + node.asText() + "' (known: "
                    + String.join(", ", presets.traits().keySet()) + ")");
            return resolveTraits(preset, path + " → " + node.asText());
        }
        if (!node.isObject()) throw fail(path, "expected a traits object or the name of a preset");
        return resolveLike(node, presets.traits(), TRAIT_FIELDS, path, "traits preset");
    }

    /** Follows {@code "like": "name"} chains: the named entry first, then this object's own fields over it. */
    private ObjectNode resolveLike(JsonNode node, Map<String, JsonNode> named, Set<String> allowed, String path, String kind)
            throws CatalogException {
        List<JsonNode> chain = new ArrayList<>();
        JsonNode cur = node;
        while (true) {
            if (!cur.isObject()) throw fail(path, "expected an object for the " + kind);
            checkFields(cur, allowed, path);
            chain.add(0, cur);
            JsonNode like = cur.get("like");
            if (like == null) break;
            if (chain.size() > 16) throw fail(path, "'like' references loop");
            cur = named.get(like.asText());
            if (cur == null) throw fail(path + ".like", "unknown " + kind + " '" + like.asText() + "' (known: "
                    + String.join(", ", named.keySet()) + ")");
        }
        ObjectNode out = MAPPER.createObjectNode();
        for (JsonNode n : chain) {
            ObjectNode copy = n.deepCopy();
            JsonNode add = copy.remove("addUsers");
            out.setAll(copy);
            if (add != null) {
                // "addUsers" extends the list inherited through "like" (node images add the user "node").
                if (!add.isArray()) throw fail(path + ".addUsers", "expected an array of user names");
                ArrayNode users = out.has("users") && out.get("users").isArray()
                        ? ((ArrayNode) out.get("users")).deepCopy() : MAPPER.createArrayNode();
                users.addAll((ArrayNode) add);
                out.set("users", users);
            }
        }
        out.remove("like");
        return out;
    }

    private BaseTraits toTraits(ObjectNode n, String path) throws CatalogException {
        for (String f : List.of("shell", "caCertificates", "tzdata")) {
            if (n.get(f) == null || !n.get(f).isBoolean()) throw fail(path + "." + f, "expected true or false");
        }
        String pm = noneToNull(text(n, "packageManager", path, false));
        String libc = noneToNull(text(n, "libc", path, false));
        if (libc != null && !libc.equals("glibc") && !libc.equals("musl")) {
            throw fail(path + ".libc", "expected glibc, musl or none, not '" + libc + "'");
        }
        return new BaseTraits(n.get("shell").booleanValue(), pm, libc, n.get("caCertificates").booleanValue(),
                n.get("tzdata").booleanValue(), strings(n.get("users"), path + ".users", List.of()),
                text(n, "languageVersion", path, false));
    }

    private static String noneToNull(String s) {
        return s == null || s.toLowerCase(Locale.ROOT).equals("none") ? null : s;
    }

    private String text(JsonNode node, String field, String path, boolean required) throws CatalogException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) throw fail(path + "." + field, "is required");
            return null;
        }
        if (!v.isTextual()) throw fail(path + "." + field, "expected a string, found " + v.getNodeType().toString().toLowerCase(Locale.ROOT));
        if (required && v.asText().isBlank()) throw fail(path + "." + field, "must not be empty");
        return v.asText();
    }

    private List<String> strings(JsonNode node, String path, List<String> absent) throws CatalogException {
        if (node == null || node.isNull()) return absent;
        if (!node.isArray()) throw fail(path, "expected an array of strings");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isTextual()) throw fail(path + "[" + i + "]", "expected a string");
            out.add(node.get(i).asText());
        }
        return out;
    }

    private void checkFields(JsonNode node, Set<String> allowed, String path) throws CatalogException {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) throw fail(path, "unknown field '" + f + "' (expected one of "
                    + String.join(", ", allowed.stream().sorted().toList()) + ")");
        }
    }

    private CatalogException fail(String path, String problem) {
        return new CatalogException(source, path + ": " + problem);
    }
}
