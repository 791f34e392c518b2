package dev.baseshift.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baseshift.dockerfile.ImageReference;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Base facts in the order that is cheapest and most exact: the local engine (exact on-disk size), else the
 * registry (manifest, index and config, never a layer), else the last facts cached on disk, marked stale.
 * Each registry gets {@link RegistrySettings#timeout()} per lookup; a registry that could not be reached is not
 * asked again for a while, so a plan with five tiers on an offline docker.io costs one failed connection, not five.
 */
public final class BaseFactsService {
    private static final Duration REMEMBER_UNREACHABLE = Duration.ofSeconds(60);

    private final RegistryClient client;
    private final FactsCache cache;
    private final LocalFacts local;
    private final RegistrySettings settings;
    private final boolean askRegistries;
    private static final String NOT_ASKED = "registries not asked (--no-registry)";
    private final Map<String, Unreachable> unreachable = new ConcurrentHashMap<>();

    private record Unreachable(String message, Instant until) {}

    /** The outcome of a tag check. */
    public enum TagStatus { EXISTS, MISSING, UNKNOWN }

    /** @param message for MISSING "python:3.12-slim-trixie: no such tag on docker.io"; for UNKNOWN why it is unknown */
    public record TagCheck(String reference, TagStatus status, String digest, String message) {}

    public BaseFactsService(RegistrySettings settings, LocalFacts local) {
        this(settings, local, true);
    }

    /** @param askRegistries false: no registry is contacted (local facts, else the cache marked stale) */
    public BaseFactsService(RegistrySettings settings, LocalFacts local, boolean askRegistries) {
        this.askRegistries = askRegistries;
        this.settings = settings;
        this.client = new RegistryClient(settings);
        this.cache = settings.cacheDir() != null ? new FactsCache(settings.cacheDir()) : null;
        this.local = local != null ? local : LocalFacts.NONE;
    }

    public static BaseFactsService fromEnvironment(LocalFacts local) {
        return new BaseFactsService(RegistrySettings.fromEnvironment(), local);
    }

    public RegistrySettings settings() {
        return settings;
    }

    /** Manifest HEAD: does the tag exist? Never throws; an unreachable registry gives UNKNOWN. */
    public TagCheck checkTag(String reference) {
        ImageReference ref;
        try {
            ref = ImageReference.parse(reference);
        } catch (IllegalArgumentException e) {
            return new TagCheck(reference, TagStatus.UNKNOWN, null, e.getMessage());
        }
        if (isScratch(ref)) return new TagCheck(reference, TagStatus.EXISTS, null, null);
        if (!askRegistries) return new TagCheck(reference, TagStatus.UNKNOWN, null, NOT_ASKED);
        String registry = ref.domain();
        Optional<String> down = down(registry);
        if (down.isPresent()) return new TagCheck(reference, TagStatus.UNKNOWN, null, down.get());
        try {
            Optional<String> digest = client.head(ref, deadline());
            return digest.map(d -> new TagCheck(reference, TagStatus.EXISTS, d, null))
                    .orElseGet(() -> new TagCheck(reference, TagStatus.MISSING, null,
                            reference + ": no such tag on " + registry));
        } catch (RegistryException e) {
            remember(registry, e);
            return new TagCheck(reference, TagStatus.UNKNOWN, null, e.getMessage());
        }
    }

    /** Facts for several references at once (in parallel), in the given order. */
    public Map<String, BaseFacts> factsAll(List<String> references, Platform platform) {
        Map<String, BaseFacts> out = new LinkedHashMap<>();
        List<String> distinct = references.stream().distinct().toList();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(6, distinct.size())), r -> {
            Thread t = new Thread(r, "base-facts");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<BaseFacts>> futures = new ArrayList<>();
            for (String r : distinct) futures.add(pool.submit(() -> facts(r, platform)));
            for (int i = 0; i < distinct.size(); i++) {
                try {
                    out.put(distinct.get(i), futures.get(i).get());
                } catch (java.util.concurrent.ExecutionException e) {
                    out.put(distinct.get(i), BaseFacts.unavailable(distinct.get(i), platform, String.valueOf(e.getCause())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return out;
    }

    /** Facts for one reference; never throws (what went wrong is in {@link BaseFacts#problem()}). */
    public BaseFacts facts(String reference, Platform platform) {
        ImageReference ref;
        try {
            ref = ImageReference.parse(reference);
        } catch (IllegalArgumentException e) {
            return BaseFacts.unavailable(reference, platform, e.getMessage());
        }
        if (isScratch(ref)) {
            // FROM scratch is no image: nothing to pull, every platform.
            return new BaseFacts(reference, BaseFacts.Source.LOCAL, null, 0L, 0L, List.of(), null, 0, null,
                    platform.toString(), true, true, false, null, null);
        }
        Optional<LocalFacts.LocalImage> here = Optional.empty();
        try {
            here = local.inspect(reference).filter(i -> platform.accepts(i.platform()));
        } catch (RuntimeException ignored) {
            // an engine that fails to answer just means nothing is known locally
        }
        BaseFacts remote = remote(ref, reference, platform);
        if (here.isPresent()) return remote.withLocal(here.get());
        return remote;
    }

    private BaseFacts remote(ImageReference ref, String reference, Platform platform) {
        String registry = ref.domain();
        Optional<BaseFacts> cached = cache != null ? cache.get(reference, platform) : Optional.empty();
        if (!askRegistries) return offline(reference, platform, cached, NOT_ASKED);
        Optional<String> down = down(registry);
        if (down.isPresent()) return offline(reference, platform, cached, down.get());
        Instant deadline = deadline();
        try {
            Optional<String> digest = client.head(ref, deadline);
            if (digest.isEmpty()) {
                BaseFacts missing = new BaseFacts(reference, BaseFacts.Source.REGISTRY, null, null, null, List.of(),
                        null, null, null, platform.toString(), null, false, false, Instant.now().toString(),
                        reference + ": no such tag on " + registry);
                if (cache != null) cache.put(missing, platform);
                return missing;
            }
            if (cached.isPresent() && digest.get().equals(cached.get().digest()) && cached.get().tagExists() != Boolean.FALSE) {
                return cached.get().fromCache();
            }
            BaseFacts fresh = read(ref, reference, platform, deadline);
            if (cache != null) cache.put(fresh, platform);
            return fresh;
        } catch (RegistryException e) {
            if (isConnectionProblem(e)) remember(registry, e);
            return offline(reference, platform, cached, e.getMessage());
        }
    }

    private static BaseFacts offline(String reference, Platform platform, Optional<BaseFacts> cached, String why) {
        return cached.map(c -> c.asStale(why)).orElseGet(() -> BaseFacts.unavailable(reference, platform, why));
    }

    /** Manifest (→ index → the platform's manifest) and config: sizes, layers, created, platforms. */
    private BaseFacts read(ImageReference ref, String reference, Platform platform, Instant deadline) throws RegistryException {
        String registry = ref.domain();
        RegistryClient.Fetched top = client.manifest(ref, null, deadline);
        Manifest m = Manifest.parse(top.body(), top.contentType(), registry, reference);
        List<String> platforms = new ArrayList<>();
        Manifest.Image image;
        if (m instanceof Manifest.Index index) {
            index.platforms().forEach(p -> platforms.add(p.toString()));
            Optional<Manifest.Descriptor> entry = index.manifests().stream()
                    .filter(d -> d.platform() != null && platform.accepts(d.platform())).findFirst();
            if (entry.isEmpty()) {
                return new BaseFacts(reference, BaseFacts.Source.REGISTRY, top.digest(), null, null, platforms, null,
                        null, null, platform.toString(), false, true, false, Instant.now().toString(), null);
            }
            RegistryClient.Fetched one = client.manifest(ref, entry.get().digest(), deadline);
            Manifest inner = Manifest.parse(one.body(), one.contentType(), registry, reference + " (" + platform + ")");
            if (!(inner instanceof Manifest.Image img)) {
                throw new RegistryException(registry, reference + ": index entry for " + platform + " is another index");
            }
            image = img;
        } else {
            image = (Manifest.Image) m;
        }
        byte[] configBytes = client.blob(ref, image.config().digest(), deadline);
        String created = null;
        Boolean available = true;
        try {
            JsonNode config = new ObjectMapper().readTree(configBytes);
            created = config.hasNonNull("created") ? config.get("created").asText() : null;
            if (m instanceof Manifest.Image) {
                Platform own = new Platform(config.path("os").asText("linux"), config.path("architecture").asText("amd64"),
                        config.hasNonNull("variant") ? config.get("variant").asText() : null);
                platforms.add(own.toString());
                available = platform.accepts(own);
            }
        } catch (IOException e) {
            throw new RegistryException(registry, reference + ": image config is not JSON");
        }
        return new BaseFacts(reference, BaseFacts.Source.REGISTRY, top.digest(),
                Boolean.TRUE.equals(available) ? image.compressedBytes() : null, null, platforms, created,
                image.layers().size(), null, platform.toString(), available, true, false, Instant.now().toString(), null);
    }

    private Instant deadline() {
        return Instant.now().plus(settings.timeout());
    }

    private Optional<String> down(String registry) {
        Unreachable u = unreachable.get(registry);
        if (u == null) return Optional.empty();
        if (Instant.now().isAfter(u.until())) {
            unreachable.remove(registry);
            return Optional.empty();
        }
        return Optional.of(u.message());
    }

    private void remember(String registry, RegistryException e) {
        if (isConnectionProblem(e)) unreachable.put(registry, new Unreachable(e.getMessage(), Instant.now().plus(REMEMBER_UNREACHABLE)));
    }

    private static boolean isConnectionProblem(RegistryException e) {
        String m = e.getMessage();
        return m.contains("unknown host") || m.contains("cannot connect") 
                || m.contains("no answer within");
    }

    private static boolean isScratch(ImageReference ref) {
        return ref.canonicalName().equals("docker.io/library/scratch") && ref.tag() == null && ref.digest() == null;
    }
}
