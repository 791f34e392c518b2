package dev.baseshift.cli;

import dev.baseshift.app.BaseLookup;
import dev.baseshift.catalog.Catalog;
import dev.baseshift.catalog.Tier;
import dev.baseshift.dockerfile.ImageReference;
import dev.baseshift.plan.CommandLineSplitter;
import dev.baseshift.plan.Plan;
import dev.baseshift.plan.PlanRequest;
import dev.baseshift.plan.Planner;
import dev.baseshift.plan.Probe;
import dev.baseshift.plan.SampleProject;
import dev.baseshift.engine.ContainerEngine;
import dev.baseshift.registry.Platform;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The options {@code plan} and {@code compare} share: which project, which Dockerfile, which bases, which probes. */
public final class PlanOptions {

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR",
            description = "The project folder (default: the bundled sample project).")
    Path dir;

    @Option(names = "--dockerfile", paramLabel = "F", description = "The Dockerfile, relative to DIR (default: found).")
    String dockerfile;

    @Option(names = "--build-arg", paramLabel = "K=V", description = "A build argument (repeatable).")
    Map<String, String> buildArgs = new LinkedHashMap<>();

    @Option(names = "--target", paramLabel = "STAGE", description = "The stage to build (default: the last).")
    String target;

    @Option(names = "--tiers", split = ",", paramLabel = "TIER",
            description = "Tiers to consider besides the original: full, slim, alpine, distroless, scratch.")
    List<String> tiers;

    @Option(names = "--base", paramLabel = "TIER=IMAGE",
            description = "Use IMAGE for TIER (repeatable); makes private and unknown bases work.")
    Map<String, String> bases = new LinkedHashMap<>();

    @Option(names = "--probe", paramLabel = "CMD",
            description = "A command to run in each variant, e.g. \"python -c 'import numpy'\" (repeatable).")
    List<String> probes = new ArrayList<>();

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]",
            description = "Whose base sizes to show, e.g. linux/arm64 (default: the engine's platform).")
    String platform;

    @Option(names = "--no-registry",
            description = "Ask no registry: no tag checks; base facts come from the engine or the facts cache.")
    boolean noRegistry;

    /** Base facts and tag checks as these options ask for them; {@code engine} may be null. */
    BaseLookup lookup(ContainerEngine engine) {
        return BaseLookup.of(engine, platform == null ? null : Platform.parse(platform.trim()), !noRegistry);
    }

    /** The platform to build for: the one asked for when it is not the engine's own, else null (the engine's). */
    String buildPlatform(ContainerEngine engine) {
        if (platform == null) return null;
        Platform asked = Platform.parse(platform.trim());
        Platform own = BaseLookup.enginePlatform(engine);
        return own.accepts(asked) && asked.accepts(own) ? null : asked.toString();
    }

    /** The project folder the user named, or the sample copied out of the jar. */
    Path projectDir() throws IOException {
        return dir != null ? dir : SampleProject.extract();
    }

    /** Tiers, base images and probes as typed, checked before anything is read or built. */
    void checkOptions() {
        bases.forEach((k, v) -> {
            parseTier(k, "--base");
            if (v == null || v.isBlank()) throw new IllegalArgumentException("--base " + k + "= needs an image");
            try {
                ImageReference.parse(v.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--base " + k + "=" + v.trim() + ": " + e.getMessage());
            }
        });
        if (tiers != null) tiers.forEach(t -> parseTier(t, "--tiers"));
        if (platform != null) {
            try {
                Platform.parse(platform.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--platform: " + e.getMessage());
            }
        }
    }

    PlanRequest request() throws IOException {
        checkOptions();
        Map<Tier, String> overrides = new EnumMap<>(Tier.class);
        bases.forEach((k, v) -> {
            if (v == null || v.isBlank()) throw new IllegalArgumentException("--base " + k + "= needs an image");
            overrides.put(parseTier(k, "--base"), v.trim());
        });
        Set<Tier> tierSet = null;
        if (tiers != null) {
            tierSet = new LinkedHashSet<>();
            for (String t : tiers) tierSet.add(parseTier(t, "--tiers"));
            tierSet.addAll(overrides.keySet());
        }
        List<Probe> extra = new ArrayList<>();
        for (String p : probes) {
            List<String> argv;
            try {
                argv = CommandLineSplitter.split(p);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--probe: " + e.getMessage());
            }
            if (argv.isEmpty()) throw new IllegalArgumentException("--probe needs a command");
            extra.add(new Probe(p, argv, "user", true));
        }
        return new PlanRequest(projectDir(), dockerfile, buildArgs, target, overrides, extra, tierSet);
    }

    /** The plan, every tag the catalog proposes checked against its registry (unless --no-registry). */
    Plan plan(BaseLookup lookup) throws Exception {
        return new Planner(Catalog.loadDefault()).plan(request(), lookup.tags());
    }

    /**
     * One line per tier asked for with --tiers that has no image for this base: it is not compared, and the user
     * learns how to give it one.
     */
    List<String> missingTiers(Plan plan) {
        List<String> out = new ArrayList<>();
        if (tiers == null) return out;
        for (String t : tiers) {
            Tier tier = parseTier(t, "--tiers");
            if (plan.variant(tier).isPresent() || plan.base().tier() == tier) continue;
            out.add("no " + tier.id() + " image is known for " + plan.base().ref()
                    + (plan.base().family() == null ? " (unknown family)" : " (family " + plan.base().family() + ")")
                    + ": " + tier.id() + " is not compared; name one with --base " + tier.id() + "=IMAGE");
        }
        return out;
    }

    private static Tier parseTier(String text, String option) {
        try {
            Tier t = Tier.parse(text);
            if (t == Tier.ORIGINAL) throw new IllegalArgumentException("'original' is not a tier you can choose");
            return t;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage());
        }
    }
}
