package dev.baseshift.diagnosis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baseshift.catalog.BaseTraits;
import dev.baseshift.catalog.Tier;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one golden case folder: {@code Dockerfile} (the plain variant), {@code case.json} (tier, original base,
 * target traits, diagnoses), and the expected {@code expected.Dockerfile} / {@code expected-unresolved.txt}.
 */
final class RepairCases {
    static final Path ROOT = Path.of("src/test/resources/dev/baseshift/diagnosis/repair");

    private RepairCases() {}

    static RepairPatch run(Path dir) throws Exception {
        JsonNode c = new ObjectMapper().readTree(dir.resolve("case.json").toFile());
        Tier tier = Tier.parse(c.path("tier").asText());
        String text = Files.readString(dir.resolve("Dockerfile"), StandardCharsets.UTF_8);
        RepairRequest r = RepairRequest.of("Dockerfile." + tier.id(), text, tier, traits(tier, c.path("target")),
                c.path("originalBase").asText(), diagnoses(c.path("diagnoses")), null);
        return Repairer.patch(r);
    }

    static BaseTraits traits(Tier tier, JsonNode t) {
        if (!t.isMissingNode()) {
            List<String> users = new ArrayList<>();
            t.path("users").forEach(u -> users.add(u.asText()));
            return new BaseTraits(t.path("shell").asBoolean(), t.path("packageManager").isNull() ? null
                    : t.path("packageManager").asText(null), t.path("libc").isNull() ? null : t.path("libc").asText(null),
                    false, false, users, null);
        }
        return switch (tier) {
            case ALPINE -> new BaseTraits(true, "apk", "musl", false, false, List.of("root", "nobody"), null);
            case SLIM, FULL, ORIGINAL -> new BaseTraits(true, "apt", "glibc", true, true, List.of("root", "nobody"), null);
            case DISTROLESS -> new BaseTraits(false, null, "glibc", true, true, List.of("root", "nonroot", "nobody"), null);
            case SCRATCH -> new BaseTraits(false, null, null, false, false, List.of(), null);
        };
    }

    static List<Diagnosis> diagnoses(JsonNode list) {
        List<Diagnosis> out = new ArrayList<>();
        for (JsonNode d : list) {
            JsonNode p = d.path("providedBy");
            Diagnosis.Provider provider = p.isMissingNode() ? null : new Diagnosis.Provider(p.path("path").asText(null),
                    p.path("package").asText(null), p.path("manager").asText(null), p.path("version").asText(null));
            out.add(new Diagnosis(Diagnosis.Kind.valueOf(d.path("kind").asText().toUpperCase(Locale.ROOT)),
                    d.path("evidence").asText(""), d.path("missing").asText(""), provider, d.path("line").asInt(),
                    null));
        }
        return out;
    }

    static String expected(Path dir, String file) throws IOException {
        Path p = dir.resolve(file);
        return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
    }

    static String unresolvedText(RepairPatch patch) {
        StringBuilder s = new StringBuilder();
        for (String u : patch.unresolved()) s.append(u).append('\n');
        return s.toString();
    }

    static Map<Integer, List<String>> noReasons() {
        return Map.of();
    }
}
