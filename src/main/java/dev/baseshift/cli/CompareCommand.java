package dev.baseshift.cli;

import dev.baseshift.catalog.Tier;
import dev.baseshift.compare.BuildLogs;
import dev.baseshift.compare.CompareOptions;
import dev.baseshift.compare.ComparisonEvent;
import dev.baseshift.compare.RepairOutcome;
import dev.baseshift.diagnosis.Diagnosis;
import dev.baseshift.app.EngineImages;
import dev.baseshift.app.RepairText;
import dev.baseshift.repair.RepairService;
import dev.baseshift.compare.ComparisonResult;
import dev.baseshift.compare.FailureSummary;
import dev.baseshift.compare.ComparisonRun;
import dev.baseshift.compare.ComparisonService;
import dev.baseshift.compare.ProbeOutcome;
import dev.baseshift.compare.Sizes;
import dev.baseshift.compare.VariantResult;
import dev.baseshift.engine.ContainerEngine;
import dev.baseshift.engine.EngineException;
import dev.baseshift.plan.Plan;
import dev.baseshift.plan.ProjectConfig;
import dev.baseshift.report.CsvReport;
import dev.baseshift.report.JsonReport;
import dev.baseshift.report.MarkdownReport;
import dev.baseshift.report.PngReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code compare DIR}: plans the variants, then builds, measures and probes each on the container engine, shows
 * progress, writes the reports and applies the gates. Exit codes: 0 done; 1 a gate failed ({@code --max-size}, or
 * no variant builds and passes every probe); 2 bad usage or bad input; 3 no container engine reachable.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Build, measure and probe every variant of the project on the container engine.")
public final class CompareCommand implements Callable<Integer> {
    /** Connects to a container engine; throws with every place tried when none answers. */
    @FunctionalInterface
    public interface EngineConnector {
        ContainerEngine connect() throws EngineException;
    }

    @Spec
    CommandSpec spec;

    @Mixin
    PlanOptions planOptions;

    @Option(names = "--parallel", paramLabel = "N",
            description = "Variants built at once (default: .baseshift.json's parallel, else 2).")
    Integer parallel;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Give up on the whole comparison after this.")
    Long timeoutSeconds;

    @Option(names = "--probe-timeout", paramLabel = "SECONDS",
            description = "Per probe (default: .baseshift.json's probeTimeoutSeconds, else 30).")
    Long probeTimeoutSeconds;

    @Option(names = "--json", paramLabel = "F", description = "Write the plan and results as JSON.")
    Path json;

    @Option(names = "--csv", paramLabel = "F", description = "Write a CSV per variant (and F-layers.csv per layer).")
    Path csv;

    @Option(names = "--md", paramLabel = "F", description = "Write a Markdown summary for a pull request.")
    Path markdown;

    @Option(names = "--png", paramLabel = "F", description = "Write the layer chart as a PNG.")
    Path png;

    @Option(names = "--rm-images", description = "Remove this project's variant images at the end (CI). By default "
            + "they stay as baseshift/<project>:<tier>, the build cache of the next comparison; "
            + "'baseshift clean' removes them.")
    boolean rmImages;

    /** The default since images are the project's cache; still accepted so existing scripts keep working. */
    @Option(names = "--keep-images", hidden = true)
    boolean keepImages;

    @Option(names = "--repair", description = "Diagnose each failing variant from evidence, patch its Dockerfile, "
            + "rebuild and re-probe it (up to 3 rounds); proven repairs show as TIER+fix.")
    boolean repair;

    @Option(names = "--build-network", paramLabel = "NET", description = "Network of the builds' RUN steps, as "
            + "docker build --network (default: .baseshift.json's buildNetwork, else the engine's).")
    String buildNetwork;

    @Option(names = "--max-size", paramLabel = "SIZE",
            description = "Exit 1 unless the recommended variant is at most SIZE (e.g. 200MB).")
    String maxSize;

    private final EngineConnector engines;

    public CompareCommand() {
        this(Engines::locate);
    }

