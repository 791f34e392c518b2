package dev.baseshift.diagnosis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The repair table (repairs.json) and the programs → Debian package table the advice rules keep (tools.json). */
final class RepairData {
    private static final RepairData BUNDLED = new RepairData();

    final Map<String, List<String>> compile = new HashMap<>();
    final Map<String, List<String>> toolchain = new HashMap<>();
    final String glibcOnMusl;
    final String caCertificates;
    final String caBundle;
    final Set<String> caBundleBases = new LinkedHashSet<>();
    final Set<String> libcSonames = new LinkedHashSet<>();
    final List<String> libraryDirs = new ArrayList<>();
    final Set<String> aptOnlyCommands = new LinkedHashSet<>();
    final List<String> aptPaths = new ArrayList<>();
    final Map<String, String> tools = new HashMap<>();

    private RepairData() {
        JsonNode root = read("/dev/baseshift/diagnosis/repairs.json");
        root.path("compile").fields().forEachRemaining(e -> compile.put(e.getKey(), words(e.getValue().asText())));
        root.path("compileToolchain").fields().forEachRemaining(e -> toolchain.put(e.getKey(), words(e.getValue().asText())));
        glibcOnMusl = root.path("glibcOnMusl").asText();
        caCertificates = root.path("caCertificates").asText();
        caBundle = root.path("caBundle").asText();
        root.path("caBundleBases").forEach(n -> caBundleBases.add(n.asText()));
        root.path("libcSonames").forEach(n -> libcSonames.add(n.asText()));
        root.path("libraryDirs").forEach(n -> libraryDirs.add(n.asText()));
        root.path("aptOnlyCommands").forEach(n -> aptOnlyCommands.add(n.asText()));
        root.path("aptPaths").forEach(n -> aptPaths.add(n.asText()));
        read("/dev/baseshift/advice/tools.json").path("tools").fields()
                .forEachRemaining(e -> tools.put(e.getKey(), e.getValue().asText()));
    }

    static RepairData bundled() {
        return BUNDLED;
    }

    private static List<String> words(String s) {
        return s.isBlank() ? List.of() : Arrays.asList(s.trim().split("\\s+"));
    }

    private static JsonNode read(String resource) {
        try (InputStream in = RepairData.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing resource " + resource);
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
