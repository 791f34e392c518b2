package dev.baseshift.advice;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Package names across package managers (packages.json): {@code libpq-dev} on apt is {@code postgresql-dev} on apk. */
public final class PackageTable {
    private static final PackageTable BUNDLED = load("packages.json");

    /** One row: for each manager key, the names to install ("" = not needed there); absent = no known equivalent. */
    private record Row(Map<String, String> names, List<String> aliases) {}

    /** Where a name maps to: the names to install (empty when the target needs nothing), or unknown. */
    record Mapping(String source, List<String> names, boolean known) {
        boolean notNeeded() { return known && names.isEmpty(); }
    }

    private final Map<String, Row> bySourceName = new HashMap<>();

    private PackageTable(List<Row> rows) {
        for (Row row : rows) {
            for (String value : row.names().values()) {
                for (String n : value.split(" ")) if (!n.isBlank()) bySourceName.putIfAbsent(n.toLowerCase(Locale.ROOT), row);
            }
            for (String alias : row.aliases()) bySourceName.putIfAbsent(alias.toLowerCase(Locale.ROOT), row);
        }
        // a row's own single name wins over being part of another row (gcc alone is gcc, not build-essential)
        for (Row row : rows) {
            for (String value : row.names().values()) {
                if (!value.isBlank() && !value.contains(" ")) bySourceName.put(value.toLowerCase(Locale.ROOT), row);
            }
        }
    }

    public static PackageTable bundled() {
        return BUNDLED;
    }

    private static PackageTable load(String resource) {
        List<Row> rows = new ArrayList<>();
        for (JsonNode r : AdviceData.read(resource).path("packages")) {
            Map<String, String> names = new HashMap<>();
            for (PackageManager m : PackageManager.values()) {
                if (r.has(m.key())) names.put(m.key(), r.get(m.key()).asText());
            }
            List<String> aliases = new ArrayList<>();
            r.path("aliases").forEach(a -> aliases.add(a.asText()));
            rows.add(new Row(names, aliases));
        }
        return new PackageTable(rows);
    }

    /** The target's names for a package, version pins removed. */
    Mapping map(String name, PackageManager to) {
        String bare = bare(name);
        Row row = bySourceName.get(bare.toLowerCase(Locale.ROOT));
        if (row == null || !row.names().containsKey(to.key())) return new Mapping(name, List.of(bare), false);
        String value = row.names().get(to.key()).trim();
        return new Mapping(name, value.isEmpty() ? List.of() : Arrays.asList(value.split(" +")), true);
    }

    /** Every name that means the same software as {@code name}, under any manager (for "was it installed?"). */
    Set<String> equivalents(String name) {
        String bare = bare(name).toLowerCase(Locale.ROOT);
        Set<String> all = new LinkedHashSet<>();
        all.add(bare);
        Optional.ofNullable(bySourceName.get(bare)).ifPresent(row -> {
            row.names().values().forEach(v -> all.addAll(Arrays.asList(v.trim().split(" +"))));
            all.addAll(row.aliases());
        });
        all.remove("");
        return all;
    }

    /**
     * The names to install under a manager ({@code "apt"}, {@code "apk"}, {@code "rpm"}) for a package named under any
     * manager, version pins removed: empty list = the target needs nothing for it; empty Optional = no known equivalent.
     */
    public java.util.Optional<List<String>> namesFor(String name, String managerKey) {
        Mapping m = PackageManager.ofTrait(managerKey).map(to -> map(name, to)).orElse(null);
        return m == null || !m.known() ? java.util.Optional.empty() : java.util.Optional.of(List.copyOf(m.names()));
    }

    /** {@code curl=7.88.1-10} → {@code curl}; apk's {@code curl>8} likewise. */
    public static String bare(String name) {
        int cut = name.length();
        for (char c : new char[] {'=', '<', '>', '~'}) {
            int i = name.indexOf(c);
            if (i > 0 && i < cut) cut = i;
        }
        return name.substring(0, cut);
    }
}