    public CompareCommand(EngineConnector engines) {
        this.engines = engines;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            checkOptions();
        } catch (IllegalArgumentException e) {
            err.println("baseshift compare: " + e.getMessage());
            return BaseShiftCommand.BAD_INPUT;
        }
        // Finding the engine overlaps with planning: both take a few hundred milliseconds at start-up.
        CompletableFuture<Object> connecting = CompletableFuture.supplyAsync(() -> {
            try {
                return engines.connect();
            } catch (EngineException e) {
                return e;
            }
        });
        Plan plan;
        Inputs inputs;
        try {
            plan = planOptions.plan(planOptions.lookup(null));
            for (String w : planOptions.missingTiers(plan)) err.println("baseshift compare: warning: " + w);
            inputs = withProjectDefaults(ProjectConfig.load(plan.projectDir()));
        } catch (Exception e) {
            connecting.thenAccept(c -> {
                if (c instanceof ContainerEngine unused) unused.close();
            });
            err.println("baseshift compare: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            return BaseShiftCommand.BAD_INPUT;
        }

        Object connected = connecting.join();
        if (connected instanceof EngineException e) {
            err.println("baseshift compare: " + e.getMessage());
            return BaseShiftCommand.NO_ENGINE;
        }
        ContainerEngine engine = (ContainerEngine) connected;

        ComparisonResult result;
        try (engine) {
            // where a base's download size is known, the variants' own layers are measured too (their pull size)
            boolean downloadsKnown = planOptions.lookup(engine).facts(plan).values().stream()
                    .anyMatch(f -> f != null && f.compressedBytes() != null);
            result = run(engine, plan, inputs, downloadsKnown, err);
            // after the run the bases are local: exact sizes from the engine, download sizes from the registry
            result = result.withBaseFacts(planOptions.lookup(engine).facts(plan));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("baseshift compare: interrupted");
            return BaseShiftCommand.BAD_INPUT;
        }

        printSummary(result, out);
        if (!rmImages && result.variants().stream().anyMatch(VariantResult::built)) {
            err.println("Kept " + plan.imageRepository() + ":" + String.join(",", result.variants().stream()
                    .filter(VariantResult::built).map(v -> v.variant().tagName()).toList())
                    + " as the next comparison's cache ('baseshift clean " + plan.projectDir()
                    + "' removes them; --rm-images does at the end of a run)");
        }
        boolean reportsWritten = writeReports(result, err);
        List<VariantResult> lost = result.lostToEngine();
        if (!lost.isEmpty()) {
            // the run did not complete: no gate can pass on it, whatever the others did
            err.println("baseshift compare: the container engine stopped answering during the run; "
                    + String.join(", ", lost.stream().map(v -> v.variant().label()).toList())
                    + " did not finish (the other variants' results are kept"
                    + (reportsWritten ? " and written)" : ")"));
            return BaseShiftCommand.ENGINE_LOST;
        }
        int gate = gates(result, inputs, err);
        return gate != BaseShiftCommand.OK ? gate : reportsWritten ? BaseShiftCommand.OK : BaseShiftCommand.BAD_INPUT;
    }

    private record Inputs(int parallel, Duration probeTimeout, Long maxBytes, Duration timeout, String network) {}

    /** Limits of the numeric options (README: "Limits"). */
    static final long MAX_PARALLEL = 64, MAX_TIMEOUT_SECONDS = 7 * 24 * 3600, MAX_PROBE_TIMEOUT_SECONDS = 24 * 3600;

    private static void range(String option, Long value, long min, long max, String unit) {
        if (value != null && (value < min || value > max)) {
            throw new IllegalArgumentException(option + " must be between " + min + " and " + max + unit + ", got "
                    + value);
        }
    }

    /** What the user typed, checked before the project is even read. */
    private void checkOptions() {
        range("--parallel", parallel == null ? null : (long) parallel, 1, MAX_PARALLEL, "");
        range("--timeout", timeoutSeconds, 1, MAX_TIMEOUT_SECONDS, " seconds");
        range("--probe-timeout", probeTimeoutSeconds, 1, MAX_PROBE_TIMEOUT_SECONDS, " seconds");
        if (maxSize != null) Sizes.parse(maxSize);
        planOptions.checkOptions();
        for (Path f : new Path[]{json, csv, markdown, png}) {
            if (f == null) continue;
            Path parent = f.toAbsolutePath().getParent();
            if (Files.isDirectory(f)) {
                throw new IllegalArgumentException("cannot write " + f + ": it is a folder; give a file name");
            }
            if (parent != null && !Files.isDirectory(parent)) {
                throw new IllegalArgumentException("cannot write " + f + ": folder " + parent + " does not exist");
            }
        }
    }

