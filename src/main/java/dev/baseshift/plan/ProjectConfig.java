package dev.baseshift.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baseshift.catalog.Tier;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A project's {@code .baseshift.json}:
 * <pre>
 * {
 *   "probes": [ "python3 -c 'import numpy'", {"name": "requests", "command": "python3 -c 'import requests'", "enabled": true} ],
 *   "bases": { "slim": "python:3.12-slim", "distroless": "registry.example.com/python:3.12-distroless" },
 *   "tiers": ["slim", "alpine"],
 *   "parallel": 2,
 *   "probeTimeoutSeconds": 30
 * }
 * </pre>
 * Every field is optional. Unknown fields are kept when the GUI saves the file, so nothing the user wrote is lost.
 *
 * @param tiers    null when the file does not restrict tiers
 * @param parallel null when not set
 */
public record ProjectConfig(List<Probe> probes, Map<Tier, String> bases, Set<Tier> tiers, Integer parallel,
                            Integer probeTimeoutSeconds, JsonNode raw) {

    public static final String FILE_NAME = ".baseshift.json";
    /** Limits (README: "Limits"): a config is a few hundred bytes; these keep a hostile one from costing gigabytes. */
    public static final long MAX_BYTES = 1 << 20;
    public static final int MAX_PROBES = 1000;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ProjectConfig {
        probes = List.copyOf(probes);
        bases = Collections.unmodifiableMap(bases.isEmpty() ? new EnumMap<>(Tier.class) : new EnumMap<>(bases));
        tiers = tiers == null ? null : Collections.unmodifiableSet(new LinkedHashSet<>(tiers));
    }

    public static ProjectConfig empty() {
        return new ProjectConfig(List.of(), Map.of(), null, null, null, null);
    }

    /** Reads {@code dir/.baseshift.json}; an absent file is an empty config. */
    public static ProjectConfig load(Path dir) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) return empty();
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new IOException(file + ": too large (" + size + " bytes; a config may have at most " + MAX_BYTES
                    + ")");
        }
        byte[] bytes = Files.readAllBytes(file);
        java.nio.charset.CharsetDecoder utf8 = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length);
        java.nio.charset.CoderResult result = utf8.decode(in, out, true);
        if (result.isError()) {
            // in stops at the first bad byte; counted from 1, like a line's column
            throw new IOException(file + ": not valid UTF-8 (at byte " + (in.position() + 1) + ")");
        }
        utf8.flush(out);
        return parse(out.flip().toString(), file.toString());
    }

    /** @throws IOException naming the file and what is wrong with it */
    public static ProjectConfig parse(String json, String source) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
            String where = at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
            String why = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage().lines().findFirst()
                    .orElse("unreadable");
            throw new IOException(source + where + ": not valid JSON: " + why);
        }
        if (root == null || root.isMissingNode()) return empty();
        if (!root.isObject()) throw new IOException(source + ": expected a JSON object");

        List<Probe> probes = new ArrayList<>();
        JsonNode p = root.path("probes");
        if (!p.isMissingNode()) {
            if (!p.isArray()) throw new IOException(source + ": \"probes\" must be an array");
            if (p.size() > MAX_PROBES) {
                throw new IOException(source + ": " + p.size() + " probes; at most " + MAX_PROBES + " are allowed");
            }
            int i = 0;
            for (JsonNode n : p) {
                i++;
                try {
                    if (n.isTextual()) {
                        probes.add(probeFrom(null, n.asText(), true));
                    } else if (n.isObject() && n.path("command").isTextual()) {
                        JsonNode name = n.path("name");
                        JsonNode enabled = n.path("enabled");
                        if (!name.isMissingNode() && !name.isNull() && !name.isTextual()) {
                            throw new IllegalArgumentException("\"name\" must be a string");
                        }
                        if (!enabled.isMissingNode() && !enabled.isBoolean()) {
                            throw new IllegalArgumentException("\"enabled\" must be true or false, not " + enabled);
                        }
                        probes.add(probeFrom(name.isTextual() ? name.asText() : null, n.path("command").asText(),
                                enabled.isMissingNode() || enabled.asBoolean()));
                    } else {
                        throw new IllegalArgumentException("expected a command string or {\"command\": …}");
                    }
                } catch (IllegalArgumentException e) {
                    throw new IOException(source + ": probe " + i + ": " + e.getMessage());
                }
            }
        }

        Map<Tier, String> bases = new EnumMap<>(Tier.class);
        JsonNode b = root.path("bases");
        if (!b.isMissingNode()) {
            if (!b.isObject()) throw new IOException(source + ": \"bases\" must be an object of tier → image");
            for (Iterator<Map.Entry<String, JsonNode>> it = b.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                try {
                    if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
                        throw new IllegalArgumentException("image must be a non-empty string");
                    }
                    String image = e.getValue().asText().trim();
                    Tier tier = Tier.parse(e.getKey());
                    try {
                        dev.baseshift.dockerfile.ImageReference.parse(image);
                    } catch (IllegalArgumentException bad) {
                        throw new IllegalArgumentException("'" + image + "' is not a valid image reference: "
                                + bad.getMessage());
                    }
                    bases.put(tier, image);
                } catch (IllegalArgumentException ex) {
                    throw new IOException(source + ": bases." + e.getKey() + ": " + ex.getMessage());
                }
            }
        }

        Set<Tier> tiers = null;
        JsonNode t = root.path("tiers");
        if (!t.isMissingNode()) {
            if (!t.isArray()) throw new IOException(source + ": \"tiers\" must be an array of tier names");
            tiers = new LinkedHashSet<>();
            for (JsonNode n : t) {
                try {
                    if (!n.isTextual()) throw new IllegalArgumentException("expected a tier name, not " + n);
                    tiers.add(Tier.parse(n.asText()));
                } catch (IllegalArgumentException ex) {
                    throw new IOException(source + ": tiers: " + ex.getMessage());
                }
            }
        }
        Integer parallel = positiveInt(root, "parallel", source);
        Integer timeout = positiveInt(root, "probeTimeoutSeconds", source);
        JsonNode net = root.path("buildNetwork");
        if (!net.isMissingNode() && !net.isNull() && (!net.isTextual() || !net.asText().matches("[A-Za-z0-9][\\w.:-]*"))) {
            throw new IOException(source + ": \"buildNetwork\" must be a network name such as \"host\"");
        }
        return new ProjectConfig(probes, bases, tiers, parallel, timeout, root);
    }

    private static Integer positiveInt(JsonNode root, String field, String source) throws IOException {
        JsonNode n = root.path(field);
        if (n.isMissingNode() || n.isNull()) return null;
        if (!n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < 1) {
            throw new IOException(source + ": \"" + field + "\" must be a whole number of at least 1");
        }
        return n.asInt();
    }

    private static Probe probeFrom(String name, String command, boolean enabled) {
        List<String> argv = CommandLineSplitter.split(command);
        if (argv.isEmpty()) throw new IllegalArgumentException("empty command");
        return new Probe(name == null || name.isBlank() ? command : name, argv, "project", enabled);
    }

    /** The network of the builds' RUN steps ("host", …), null for the engine's default. */
    public String buildNetwork() {
        JsonNode n = raw == null ? null : raw.path("buildNetwork");
        return n == null || !n.isTextual() ? null : n.asText();
    }

    /** This config with other probes (what the GUI's probe editor saves). */
    public ProjectConfig withProbes(List<Probe> newProbes) {
        return new ProjectConfig(newProbes, bases, tiers, parallel, probeTimeoutSeconds, raw);
    }

    /** Writes {@code dir/.baseshift.json} atomically, keeping fields BaseShift does not know. Called only on Save. */
    public void save(Path dir) throws IOException {
        ObjectNode root = raw != null && raw.isObject() ? ((ObjectNode) raw).deepCopy() : MAPPER.createObjectNode();
        ArrayNode arr = root.putArray("probes");
        for (Probe probe : probes) {
            ObjectNode o = arr.addObject();
            o.put("name", probe.name());
            o.put("command", CommandLineSplitter.join(probe.argv()));
            if (!probe.enabled()) o.put("enabled", false);
        }
        if (!bases.isEmpty()) {
            ObjectNode bn = root.putObject("bases");
            bases.forEach((tier, image) -> bn.put(tier.id(), image));
        }
        Path file = dir.resolve(FILE_NAME);
        Path tmp = Files.createTempFile(dir, ".baseshift", ".tmp");
        try {
            Files.writeString(tmp, MAPPER.writeValueAsString(root) + "\n");
            // a temp file is 0600: the config keeps the mode it had, or a new one gets 0644 like any file the user makes
            try {
                Files.setPosixFilePermissions(tmp, Files.exists(file) ? Files.getPosixFilePermissions(file)
                        : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the folder's own rules apply
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
