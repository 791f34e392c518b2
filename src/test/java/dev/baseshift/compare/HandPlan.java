package dev.baseshift.compare;

import dev.baseshift.catalog.Tier;
import dev.baseshift.plan.BaseInfo;
import dev.baseshift.plan.Plan;
import dev.baseshift.plan.Probe;
import dev.baseshift.plan.Variant;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plan made by hand for service tests: the project's Dockerfile with the first FROM image swapped per tier, so the
 * service is tested on its own, whatever the planner does.
 */
final class HandPlan {
    private HandPlan() {}

    /** @param bases tier → image, fullest first; the first entry is the original */
    static Plan of(Path projectDir, Map<Tier, String> bases, List<Probe> probes) {
        String text;
        try {
            text = Files.readString(projectDir.resolve("Dockerfile"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String original = bases.values().iterator().next();
        List<Variant> variants = new ArrayList<>();
        boolean first = true;
        for (Map.Entry<Tier, String> e : bases.entrySet()) {
            String dockerfile = text.replaceFirst("(?m)^FROM " + java.util.regex.Pattern.quote(original) + "$",
                    "FROM " + e.getValue());
            variants.add(new Variant(e.getKey(), e.getValue(), dockerfile, List.of(), first, false));
            first = false;
        }
        return new Plan(projectDir, "Dockerfile", null, null,
                new BaseInfo(original, null, bases.keySet().iterator().next(), null), variants, probes, Map.of(),
                null);
    }

    static Map<Tier, String> tiny() {
        Map<Tier, String> m = new LinkedHashMap<>();
        m.put(Tier.FULL, "bsfixture/tiny:full");
        m.put(Tier.ALPINE, "bsfixture/tiny:musl");
        m.put(Tier.DISTROLESS, "bsfixture/tiny:noshell");
        m.put(Tier.SCRATCH, "scratch");
        return m;
    }

    static Map<Tier, String> py() {
        Map<Tier, String> m = new LinkedHashMap<>();
        m.put(Tier.FULL, "bsfixture/py:full");
        m.put(Tier.SLIM, "bsfixture/py:slim");
        m.put(Tier.DISTROLESS, "bsfixture/py:distroless");
        m.put(Tier.SCRATCH, "scratch");
        return m;
    }

    static Probe probe(String name, String... argv) {
        return new Probe(name, List.of(argv), "user", true);
    }
}
