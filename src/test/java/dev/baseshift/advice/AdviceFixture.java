package dev.baseshift.advice;

import dev.baseshift.catalog.BaseMatch;
import dev.baseshift.catalog.BaseTraits;
import dev.baseshift.catalog.Family;
import dev.baseshift.catalog.Tier;
import dev.baseshift.catalog.TierOption;
import dev.baseshift.dockerfile.Dockerfile;
import dev.baseshift.dockerfile.DockerfileException;
import dev.baseshift.dockerfile.DockerfileParser;
import dev.baseshift.dockerfile.StageGraph;

import java.util.List;
import java.util.Map;

/** Targets with the traits the catalog gives each kind of base, and a one-call way to advise on Dockerfile text. */
final class AdviceFixture {
    static final BaseTraits DEBIAN = new BaseTraits(true, "apt", "glibc", true, true, List.of("root", "nobody"), null);
    static final BaseTraits ALPINE = new BaseTraits(true, "apk", "musl", true, false, List.of("root", "nobody"), null);
    static final BaseTraits FEDORA = new BaseTraits(true, "dnf", "glibc", true, true, List.of("root", "nobody"), null);
    static final BaseTraits DISTROLESS = new BaseTraits(false, null, "glibc", true, true,
            List.of("root", "nonroot", "nobody"), null);
    static final BaseTraits DISTROLESS_STATIC = new BaseTraits(false, null, null, true, true,
            List.of("root", "nonroot", "nobody"), null);
    static final BaseTraits SCRATCH_TRAITS = new BaseTraits(false, null, null, false, false, List.of(), null);

    static final TierOption SLIM = new TierOption(Tier.SLIM, "python:3.12-slim-trixie", DEBIAN, "", false);
    static final TierOption ALPINE_PY = new TierOption(Tier.ALPINE, "python:3.12-alpine", ALPINE, "", false);
    static final TierOption DISTROLESS_PY = new TierOption(Tier.DISTROLESS, "gcr.io/distroless/python3-debian13",
            withLanguage(DISTROLESS, "3.13"), "", false);
    static final TierOption STATIC = new TierOption(Tier.DISTROLESS, "gcr.io/distroless/static-debian13",
            DISTROLESS_STATIC, "", false);
    static final TierOption SCRATCH = new TierOption(Tier.SCRATCH, "scratch", SCRATCH_TRAITS, "", false);
    static final TierOption UBI = new TierOption(Tier.SLIM, "registry.access.redhat.com/ubi9/ubi-minimal",
            new BaseTraits(true, "microdnf", "glibc", true, true, List.of("root", "nobody"), null), "", true);

    private AdviceFixture() {}

    static BaseTraits withLanguage(BaseTraits t, String version) {
        return new BaseTraits(t.shell(), t.packageManager(), t.libc(), t.caCertificates(), t.tzdata(), t.users(), version);
    }

    /** A family as the catalog would give it; description() and tiers() match the catalog's fuller interface. */
    static Family family(String name) {
        return new Family() {
            @Override
            public String name() { return name; }

            public String description() { return name + " images"; }

            public List<Tier> tiers() { return List.of(Tier.FULL, Tier.SLIM, Tier.ALPINE, Tier.DISTROLESS); }
        };
    }

    /** What the catalog would say of an original base of this family, tier and version. */
    static BaseMatch match(String family, Tier tier, String version, TierOption original, TierOption... others) {
        List<TierOption> spectrum = new java.util.ArrayList<>(List.of(original));
        spectrum.addAll(List.of(others));
        return new BaseMatch(family(family), tier, version, spectrum);
    }

    static BaseMatch pythonFull(String version) {
        TierOption full = new TierOption(Tier.FULL, "python:" + version, DEBIAN, "", false);
        return match("python", Tier.FULL, version, full, SLIM, ALPINE_PY, DISTROLESS_PY);
    }

    static List<Finding> advise(String dockerfile, TierOption target) {
        return advise(dockerfile, null, target);
    }

    static List<Finding> advise(String dockerfile, BaseMatch from, TierOption target) {
        try {
            Dockerfile df = DockerfileParser.parse("Dockerfile", dockerfile);
            StageGraph graph = StageGraph.of(df, Map.of(), null);
            return new Advisor().advise(df, graph, from, target);
        } catch (DockerfileException e) {
            throw new AssertionError("test Dockerfile does not parse: " + e.getMessage(), e);
        }
    }

    static List<Finding> advise(String dockerfile, TierOption target, String rule) {
        return advise(dockerfile, null, target).stream().filter(f -> f.rule().equals(rule)).toList();
    }
}