    /** The project's .baseshift.json fills what was not typed. */
    private Inputs withProjectDefaults(ProjectConfig config) {
        int n = parallel != null ? parallel : config.parallel() != null ? Math.max(1, config.parallel()) : 2;
        long probeSecs = probeTimeoutSeconds != null ? probeTimeoutSeconds
                : config.probeTimeoutSeconds() != null ? Math.max(1, config.probeTimeoutSeconds()) : 30;
        return new Inputs(n, Duration.ofSeconds(probeSecs), maxSize == null ? null : Sizes.parse(maxSize),
                timeoutSeconds == null ? null : Duration.ofSeconds(timeoutSeconds),
                buildNetwork != null ? buildNetwork : config.buildNetwork());
    }

    private ComparisonResult run(ContainerEngine engine, Plan plan, Inputs inputs, boolean measureDownloads,
                                 PrintWriter err) throws InterruptedException {
        CompareOptions defaults = CompareOptions.defaults(plan.probes());
        CompareOptions options = new CompareOptions(plan.probes(), inputs.parallel, inputs.timeout,
                inputs.probeTimeout, defaults.serverGrace(), !rmImages, inputs.network, measureDownloads,
                planOptions.buildPlatform(engine));
        if (engine.info().fallbackNote() != null) err.println("baseshift compare: " + engine.info().fallbackNote());
        err.println("Comparing " + plan.variants().size() + " variants of " + plan.projectSlug() + " on "
                + engine.info().name() + " " + engine.info().version() + " (" + engine.info().endpoint() + ")");
        ProgressDisplay progress = new ProgressDisplay(err, System.console() != null, plan.variants());
        BuildLogs logs = new BuildLogs(400, progress);
        ComparisonService service = new ComparisonService(engine);
        // a repair reads the images it compares: they stay until it is done
        ComparisonRun run = service.start(plan, repair ? options.keepingImages(true) : options, logs);
        RepairService repairs = repair ? new RepairService(service, new EngineImages(engine)) : null;
        // Ctrl-C: cancel, and give the engine a moment to remove what the run made before the JVM goes.
        Thread hook = new Thread(() -> {
            if (repairs != null) repairs.cancel();
            run.cancel();
            try {
                awaitBounded(run, 20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "baseshift-cancel-on-exit");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            ComparisonResult result = run.await();
            if (repairs == null) return result;
            List<Tier> failing = RepairService.failing(result);
            if (!failing.isEmpty()) {
                err.println();
                err.println("Repairing " + String.join(", ", failing.stream().map(Tier::id).toList())
                        + " (at most " + RepairService.MAX_ROUNDS + " rounds each)");
            }
            // with nothing to repair this only removes the images kept for it (with --rm-images)
            return repairs.repair(result, options, List.of(), logs::lines, rmImages, e -> {
                if (e instanceof RepairService.Event.Progress p) {
                    err.println("  " + p.tier().id() + ": " + p.message());
                } else if (e instanceof RepairService.Event.Rebuild r
                        && r.event() instanceof ComparisonEvent.VariantFinished f) {
                    err.println("  " + f.result().variant().label() + ": " + ProgressDisplay.summary(f.result()));
                } else if (e instanceof RepairService.Event.Finished f) {
                    err.println("  " + f.tier().id() + ": " + f.outcome().verdict());
                }
                err.flush();
            });
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook is doing its work
            }
        }
    }

    private static void awaitBounded(ComparisonRun run, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!run.isDone() && System.nanoTime() < deadline) Thread.sleep(50);
    }

