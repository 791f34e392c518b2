package dev.baseshift.repair;

import dev.baseshift.catalog.BaseTraits;
import dev.baseshift.catalog.Tier;
import dev.baseshift.compare.BuildLogs;
import dev.baseshift.compare.CompareOptions;
import dev.baseshift.compare.ComparisonEvent;
import dev.baseshift.compare.ComparisonResult;
import dev.baseshift.compare.ComparisonRun;
import dev.baseshift.compare.ComparisonService;
import dev.baseshift.compare.FailureSummary;
import dev.baseshift.compare.ProbeOutcome;
import dev.baseshift.compare.ProbeResult;
import dev.baseshift.compare.RepairOutcome;
import dev.baseshift.compare.Sizes;
import dev.baseshift.compare.VariantResult;
import dev.baseshift.compare.VariantStatus;
import dev.baseshift.diagnosis.Diagnoser;
import dev.baseshift.diagnosis.Diagnosis;
import dev.baseshift.diagnosis.FileEntry;
import dev.baseshift.diagnosis.Failure;
import dev.baseshift.diagnosis.ImageFiles;
import dev.baseshift.diagnosis.ImageTraits;
import dev.baseshift.diagnosis.RepairPatch;
import dev.baseshift.diagnosis.RepairRequest;
import dev.baseshift.diagnosis.Repairer;
import dev.baseshift.dockerfile.Dockerfile;
import dev.baseshift.dockerfile.DockerfileException;
import dev.baseshift.dockerfile.DockerfileParser;
import dev.baseshift.dockerfile.Instruction;
import dev.baseshift.dockerfile.StageGraph;
import dev.baseshift.plan.Plan;
import dev.baseshift.plan.Variant;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The repair loop: for each failing variant, read why from evidence (its output and the file indexes of the variant
 * and of the original), write a patch, rebuild and re-probe it through the comparison service — up to
 * {@value #MAX_ROUNDS} rounds, each adding what the previous rebuild revealed. Only a rebuild that passes every
 * probe is proven. Blocking: callers run it off the FX thread. The images it reads are the comparison's, so the
 * comparison must have kept them ({@link CompareOptions#keepImages()}); the ones the user did not ask to keep are
 * removed at the end.
 */
public final class RepairService {
    public static final int MAX_ROUNDS = 3;
    private static final int REASON_CHARS = 120;
    private static final int LOG_LINES = 400;
    /** Docker's classic builder says "Step 3/5 : RUN …", Podman's "STEP 3/5: RUN …". */
    private static final Pattern CLASSIC_STEP = Pattern.compile("^(?:Step \\d+/\\d+ :|STEP \\d+/\\d+:) (.*)$");
    /** Docker: "returned a non-zero code: 127", BuildKit: "exit code: 127", Podman: "exit status 127". */
    private static final Pattern EXIT_CODE = Pattern.compile(
            "(?:returned a non-zero code: |exit code: |exit status )(\\d+)");

    /** What the repair tells as it goes. */
    public sealed interface Event {
        Tier tier();

        /** A step in words: "indexing the original", "round 2: rebuilding". */
        record Progress(Tier tier, String message) implements Event {}

        /** The rebuild's own events (build log, probes), as the comparison streams them. */
        record Rebuild(Tier tier, int round, ComparisonEvent event) implements Event {}

        record Finished(Tier tier, RepairOutcome outcome) implements Event {}
    }

    private final ComparisonService compare;
    private final Images images;
    private final Diagnoser diagnoser = new Diagnoser();
    private final Map<String, ImageFiles> indexes = new ConcurrentHashMap<>();
    private final List<ComparisonRun> running = new CopyOnWriteArrayList<>();
    private volatile boolean cancelled;

    public RepairService(ComparisonService compare, Images images) {
        this.compare = compare;
        this.images = images;
    }

    /** Stops the rebuild under way; the tiers not yet repaired are left out. */
    public void cancel() {
        cancelled = true;
        for (ComparisonRun r : running) r.cancel();
    }

    /** The variants a repair would try: those (not the original) that failed to build or failed a probe. */
    public static List<Tier> failing(ComparisonResult result) {
        List<Tier> out = new ArrayList<>();
        for (VariantResult v : result.variants()) {
            if (v.original() || v.variant().repaired()) continue;
            boolean failed = v.status() == VariantStatus.BUILD_FAILED || (v.built() && !v.passesAll());
            if (failed) out.add(v.tier());
        }
        return out;
    }

    /**
     * Repairs the given tiers (every failing one when empty), one after the other, and returns the comparison with
     * the repaired variants and the recommendation chosen again.
     *
     * @param options     the comparison's options (probes, timeouts, build network); repaired images are kept only
     *                    when {@code keepImages}
     * @param buildLogs   each plain variant's build log as streamed (the builder's error alone may not say why)
     * @param removeAfter images of the plain comparison to remove at the end (those the user did not ask to keep)
     */
    public ComparisonResult repair(ComparisonResult result, CompareOptions options, Collection<Tier> tiers,
                                   Function<Tier, List<String>> buildLogs, boolean removeAfter,
                                   Consumer<Event> listener) {
        List<Tier> wanted = tiers == null || tiers.isEmpty() ? failing(result) : List.copyOf(tiers);
        List<RepairOutcome> outcomes = new ArrayList<>(result.repairs());
        outcomes.removeIf(o -> wanted.contains(o.tier()));
        try {
            for (Tier tier : wanted) {
                if (cancelled) break;
                VariantResult plain = result.variants().stream()
                        .filter(v -> v.tier() == tier && !v.variant().repaired()).findFirst().orElse(null);
                if (plain == null || plain.original()) continue;
                RepairOutcome o = repairOne(result, plain, options, buildLogs, listener);
                outcomes.add(o);
                listener.accept(new Event.Finished(tier, o));
            }
        } finally {
            if (removeAfter) release(result);
        }
        outcomes.sort((a, b) -> Integer.compare(order(result, a.tier()), order(result, b.tier())));
        // the repaired variants' own layers, measured by their rebuilds: their pull sizes
        return result.withRepairs(outcomes).withAppDownloads(Map.copyOf(repairedDownloads));
    }

    /** Removes the images the comparison kept for a repair (one still in use stays). Never throws. */
    public void release(ComparisonResult result) {
        for (VariantResult v : result.variants()) {
            if (v.imageId() != null) removeQuietly(v.imageId());
        }
    }

    private static int order(ComparisonResult result, Tier tier) {
        for (int i = 0; i < result.variants().size(); i++) if (result.variants().get(i).tier() == tier) return i;
        return Integer.MAX_VALUE;
    }

    private RepairOutcome repairOne(ComparisonResult result, VariantResult plain, CompareOptions options,
                                    Function<Tier, List<String>> buildLogs, Consumer<Event> listener) {
        Tier tier = plain.tier();
        Plan plan = result.plan();
        Consumer<String> say = m -> listener.accept(new Event.Progress(tier, m));
        List<Diagnosis> diagnoses = new ArrayList<>();
        List<RepairOutcome.Attempt> attempts = new ArrayList<>();
        RepairPatch patch = null;
        try {
            say.accept("reading the original's files");
            String originalRef = originalRef(result);
            ImageFiles original = index(originalRef);
            String base = plain.variant().base();
            say.accept("reading " + base + "'s files");
            ImageFiles baseFiles = isScratch(base) ? null : index(base);
            BaseTraits target = baseFiles == null ? ImageTraits.empty() : ImageTraits.of(baseFiles);

            diagnoses.addAll(diagnoseAll(plain, buildLogs.apply(tier), baseFiles, original, target));
            say.accept(describe(diagnoses));

            Dockerfile plainDf = DockerfileParser.parse("Dockerfile." + tier.id(), plain.variant().dockerfile());
            StageGraph graph = StageGraph.of(plainDf, plan.buildArgs(), plan.target());
            int baseStage = graph.baseStage().index();
            String originalBase = plan.originalVariant().base();
            String previous = null;
            for (int round = 1; round <= MAX_ROUNDS && !cancelled; round++) {
                RepairRequest request = new RepairRequest(plainDf, graph, baseStage, tier, target, originalBase,
                        diagnoses, original);
                if (!target.shell() || target.packageManager() == null) {
                    // a restructured variant copies files of the original: their ELF headers bring their libraries
                    Patched p = patchWithCopiedElf(originalRef, request, say);
                    original = p.original();
                    patch = p.patch();
                } else {
                    patch = Repairer.patch(request);
                }
                if (!patch.changes()) {
                    return new RepairOutcome(tier, diagnoses, patch, attempts, "not repaired: "
                            + (patch.unresolved().isEmpty() ? "no fix is known for " + describe(diagnoses)
                            : String.join("; ", patch.unresolved())));
                }
                if (patch.dockerfile().equals(previous)) {
                    return new RepairOutcome(tier, diagnoses, patch, attempts, "not repaired: round " + (round - 1)
                            + " still fails and nothing new was learnt from it"
                            + (patch.unresolved().isEmpty() ? "" : " (" + String.join("; ", patch.unresolved()) + ")"));
                }
                previous = patch.dockerfile();
                say.accept("round " + round + ": " + hunkSummary(patch) + " — rebuilding");
                Rebuilt again = rebuild(plan, plain.variant().repairedWith(patch.dockerfile()), options, round,
                        listener);
                if (again == null) {
                    return new RepairOutcome(tier, diagnoses, patch, attempts, "not repaired: cancelled");
                }
                VariantResult rebuilt = again.result();
                if (rebuilt.passesAll()) {
                    attempts.add(new RepairOutcome.Attempt(round, patch, rebuilt, List.of()));
                    if (!options.keepImages() && rebuilt.imageId() != null) removeQuietly(rebuilt.imageId());
                    return new RepairOutcome(tier, diagnoses, patch, attempts, proven(result, rebuilt, round));
                }
                if (rebuilt.status() == VariantStatus.BUILD_FAILED) {
                    FailureSummary.Cause why = FailureSummary.cause(rebuilt.error(), again.log(),
                            rebuilt.variant().dockerfile());
                    if (why.network()) {
                        // no package can be installed without a network: say the fix, not a guess at packages
                        attempts.add(new RepairOutcome.Attempt(round, patch, rebuilt, List.of()));
                        return new RepairOutcome(tier, diagnoses, patch, attempts, "not repaired: the patched build "
                                + why.cause() + " — builds on this engine have no network; compare again with "
                                + "--build-network host (or \"buildNetwork\": \"host\" in .baseshift.json)");
                    }
                }
                ImageFiles rebuiltFiles = rebuilt.imageId() != null ? indexQuietly(rebuilt.imageId()) : baseFiles;
                List<Diagnosis> found = diagnoseAll(rebuilt, again.log(), rebuiltFiles, original, target);
                attempts.add(new RepairOutcome.Attempt(round, patch, rebuilt, found));
                if (rebuilt.imageId() != null) removeQuietly(rebuilt.imageId());
                List<Diagnosis> fresh = new ArrayList<>();
                for (Diagnosis d : found) if (!known(diagnoses, d)) fresh.add(d);
                if (fresh.isEmpty()) {
                    return new RepairOutcome(tier, diagnoses, patch, attempts, "not repaired: the patched variant "
                            + failure(rebuilt) + " — " + describe(found));
                }
                say.accept("round " + round + " revealed " + describe(fresh));
                diagnoses.addAll(fresh);
            }
            return new RepairOutcome(tier, diagnoses, patch, attempts, cancelled ? "not repaired: cancelled"
                    : "not repaired after " + MAX_ROUNDS + " rounds: " + describe(diagnoses));
        } catch (IOException | DockerfileException | RuntimeException e) {
            return new RepairOutcome(tier, diagnoses, patch, attempts, "not repaired: " + e.getMessage());
        }
    }

    /** The original's image while the comparison kept it, else its base (enough to tell who provides what). */
    private String originalRef(ComparisonResult result) throws IOException {
        var original = result.original();
        if (original.isPresent() && original.get().imageId() != null && images.has(original.get().imageId())) {
            return original.get().imageId();
        }
        String base = result.plan().originalVariant().base();
        if (isScratch(base)) throw new IOException("the original is built on scratch: nothing to learn from");
        return base;
    }

    private static boolean isScratch(String ref) {
        return ref == null || ref.equalsIgnoreCase("scratch");
    }

    private ImageFiles index(String ref) throws IOException {
        ImageFiles known = indexes.get(ref);
        if (known != null) return known;
        if (!images.has(ref)) images.pull(ref);
        ImageFiles files = images.index(ref);
        indexes.put(ref, files);
        return files;
    }

    private ImageFiles indexQuietly(String ref) {
        try {
            return images.index(ref);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A patch and the original's index it was written from. */
    private record Patched(RepairPatch patch, ImageFiles original) {}

    /**
     * The patch of a restructured variant, written again as the ELF facts of every file it copies from the original
     * (and of the libraries those need) come in, so their libraries are copied too: a few passes until nothing new
     * is asked for.
     */
    private Patched patchWithCopiedElf(String ref, RepairRequest request, Consumer<String> say) throws IOException {
        ImageFiles files = request.original();
        RepairPatch p = null;
        for (int pass = 0; pass < 5; pass++) {
            p = Repairer.patch(new RepairRequest(request.plain(), request.graph(), request.baseStage(),
                    request.tier(), request.target(), request.originalBase(), request.diagnoses(), files));
            if (pass == 4) break;
            Set<String> wanted = new LinkedHashSet<>();
            for (String root : CopiedPaths.of(p.dockerfile())) {
                for (FileEntry e : files.entries()) {
                    String path = e.path();
                    if (!(path.equals(root) || path.startsWith(root.endsWith("/") ? root : root + "/"))) continue;
                    boolean candidate = e.type() == FileEntry.Type.SYMLINK
                            || (e.type() == FileEntry.Type.FILE && (e.executable() || e.name().contains(".so")));
                    if (candidate && files.elf(path).isEmpty()) wanted.add(path);
                }
            }
            if (wanted.isEmpty()) break;
            if (pass == 0) say.accept("reading the ELF headers of " + wanted.size() + " files it copies");
            ImageFiles more = images.withElf(ref, files, wanted);
            if (more.elfFiles().size() == files.elfFiles().size()) break;
            files = more;
        }
        return new Patched(p, files);
    }

    /** A rebuild's result and its build log as streamed. */
    private record Rebuilt(VariantResult result, List<String> log) {}

    /** The rebuilt variants' own layers compressed, by label (the last round's), where measured. */
    private final Map<String, Long> repairedDownloads = new java.util.concurrent.ConcurrentHashMap<>();

    /** Builds and probes one repaired variant; null when cancelled. */
    private Rebuilt rebuild(Plan plan, Variant repaired, CompareOptions options, int round,
                                  Consumer<Event> listener) {
        Plan one = new Plan(plan.projectDir(), plan.dockerfilePath(), plan.dockerfile(), plan.graph(), plan.base(),
                List.of(repaired), plan.probes(), plan.buildArgs(), plan.target());
        BuildLogs log = new BuildLogs(LOG_LINES, e -> listener.accept(new Event.Rebuild(repaired.tier(), round, e)));
        ComparisonRun run = compare.start(one, options.keepingImages(true), log);
        running.add(run);
        try {
            ComparisonResult r = run.await();
            repairedDownloads.putAll(r.appDownloadBytes());
            VariantResult v = r.variants().get(0);
            return v.status() == VariantStatus.CANCELLED ? null : new Rebuilt(v, log.lines(repaired.tier()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.cancel();
            return null;
        } finally {
            running.remove(run);
        }
    }

    // --- diagnosis -------------------------------------------------------------------------------------------------

    private List<Diagnosis> diagnoseAll(VariantResult v, List<String> log, ImageFiles variantFiles,
                                        ImageFiles original, BaseTraits target) {
        List<Failure> failures = failures(v, log == null ? List.of() : log);
        String ref = v.imageId() != null ? v.imageId() : v.variant().base();
        List<Diagnosis> out = new ArrayList<>();
        for (Failure f : failures) {
            ImageFiles files = variantFiles;
            if (files != null) {
                Set<String> elf = diagnoser.elfWanted(f, files);
                if (!elf.isEmpty()) {
                    try {
                        files = images.withElf(ref, files, elf);
                    } catch (IOException | RuntimeException e) {
                        // without ELF facts the text alone decides
                    }
                }
            }
            for (Diagnosis d : diagnoser.diagnose(f, files, original, target)) if (!known(out, d)) out.add(d);
        }
        return out;
    }

    /** The failed build step, or each failed probe. */
    static List<Failure> failures(VariantResult v, List<String> log) {
        List<Failure> out = new ArrayList<>();
        if (v.status() == VariantStatus.BUILD_FAILED) {
            List<String> tail = log.size() > LOG_LINES ? log.subList(log.size() - LOG_LINES, log.size()) : log;
            FailureSummary.Cause cause = FailureSummary.cause(v.error(), tail, v.variant().dockerfile());
            String output = String.join("\n", tail) + (v.error() == null ? "" : "\n" + v.error());
            Dockerfile df = parseQuietly(v.variant().dockerfile());
            Instruction failing = df == null ? null : failingInstruction(df, cause.line(), tail);
            Integer exit = null;
            Matcher m = EXIT_CODE.matcher(output);
            while (m.find()) exit = Integer.parseInt(m.group(1));
            String text = null;
            int line = cause.line();
            if (failing != null) {
                text = FailureSummary.stripAnsi(df.sourceOf(failing));
                line = failing.startLine();
            }
            out.add(new Failure(Failure.Where.BUILD, output, exit, line, text, null, null));
        } else if (v.built()) {
            for (ProbeResult p : v.probes()) {
                if (p.outcome() == ProbeOutcome.FAIL || p.outcome() == ProbeOutcome.ERROR) {
                    out.add(Failure.probe(p.name(), p.command(), p.exitCode(), p.output()));
                }
            }
        }
        return out;
    }

    /** The instruction at the builder's line, else the classic builder's last "Step N/M : …". */
    private static Instruction failingInstruction(Dockerfile df, int line, List<String> log) {
        if (line > 0) {
            for (Instruction i : df.instructions()) if (i.startLine() <= line && line <= i.endLine()) return i;
        }
        String step = null;
        for (String l : log) {
            Matcher m = CLASSIC_STEP.matcher(FailureSummary.stripAnsi(l).strip());
            if (m.matches()) step = m.group(1).strip();
        }
        if (step == null) return null;
        Instruction best = null;
        for (Instruction i : df.instructions()) {
            String src = df.sourceOf(i).replaceAll("\\\\\\R", " ").replaceAll("\\s+", " ").strip();
            if (src.equalsIgnoreCase(step.replaceAll("\\s+", " "))) best = i;
        }
        if (best == null) {
            String keyword = step.split("\\s+")[0];
            for (Instruction i : df.instructions()) {
                if (i.keyword().equalsIgnoreCase(keyword) && step.contains(i.arguments().strip().split("\\s+")[0])) {
                    best = i;
                }
            }
        }
        return best;
    }

    private static Dockerfile parseQuietly(String dockerfile) {
        try {
            return DockerfileParser.parse("Dockerfile", dockerfile);
        } catch (DockerfileException e) {
            return null;
        }
    }

    private static boolean known(List<Diagnosis> list, Diagnosis d) {
        for (Diagnosis k : list) {
            if (k.kind() == d.kind() && java.util.Objects.equals(k.missing(), d.missing())) return true;
        }
        return false;
    }

    // --- words -----------------------------------------------------------------------------------------------------

    static String describe(List<Diagnosis> ds) {
        if (ds.isEmpty()) return "no diagnosis";
        List<String> parts = new ArrayList<>();
        for (Diagnosis d : ds) {
            String what = d.kind().id() + (d.missing() == null || d.missing().isEmpty() ? "" : " " + d.missing());
            if (d.providedBy() != null && d.providedBy().packageName() != null) {
                what += " (the original has it from " + d.providedBy().manager() + " " + d.providedBy().packageName()
                        + ")";
            }
            parts.add(what);
        }
        return String.join(", ", parts);
    }

    /** The patch's reasons in one progress line: at most three, each cut to {@value #REASON_CHARS} characters. */
    private static String hunkSummary(RepairPatch p) {
        return p.reasons(3, REASON_CHARS);
    }

    private static String failure(VariantResult r) {
        if (r.status() == VariantStatus.BUILD_FAILED) return "does not build";
        long ran = r.probes().stream().filter(p -> p.outcome() != ProbeOutcome.SKIPPED).count();
        return "passes " + r.probesPassed() + "/" + ran + " probes";
    }

    private static String proven(ComparisonResult result, VariantResult r, int round) {
        long ran = r.probes().stream().filter(p -> p.outcome() != ProbeOutcome.SKIPPED).count();
        String s = "proven in round " + round + ": builds and passes " + r.probesPassed() + "/" + ran
                + (ran == 1 ? " probe" : " probes");
        var original = result.original().filter(VariantResult::built);
        if (original.isPresent()) {
            long saved = original.get().sizeBytes() - r.sizeBytes();
            s += ", " + Sizes.format(Math.abs(saved)) + (saved >= 0 ? " smaller" : " larger") + " than "
                    + original.get().variant().label();
        }
        return s;
    }

    private void removeQuietly(String image) {
        images.remove(image);
    }
}
