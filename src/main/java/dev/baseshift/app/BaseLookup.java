package dev.baseshift.app;

import dev.baseshift.engine.ContainerEngine;
import dev.baseshift.engine.EngineInfo;
import dev.baseshift.engine.ImageDetails;
import dev.baseshift.plan.Plan;
import dev.baseshift.plan.TagLookup;
import dev.baseshift.plan.Variant;
import dev.baseshift.registry.BaseFacts;
import dev.baseshift.registry.BaseFactsService;
import dev.baseshift.registry.LocalFacts;
import dev.baseshift.registry.Platform;
import dev.baseshift.registry.RegistrySettings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Base facts and tag checks for both faces: what every variant's base weighs and whether its tag exists, from the
 * local engine when it has the image, else the registry (manifests only, never a layer), else the facts cache.
 * One instance remembers its tag checks, so planning again (a slider move, a re-plan after the facts came in) asks
 * no registry twice.
 */
public final class BaseLookup {
    private final BaseFactsService service;
    private final Platform platform;
    private final Map<String, BaseFactsService.TagCheck> checked = new ConcurrentHashMap<>();

    public BaseLookup(BaseFactsService service, Platform platform) {
        this.service = service;
        this.platform = platform;
    }

    /**
     * The user's registry setup (as the Docker CLI reads it) with the engine as the local source when one is given.
     *
     * @param platform the platform asked for, or null for the engine's own (linux/amd64 without an engine)
     */
    public static BaseLookup of(ContainerEngine engine, Platform platform) {
        return of(engine, platform, true);
    }

    /** @param askRegistries false ({@code --no-registry}): tags are not checked, facts are local or cached (stale) */
    public static BaseLookup of(ContainerEngine engine, Platform platform, boolean askRegistries) {
        return new BaseLookup(new BaseFactsService(RegistrySettings.fromEnvironment(), local(engine), askRegistries),
                platform != null ? platform : enginePlatform(engine));
    }

    public Platform platform() {
        return platform;
    }

    /** The engine's platform, linux/amd64 when there is no engine or it does not say. */
    public static Platform enginePlatform(ContainerEngine engine) {
        EngineInfo info = engine == null ? null : engine.info();
        if (info == null || info.arch() == null) return Platform.LINUX_AMD64;
        return Platform.ofEngine(info.os(), info.arch());
    }

    /** Tag checks for the planner, remembered per reference. */
    public TagLookup tags() {
        return reference -> checked.computeIfAbsent(reference, service::checkTag);
    }

    /**
     * The tag checks already made, asking no registry (UNKNOWN for the rest): planning with these is instant and
     * keeps the fallbacks an earlier {@link #tags()} found.
     */
    public TagLookup knownTags() {
        return reference -> checked.getOrDefault(reference, TagLookup.NONE.check(reference));
    }

    /** Facts of every variant's base, by the variant's label, in the plan's order. */
    public Map<String, BaseFacts> facts(Plan plan) {
        List<String> bases = plan.variants().stream().map(Variant::base).distinct().toList();
        Map<String, BaseFacts> byBase = service.factsAll(bases, platform);
        Map<String, BaseFacts> out = new LinkedHashMap<>();
        for (Variant v : plan.variants()) out.put(v.label(), byBase.get(v.base()));
        return out;
    }

    private static LocalFacts local(ContainerEngine engine) {
        if (engine == null) return LocalFacts.NONE;
        return reference -> {
            try {
                Optional<ImageDetails.Local> here = engine.local(reference);
                return here.map(i -> new LocalFacts.LocalImage(i.id(), i.sizeBytes(), i.created(), i.layers(),
                        Platform.ofEngine(i.os(), i.architecture()),
                        i.repoDigests().isEmpty() ? null : digestOf(i.repoDigests().get(0))));
            } catch (dev.baseshift.engine.EngineException e) {
                return Optional.empty();
            }
        };
    }

    /** "python@sha256:ab…" → "sha256:ab…". */
    private static String digestOf(String repoDigest) {
        int at = repoDigest.indexOf('@');
        return at < 0 ? repoDigest : repoDigest.substring(at + 1);
    }
}
