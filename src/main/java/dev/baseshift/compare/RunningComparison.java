package dev.baseshift.compare;

import dev.baseshift.catalog.Tier;
import dev.baseshift.dockerfile.Dockerfile;
import dev.baseshift.dockerfile.Instruction;
import dev.baseshift.engine.BuildContext;
import dev.baseshift.engine.ContainerEngine;
import dev.baseshift.engine.ContainerEngine.BuildOutcome;
import dev.baseshift.engine.ContainerEngine.BuildRequest;
import dev.baseshift.engine.ContainerEngine.RunOutcome;
import dev.baseshift.engine.ContainerEngine.RunRequest;
import dev.baseshift.engine.EngineException;
import dev.baseshift.engine.EngineInfo;
import dev.baseshift.engine.ImageDetails;
import dev.baseshift.engine.ImageDetails.HistoryEntry;
import dev.baseshift.engine.LayerDownloads;
import dev.baseshift.plan.Plan;
import dev.baseshift.plan.Probe;
import dev.baseshift.plan.Variant;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** One comparison in progress: workers take variants in plan order until none is left. */
final class RunningComparison implements ComparisonRun {
    /** Probes run with a memory limit so a runaway probe cannot starve the machine. */
    static final long PROBE_MEMORY_BYTES = 512L * 1024 * 1024;
    private static final String SCRATCH = "scratch";
    /** On every variant image: the digest of its inputs ({@link BuildInputs}); equal digests mean the same image. */
    static final String INPUTS_LABEL = "dev.baseshift.inputs";
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "baseshift-compare-timeout");
        t.setDaemon(true);
        return t;
    });

    private static final Executor CLEANUP = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "baseshift-compare-cleanup");
        t.setDaemon(true);
        return t;
    });

    private final ContainerEngine engine;
    private final boolean podman;
    private final Sessions sessions;
    private final Plan plan;
    private final CompareOptions options;
    private final Consumer<ComparisonEvent> listener;
    private final List<Variant> variants;
    private final VariantResult[] results;
    private final Map<Tier, AtomicBoolean> cancelFlags = new EnumMap<>(Tier.class);
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger activeWorkers = new AtomicInteger();
    private final CompletableFuture<ComparisonResult> done = new CompletableFuture<>();
    private final Map<String, Optional<ImageDetails>> baseImages = new ConcurrentHashMap<>();
    private final List<CompletableFuture<Void>> removals = new java.util.concurrent.CopyOnWriteArrayList<>();
    /**
     * Removals that wait for the builds to end: Podman 4.3's storage loses layers under a build that checks its cache
     * while another image is removed ("getting top layer info: layer not known").
     */
    private final List<String> deferred = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, Long> appDownloads = new java.util.concurrent.ConcurrentHashMap<>();
    private final LayerDownloads downloads;
    private final boolean needsBuildKit;
    /** On probe containers: the session (for the crash sweep) and the project. Never on images. */
    private final Map<String, String> labels;
    private final String projectKey;

    private volatile String runCancelReason;
    private Sessions.Session session;
    private Sessions.ProjectLock projectLock;
    private ScheduledFuture<?> timeout;
    private EngineSummary engineSummary;
    private BuildContext context;
    private Exception contextFailure;
    private String contextWarning;
    private boolean prepared;

    RunningComparison(ContainerEngine engine, Sessions sessions, Plan plan, CompareOptions options,
                      Consumer<ComparisonEvent> listener) {
        this.engine = engine;
        this.podman = engine.info() != null && engine.info().podman();
        this.sessions = sessions;
        this.plan = plan;
        this.options = options;
        this.listener = listener;
        this.downloads = new LayerDownloads(engine, LayerDownloads.defaultCacheDir());
        this.variants = plan.variants();
        this.results = new VariantResult[variants.size()];
        for (Variant v : variants) cancelFlags.put(v.tier(), new AtomicBoolean());
        this.needsBuildKit = needsBuildKit(plan.dockerfile());
        this.session = sessions.open();
        this.projectKey = plan.projectKey();
        this.labels = Map.of(ComparisonService.SESSION_LABEL, session.id(),
                ComparisonService.PROJECT_LABEL, projectKey);
    }

    String sessionId() { return session.id(); }

    void launch(Executor executor) {
        if (options.timeout() != null) {
            long millis = options.timeout().toMillis();
            timeout = TIMER.schedule(() -> cancelAll("timed out after " + seconds(options.timeout())),
                    millis, TimeUnit.MILLISECONDS);
        }
        int workers = Math.max(1, Math.min(options.parallel(), variants.size()));
        activeWorkers.set(workers);
        for (int i = 0; i < workers; i++) {
            try {
                executor.execute(this::work);
            } catch (RejectedExecutionException e) {
                if (activeWorkers.decrementAndGet() == 0) finish();
            }
        }
    }

    @Override
    public void cancel() {
        cancelAll("cancelled");
    }

    @Override
    public void cancel(Tier tier) {
        AtomicBoolean flag = cancelFlags.get(tier);
        if (flag != null) flag.set(true);
    }

    @Override
    public ComparisonResult await() throws InterruptedException {
        try {
            return done.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("comparison failed", e.getCause());
        }
    }

    @Override
    public boolean isDone() {
        return done.isDone();
    }

    private void cancelAll(String reason) {
        if (runCancelReason == null) runCancelReason = reason;
        cancelFlags.values().forEach(f -> f.set(true));
    }

    private void work() {
        try {
            prepare();
            int i;
            while ((i = next.getAndIncrement()) < variants.size()) {
                results[i] = runVariantSafely(variants.get(i));
            }
        } finally {
            if (activeWorkers.decrementAndGet() == 0) finish();
        }
    }

    /**
     * Once per comparison, by the first worker: take the project (waiting while another comparison of it runs), sweep
     * crashed sessions, learn the engine, make the context.
     */
    private synchronized void prepare() {
        if (prepared) return;
        prepared = true;
        try {
            projectLock = sessions.lockProject(projectKey, () -> runCancelReason != null,
                    () -> emit(new ComparisonEvent.Notice("waiting for another comparison of " + plan.projectSlug()
                            + " (" + plan.projectDir() + ") to finish; its images are this one's cache")));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancelAll("interrupted");
        }
        sessions.recordFolder(projectKey, plan.projectDir());
        for (String dead : sessions.dead()) {
            if (dead.equals(session.id())) continue;
            try {
                engine.removeLabelled(ComparisonService.SESSION_LABEL, dead);
                BuildContext.sweep(dead); // the build context's temp file a crash left
                sessions.forget(dead);
            } catch (EngineException | RuntimeException e) {
                // the engine may be unreachable now; the session stays registered and is swept next time
            }
        }
        sweepUntagged();
        try {
            EngineInfo info = engine.info();
            engineSummary = new EngineSummary(info.name(), info.version(), info.apiVersion(), info.endpoint());
        } catch (RuntimeException e) {
            engineSummary = new EngineSummary("unknown", "", "", "");
        }
        try {
            context = BuildContext.of(plan.projectDir(), session.id());
            contextWarning = context.warning().orElse(null);
        } catch (IOException | RuntimeException e) {
            contextFailure = new IOException("cannot read the project for the build context: " + message(e), e);
        }
    }

    /**
     * A BaseShift image without a tag lost it to a newer build whose comparison ended before removing it (a crash):
     * no comparison uses it any more. Removing it never breaks another image: the engine keeps shared parents.
     */
    private void sweepUntagged() {
        try {
            for (ImageDetails.Summary image : engine.images(ComparisonService.PROJECT_LABEL, null, true)) {
                try {
                    engine.removeUnused(image.id());
                } catch (EngineException | RuntimeException e) {
                    // in use by a container, or gone already
                }
            }
        } catch (EngineException | RuntimeException e) {
            // the engine may be unreachable now; the builds will say so
        }
    }

    private void finish() {
        if (timeout != null) timeout.cancel(false);
        for (String image : deferred) removeQuietly(image);
        CompletableFuture.allOf(removals.toArray(CompletableFuture[]::new)).join();
        if (projectLock != null) projectLock.close();
        if (context != null) {
            try {
                context.close();
            } catch (RuntimeException e) {
                // a temp file left behind is harmless
            }
        }
        boolean clean = true;
        // Catches a probe container a cancel or a lost connection left behind (images never carry the session).
        try {
            engine.removeLabelled(ComparisonService.SESSION_LABEL, session.id());
        } catch (EngineException | RuntimeException e) {
            clean = false;
        }
        if (clean) session.close();
        else session.release();
        List<VariantResult> list = new ArrayList<>(variants.size());
        for (int i = 0; i < variants.size(); i++) {
            list.add(results[i] != null ? results[i] : cancelled(variants.get(i), reasonFor(variants.get(i).tier()),
                    0, List.of(), null));
        }
        ComparisonResult result = new ComparisonResult(plan, list, Recommender.recommend(list),
                engineSummary != null ? engineSummary : new EngineSummary("unknown", "", "", ""), List.of(), Map.of(),
                appDownloads);
        emit(new ComparisonEvent.ComparisonFinished(result));
        done.complete(result);
    }

    private VariantResult runVariantSafely(Variant v) {
        VariantResult r;
        try {
            r = runVariant(v);
        } catch (RuntimeException e) {
            r = failed(v, "internal error: " + e, 0);
        }
        emit(new ComparisonEvent.StatusChanged(v.tier(), r.status(), r.error()));
        emit(new ComparisonEvent.VariantFinished(r));
        return r;
    }

    private VariantResult runVariant(Variant v) {
        Tier tier = v.tier();
        AtomicBoolean cancel = cancelFlags.get(tier);
        if (cancel.get()) return cancelled(v, reasonFor(tier), 0, List.of(), null);
        emit(new ComparisonEvent.VariantStarted(tier));
        emit(new ComparisonEvent.StatusChanged(tier, VariantStatus.BUILDING, "on " + v.base()));
        if (contextWarning != null) emit(new ComparisonEvent.BuildLog(tier, "warning: " + contextWarning));

        String tag = plan.imageRepository() + ":" + v.tagName();
        ImageDetails kept = keptImage(tag);
        String superseded = kept != null ? kept.id() : null;
        String inputs = contextFailure != null ? null : BuildInputs.digest("Dockerfile." + tier.id(), v.dockerfile(),
                context.digest(), plan.buildArgs(), plan.target(), needsBuildKit, options.platform(), this::localImageId);
        long start = System.nanoTime();
        BuildOutcome built;
        boolean cached = kept != null && inputs != null && inputs.equals(kept.labels().get(INPUTS_LABEL));
        try {
            if (contextFailure != null) throw contextFailure;
            if (cached) {
                emit(new ComparisonEvent.BuildLog(tier, "cached: " + tag + " (" + shortId(kept.id())
                        + ") was built from the same inputs by the last comparison; not built again"));
                built = new BuildOutcome(kept.id(), tag, false);
            } else {
                // Stable labels only, so the builder's cache serves every unchanged step, the last one too.
                Map<String, String> imageLabels = new java.util.TreeMap<>(Map.of(
                        ComparisonService.PROJECT_LABEL, projectKey, INPUTS_LABEL, inputs));
                String baseId = v.base() == null ? null : localImageId(v.base());
                if (baseId != null) imageLabels.put(ComparisonService.BASE_LABEL, shortId(baseId, 64));
                // BuildKit applies --label without a step; the classic builder gets one LABEL step for all labels.
                String text = needsBuildKit ? null : LabelStep.append("Dockerfile." + tier.id(), v.dockerfile(),
                        plan.buildArgs(), plan.target(), imageLabels);
                built = engine.build(new BuildRequest(context, "Dockerfile." + tier.id(),
                        text != null ? text : v.dockerfile(), tag, plan.buildArgs(), plan.target(),
                        text != null ? Map.of() : imageLabels, needsBuildKit, cancel, options.buildNetwork(),
                        options.platform()),
                        line -> emit(new ComparisonEvent.BuildLog(tier, line)));
            }
        } catch (Exception e) {
            double secs = elapsed(start);
            if (cancel.get()) {
                emit(new ComparisonEvent.BuildFinished(tier, false, secs, reasonFor(tier)));
                return cancelled(v, reasonFor(tier), secs, List.of(), null);
            }
            String message = message(e);
            if (!(e instanceof IOException) && !engineAnswers()) {
                message = ComparisonResult.ENGINE_LOST + " during the build: " + message;
            }
            emit(new ComparisonEvent.BuildFinished(tier, false, secs, message));
            return failed(v, message, secs);
        }
        double buildSeconds = elapsed(start);
        emit(new ComparisonEvent.BuildFinished(tier, true, buildSeconds, null, cached));
        String image = built.imageId() != null ? built.imageId() : tag;
        if (superseded != null && !sameImageId(superseded, image)) {
            // An earlier run's kept image just lost its tag to this one: remove it rather than leave an untagged
            // image nobody will sweep. The engine refuses while a container still uses it, which is fine.
            removeLater(superseded);
        }
        if (cancel.get()) {
            removeQuietly(image);
            return cancelled(v, reasonFor(tier), buildSeconds, List.of(), null);
        }

        Measured m;
        try {
            m = measure(image, v.base());
        } catch (EngineException e) {
            removeQuietly(image);
            return failed(v, "built, but could not be measured: " + e.getMessage(), buildSeconds);
        }

        emit(new ComparisonEvent.StatusChanged(tier, VariantStatus.PROBING, null));
        List<ProbeResult> probes = new ArrayList<>();
        for (Probe p : options.probes()) {
            if (cancel.get()) break;
            ProbeResult r = p.enabled() ? probe(image, p, cancel)
                    : new ProbeResult(p.name(), p.command(), ProbeOutcome.SKIPPED, null, 0, "disabled");
            if (cancel.get()) break; // a probe killed by cancel says nothing about the variant
            probes.add(r);
            emit(new ComparisonEvent.ProbeFinished(tier, r));
        }
        if (cancel.get()) {
            removeQuietly(image);
            return cancelled(v, reasonFor(tier), buildSeconds, probes, m);
        }
        if (options.measureDownloads()) measureDownload(v, image);
        if (!options.keepImages()) {
            // Off the critical path: the next variant builds while the engine deletes this one's layers.
            removeLater(image);
        }
        return new VariantResult(v, VariantStatus.BUILT, built.imageId(), tag, m.details.sizeBytes(), m.baseBytes,
                m.details.sizeBytes() - m.baseBytes, buildSeconds, null, m.layers, probes,
                cached ? BuildCache.CACHED : BuildCache.BUILT);
    }

    private record Measured(ImageDetails details, List<LayerMeasure> layers, long baseBytes) {}

    /** The variant's own layers gzip-compressed; unknown (left out) when it is not built on its base or unreadable. */
    private void measureDownload(Variant v, String image) {
        try {
            Optional<ImageDetails.Local> built = engine.local(image);
            if (built.isEmpty()) return;
            // FROM scratch is no image: every layer is the variant's own
            boolean scratch = v.base() != null && v.base().equalsIgnoreCase("scratch");
            Optional<ImageDetails.Local> base = scratch ? Optional.empty() : engine.local(v.base());
            if (!scratch && base.isEmpty()) return;
            Optional<List<String>> own = scratch ? Optional.of(built.get().diffIds())
                    : LayerDownloads.above(built.get(), base.get());
            if (own.isEmpty()) return;
            long bytes = downloads.compressed(image, own.get()).values().stream().mapToLong(Long::longValue).sum();
            appDownloads.put(v.label(), bytes);
        } catch (EngineException | RuntimeException e) {
            // the pull size stays unknown; nothing else depends on it
        }
    }

    /**
     * Total size from inspect; layers from the history. The base's layers are the leading history rows that equal
     * the base image's own history, row by row; their sizes add up to the base bytes, the rest is the app.
     */
    private Measured measure(String image, String base) throws EngineException {
        ImageDetails details = engine.inspect(image);
        List<HistoryEntry> rows = details.layers();
        List<HistoryEntry> baseRows = baseHistory(base);
        int shared = 0;
        while (shared < baseRows.size() && shared < rows.size() && sameRow(rows.get(shared), baseRows.get(shared))) {
            shared++;
        }
        List<LayerMeasure> layers = new ArrayList<>(rows.size());
        long baseBytes = 0;
        for (int i = 0; i < rows.size(); i++) {
            HistoryEntry h = rows.get(i);
            boolean fromBase = i < shared;
            if (fromBase) baseBytes += h.sizeBytes();
            layers.add(new LayerMeasure(i, h.id(), h.sizeBytes(), h.createdBy(), fromBase));
        }
        // The whole base under the variant: the base's own size, as `image inspect BASE` says it (Docker's equals its
        // history rows; Podman's counts a little more than its rows). The clamp keeps base + app == size regardless.
        Optional<ImageDetails> baseImage = base == null ? Optional.empty() : baseImages.getOrDefault(base, Optional.empty());
        if (shared > 0 && shared == baseRows.size() && baseImage.isPresent()) baseBytes = baseImage.get().sizeBytes();
        baseBytes = Math.min(baseBytes, details.sizeBytes());
        return new Measured(details, layers, baseBytes);
    }

    private List<HistoryEntry> baseHistory(String base) {
        if (base == null || base.equalsIgnoreCase(SCRATCH)) return List.of();
        return baseImages.computeIfAbsent(base, ref -> {
            try {
                return Optional.of(engine.inspect(ref));
            } catch (EngineException e) {
                return Optional.empty();
            }
        }).map(ImageDetails::layers).orElse(List.of());
    }

    private static boolean sameRow(HistoryEntry a, HistoryEntry b) {
        return a.sizeBytes() == b.sizeBytes() && a.created() == b.created()
                && java.util.Objects.equals(a.createdBy(), b.createdBy());
    }

    private ProbeResult probe(String image, Probe p, AtomicBoolean cancel) {
        Duration timeout = options.probeTimeout() != null ? options.probeTimeout() : Duration.ofSeconds(30);
        Duration grace = p.argv().isEmpty() && options.serverGrace() != null ? options.serverGrace() : Duration.ZERO;
        long start = System.nanoTime();
        try {
            RunOutcome o = engine.run(new RunRequest(image, p.argv(), timeout, grace, true, PROBE_MEMORY_BYTES,
                    labels, cancel));
            if (o.timedOut()) {
                return new ProbeResult(p.name(), p.command(), ProbeOutcome.ERROR, null, o.seconds(),
                        join("timed out after " + seconds(timeout), o.output()));
            }
            if (o.notFound()) {
                String exe = p.argv().isEmpty() ? "the image's entrypoint" : p.argv().get(0);
                return new ProbeResult(p.name(), p.command(), ProbeOutcome.FAIL, o.exitCode(), o.seconds(),
                        join("executable not found: " + exe, o.output()));
            }
            if (o.stillRunning()) {
                return new ProbeResult(p.name(), p.command(), ProbeOutcome.PASS, null, o.seconds(),
                        join("still running after " + seconds(grace) + " (a server)", o.output()));
            }
            boolean pass = o.exitCode() != null && o.exitCode() == 0;
            return new ProbeResult(p.name(), p.command(), pass ? ProbeOutcome.PASS : ProbeOutcome.FAIL, o.exitCode(),
                    o.seconds(), o.output() == null ? "" : o.output());
        } catch (EngineException | RuntimeException e) {
            return new ProbeResult(p.name(), p.command(), ProbeOutcome.ERROR, null, elapsed(start), message(e));
        }
    }

    /** Tells a build that failed from an engine that went away, so the user learns the real cause. */
    private boolean engineAnswers() {
        try {
            engine.listLabelled(ComparisonService.SESSION_LABEL, session.id());
            return true;
        } catch (EngineException | RuntimeException e) {
            return false;
        }
    }

    /** The image a BaseShift tag points to now (the last comparison's), or null. */
    private ImageDetails keptImage(String tag) {
        try {
            return engine.hasImage(tag) ? engine.inspect(tag) : null;
        } catch (EngineException | RuntimeException e) {
            return null;
        }
    }

    /** A base image's id in the engine, or null when it is not there (then the variant is built, and pulls it). */
    private String localImageId(String ref) {
        Optional<ImageDetails> base = baseImages.computeIfAbsent(ref, r -> {
            try {
                return engine.hasImage(r) ? Optional.of(engine.inspect(r)) : Optional.empty();
            } catch (EngineException | RuntimeException e) {
                return Optional.empty();
            }
        });
        if (base.isEmpty()) baseImages.remove(ref); // learnt again after the build pulled it
        return base.map(ImageDetails::id).orElse(null);
    }

    private static String shortId(String id) {
        return shortId(id, 12);
    }

    private static String shortId(String id, int length) {
        String hex = id.replaceFirst("^sha256:", "");
        return hex.substring(0, Math.min(length, hex.length()));
    }

    private static boolean sameImageId(String a, String b) {
        String x = a.replaceFirst("^sha256:", "");
        String y = b.replaceFirst("^sha256:", "");
        return x.startsWith(y) || y.startsWith(x);
    }

    private void removeLater(String image) {
        if (podman) deferred.add(image);
        else removals.add(CompletableFuture.runAsync(() -> removeQuietly(image), CLEANUP));
    }

    private void removeQuietly(String image) {
        try {
            engine.removeImage(image);
        } catch (EngineException | RuntimeException e) {
            // the final sweep of the session's label tries again
        }
    }

    private String reasonFor(Tier tier) {
        String r = runCancelReason;
        return r != null ? r : "cancelled";
    }

    private VariantResult failed(Variant v, String error, double secs) {
        return new VariantResult(v, VariantStatus.BUILD_FAILED, null, null, 0, 0, 0, secs, error, List.of(), List.of());
    }

    private VariantResult cancelled(Variant v, String reason, double secs, List<ProbeResult> probes, Measured m) {
        if (m == null) {
            return new VariantResult(v, VariantStatus.CANCELLED, null, null, 0, 0, 0, secs, reason, List.of(), probes);
        }
        return new VariantResult(v, VariantStatus.CANCELLED, m.details.id(), null, m.details.sizeBytes(), m.baseBytes,
                m.details.sizeBytes() - m.baseBytes, secs, reason, m.layers, probes);
    }

    private void emit(ComparisonEvent event) {
        try {
            listener.accept(event);
        } catch (RuntimeException e) {
            // a failing listener must not break the comparison
        }
    }

    /** True when the Dockerfile uses syntax only BuildKit builds: heredocs, RUN --mount, COPY/ADD --link etc. */
    static boolean needsBuildKit(Dockerfile dockerfile) {
        if (dockerfile == null) return false;
        Set<String> runFlags = Set.of("mount", "network", "security");
        Set<String> copyFlags = Set.of("link", "chmod", "exclude", "parents", "checksum", "keep-git-dir");
        for (Instruction i : dockerfile.instructions()) {
            boolean run = i.keyword().equals("RUN");
            boolean copy = i.keyword().equals("COPY") || i.keyword().equals("ADD");
            if ((run || copy) && !i.heredocs().isEmpty()) return true;
            Set<String> flags = run ? runFlags : copy ? copyFlags : Set.of();
            if (i.flags().stream().anyMatch(f -> flags.contains(f.name().toLowerCase(Locale.ROOT)))) return true;
        }
        return false;
    }

    private static String message(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private static String join(String head, String output) {
        return output == null || output.isBlank() ? head : head + "\n" + output;
    }

    private static double elapsed(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** "30 s", "2.5 s". */
    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    @Override
    public String toString() {
        return "comparison " + session.id() + " " + Arrays.toString(results);
    }
}
