package dev.baseshift.advice;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Libraries of each ecosystem (python, node, ruby) that compile native code when no prebuilt binary fits musl, with
 * the Alpine packages their build needs (native-packages.json).
 */
public final class NativePackages {
    private static final NativePackages BUNDLED = load("native-packages.json");

    private final Map<String, Map<String, List<String>>> needs = new HashMap<>();
    private final Map<String, Set<String>> pure = new HashMap<>();
    private final Map<String, List<String>> buildTools = new HashMap<>();

    public static NativePackages bundled() {
        return BUNDLED;
    }

    /** Alpine packages a library's build needs, or null when it is not known to compile anything. */
    public List<String> buildNeeds(String ecosystem, String library) {
        return needs.getOrDefault(ecosystem, Map.of()).get(library.toLowerCase(Locale.ROOT));
    }

    /** Tools known to install without compiling (pip, poetry, npm itself…). */
    boolean pure(String ecosystem, String library) {
        return pure.getOrDefault(ecosystem, Set.of()).contains(library.toLowerCase(Locale.ROOT));
    }

    /** The Alpine packages that make a compiler toolchain for the ecosystem. */
    public List<String> buildTools(String ecosystem) {
        return buildTools.getOrDefault(ecosystem, List.of("build-base"));
    }

    private static NativePackages load(String resource) {
        JsonNode root = AdviceData.read(resource);
        NativePackages p = new NativePackages();
        for (String eco : List.of("python", "node", "ruby")) {
            Map<String, List<String>> m = new HashMap<>();
            root.path(eco).fields().forEachRemaining(e ->
                    m.put(e.getKey().toLowerCase(Locale.ROOT), Arrays.asList(e.getValue().asText().split(" +"))));
            p.needs.put(eco, m);
            Set<String> pure = new HashSet<>();
            root.path("pure").path(eco).forEach(n -> pure.add(n.asText().toLowerCase(Locale.ROOT)));
            p.pure.put(eco, pure);
            p.buildTools.put(eco, Arrays.asList(root.path("buildTools").path(eco).asText("build-base").split(" +")));
        }
        return p;
    }
}