    private static void printSummary(ComparisonResult result, PrintWriter out) {
        // PULL (what a deployment downloads) only where the bases' download sizes are known
        boolean pull = result.variants().stream().anyMatch(v -> result.pullBytes(v).isPresent());
        String format = pull ? "%-12s %-13s %9s %9s %9s  %-7s %s%n" : "%-12s %-13s %9s%s %9s  %-7s %s%n";
        out.println();
        out.printf(Locale.ROOT, format, "TIER", "STATUS", "SIZE", pull ? "PULL" : "", "BUILD", "PROBES", "BASE");
        for (VariantResult v : result.variants()) {
            long ran = v.probes().stream().filter(p -> p.outcome() != ProbeOutcome.SKIPPED).count();
            out.printf(Locale.ROOT, format,
                    v.variant().label() + (v.variant().original() ? "*" : ""), v.status().id(),
                    v.built() ? Sizes.format(v.sizeBytes()) : "-",
                    pull ? result.pullBytes(v).map(Sizes::format).orElse("-") : "",
                    v.cached() ? "cached" : String.format(Locale.ROOT, "%.1f s", v.buildSeconds()),
                    v.built() ? v.probesPassed() + "/" + ran : "-", v.variant().base());
        }
        out.println("(* the original)");
        out.println();
        for (RepairOutcome r : result.repairs()) {
            out.println("Repair of " + r.tier().id() + ": " + r.verdict());
            for (String l : RepairText.diagnoses(r, "  ")) out.println(l);
            if (r.patch() != null && r.patch().changes()) {
                for (String l : r.patch().diff().split("\\R")) out.println("    " + l);
            }
            for (String u : r.patch() == null ? List.<String>of() : r.patch().unresolved()) out.println("  unresolved: " + u);
        }
        if (!result.repairs().isEmpty()) out.println();
        if (result.recommendation().present()) {
            out.println("Recommendation: " + result.recommendation().label() + " — "
                    + result.recommendation().reason());
        } else {
            out.println("No recommendation: " + result.recommendation().reason());
        }
        // without a recommendation its reason already named each cause once; with one, the failures are said here
        if (result.recommendation().present()) {
            for (FailureSummary.Group g : FailureSummary.group(result.variants())) out.println("  " + g.sentence());
        }
        out.flush();
    }

    /** Every requested report is attempted even when one fails; false when any could not be written. */
    private boolean writeReports(ComparisonResult result, PrintWriter err) {
        boolean ok = true;
        try {
            if (json != null) JsonReport.write(result, json);
        } catch (IOException | RuntimeException e) {
            ok = reportFailed("JSON", json, e, err);
        }
        try {
            if (csv != null) CsvReport.write(result, csv);
        } catch (IOException | RuntimeException e) {
            ok = reportFailed("CSV", csv, e, err);
        }
        try {
            if (markdown != null) MarkdownReport.write(result, markdown);
        } catch (IOException | RuntimeException e) {
            ok = reportFailed("Markdown", markdown, e, err);
        }
        try {
            if (png != null) PngReport.write(result, png);
        } catch (IOException | RuntimeException e) {
            ok = reportFailed("PNG", png, e, err);
        }
        return ok;
    }

    private static boolean reportFailed(String kind, Path file, Exception e, PrintWriter err) {
        err.println("baseshift compare: could not write the " + kind + " report " + file + ": " + e.getMessage());
        return false;
    }

    private int gates(ComparisonResult result, Inputs inputs, PrintWriter err) {
        boolean probesRan = result.variants().stream().flatMap(v -> v.probes().stream())
                .anyMatch(p -> p.outcome() != ProbeOutcome.SKIPPED);
        if (inputs.maxBytes != null) {
            if (!result.recommendation().present()) {
                err.println("max-size gate failed: no variant qualifies (see above)");
                return BaseShiftCommand.GATE_FAILED;
            }
            VariantResult rec = result.variants().stream()
                    .filter(v -> result.recommendation().isFor(v)).findFirst().orElseThrow();
            if (rec.sizeBytes() > inputs.maxBytes) {
                err.println("max-size gate failed: " + rec.variant().label() + " is " + Sizes.format(rec.sizeBytes())
                        + " (" + rec.sizeBytes() + " bytes), more than " + maxSize + " (" + inputs.maxBytes + " bytes)");
                return BaseShiftCommand.GATE_FAILED;
            }
        }
        if (!result.recommendation().present()) {
            err.println((probesRan ? "probe gate failed" : "no variant qualifies") + ": no recommendation (see above)");
            return BaseShiftCommand.GATE_FAILED;
        }
        return BaseShiftCommand.OK;
    }
}
