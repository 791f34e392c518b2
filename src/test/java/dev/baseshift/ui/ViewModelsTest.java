package dev.baseshift.ui;

import dev.baseshift.catalog.Tier;
import dev.baseshift.chart.ChartSamples;
import dev.baseshift.compare.ComparisonResult;
import dev.baseshift.compare.EngineSummary;
import dev.baseshift.compare.ProbeOutcome;
import dev.baseshift.compare.ProbeResult;
import dev.baseshift.compare.Recommendation;
import dev.baseshift.compare.VariantResult;
import dev.baseshift.plan.Plan;
import dev.baseshift.ui.export.ExportViewModel;
import dev.baseshift.ui.project.ProbeRow;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The view models on their own: synchronous runner, no stage. */
class ViewModelsTest {
    @TempDir
    Path temp;

    private MainViewModel vm;
    private Path sample;

    @BeforeEach
    void open() throws Exception {
        vm = new MainViewModel(UiTestSupport.services(TaskRunner.synchronous(), UiTestSupport.noEngine(temp), temp));
        sample = UiTestSupport.sample(temp);
        vm.open(sample);
    }

    @Test
    void openingAProjectPlansItAndMarksTheBaseFromLine() {
        assertThat(vm.titleProperty().get()).isEqualTo("BaseShift — sample");
        assertThat(vm.project().dockerfiles()).containsExactly("Dockerfile");
        assertThat(vm.project().fromLineProperty().get()).isEqualTo(3);
        assertThat(vm.project().source().get(2).styles()).containsExactly("from-line");
        assertThat(vm.project().errorProperty().get()).isNull();
        assertThat(vm.spectrum().tiers()).contains(Tier.FULL, Tier.SLIM, Tier.ALPINE, Tier.DISTROLESS);
        assertThat(vm.spectrum().originalTierProperty().get()).isEqualTo(Tier.FULL);
        assertThat(vm.recentProjects()).containsExactly(sample.toAbsolutePath().normalize());
    }

    @Test
    void movingTheSliderChangesOnlyTheFromLineInThePreview() {
        vm.spectrum().select(Tier.SLIM);
        var changed = vm.spectrum().diff().stream().filter(l -> !l.styles().isEmpty()).toList();
        assertThat(changed).hasSize(2);
        assertThat(changed.get(0).styles()).containsExactly("removed");
        assertThat(changed.get(0).text()).isEqualTo("FROM python:3.12");
        assertThat(changed.get(1).styles()).containsExactly("added");
        assertThat(changed.get(1).text()).startsWith("FROM python:3.12-slim");
        assertThat(changed.get(1).number()).isEqualTo(3);
        assertThat(vm.spectrum().changeSummaryProperty().get()).isEqualTo("only the FROM on line 3 changes");
    }

    @Test
    void sliderMovesAreFastEnoughToFollowTheMouse() {
        List<Tier> tiers = List.copyOf(vm.spectrum().tiers());
        for (int i = 0; i < 50; i++) vm.spectrum().select(tiers.get(i % tiers.size())); // warm up
        long[] times = new long[200];
        for (int i = 0; i < times.length; i++) {
            long t0 = System.nanoTime();
            vm.spectrum().select(tiers.get(i % tiers.size()));
            times[i] = System.nanoTime() - t0;
        }
        java.util.Arrays.sort(times);
        double median = times[times.length / 2] / 1e6;
        System.out.printf("slider move -> preview: median %.3f ms, p95 %.3f ms, worst %.3f ms (200 moves)%n",
                median, times[times.length * 95 / 100] / 1e6, times[times.length - 1] / 1e6);
        assertThat(median).isLessThan(50);
    }

    @Test
    void aParseErrorIsShownAtItsLineAndTheAppStaysUsable() throws Exception {
        Path bad = Files.createDirectories(temp.resolve("bad"));
        Files.writeString(bad.resolve("Dockerfile"), "FROM python:3.12\nRUN echo hi\nCOPY\n");
        vm.open(bad);
        assertThat(vm.project().errorLineProperty().get()).isEqualTo(3);
        assertThat(vm.project().errorProperty().get()).startsWith("Dockerfile:3");
        assertThat(vm.project().source().get(2).styles()).containsExactly("error-line");
        assertThat(vm.project().plan()).isNull();
        assertThat(vm.run().disabledReasonProperty().get()).startsWith("Open a project");
        assertThat(vm.spectrum().findings()).isEmpty();
        assertThat(vm.spectrum().findingsPlaceholderProperty().get())
                .startsWith("The Dockerfile could not be read").contains("line 3").contains("Dockerfile:3")
                .doesNotContain("nothing predicted to break");
        vm.open(sample); // and the next project opens fine
        assertThat(vm.project().plan()).isNotNull();
        assertThat(vm.project().errorProperty().get()).isNull();
        assertThat(vm.spectrum().findingsPlaceholderProperty().get()).startsWith("No findings");
    }

    @Test
    void probesAreWrittenToTheProjectOnlyOnSave() throws Exception {
        Path config = sample.resolve(".baseshift.json");
        String before = Files.exists(config) ? Files.readString(config) : null;
        assertThat(vm.probes().add("python3 -c 'import json'")).isTrue();
        ProbeRow first = vm.probes().rows().get(0);
        first.enabledProperty().set(!first.enabledProperty().get());
        assertThat(vm.probes().dirtyProperty().get()).isTrue();
        assertThat(Files.exists(config) ? Files.readString(config) : null).isEqualTo(before);

        assertThat(vm.probes().add("python3 -c 'import")).isFalse();
        assertThat(vm.probes().messageProperty().get()).contains("quote");

        vm.probes().save();
        assertThat(vm.probes().dirtyProperty().get()).isFalse();
        assertThat(Files.readString(config)).contains("python3 -c 'import json'");
        vm.project().reload(); // the saved probe comes back as the project's
        assertThat(vm.probes().rows()).anySatisfy(r -> {
            assertThat(r.commandProperty().get()).isEqualTo("python3 -c 'import json'");
            assertThat(r.sourceProperty().get()).isEqualTo("project");
        });
    }

    @Test
    void aCustomImageForATierIsPlannedAtOnce() {
        vm.spectrum().useCustomBase(Tier.SLIM, "registry.example.com/python:3.12-slim");
        vm.spectrum().select(Tier.SLIM);
        assertThat(vm.spectrum().baseReferenceProperty().get()).startsWith("registry.example.com/python:3.12-slim")
                .contains("your image");
        assertThat(vm.spectrum().comparedTiers()).contains(Tier.SLIM, Tier.FULL);
    }

    @Test
    void openingAnotherProjectWithUnsavedProbeEditsAsksFirst() throws Exception {
        Path other = Files.createDirectories(temp.resolve("other"));
        Files.writeString(other.resolve("Dockerfile"), "FROM alpine:3.20\n");
        assertThat(vm.probes().add("python3 -c 'import zlib'")).isTrue();
        vm.open(other);
        // not opened yet: the window asks
        assertThat(vm.pendingOpenProperty().get()).isEqualTo(other);
        assertThat(vm.project().projectDirProperty().get()).isEqualTo(sample.toAbsolutePath().normalize());
        vm.resolvePendingOpen(MainViewModel.UnsavedProbes.CANCEL);
        assertThat(vm.project().projectDirProperty().get()).isEqualTo(sample.toAbsolutePath().normalize());
        assertThat(vm.probes().dirtyProperty().get()).isTrue();

        vm.open(other);
        vm.resolvePendingOpen(MainViewModel.UnsavedProbes.SAVE);
        assertThat(Files.readString(sample.resolve(".baseshift.json"))).contains("import zlib");
        assertThat(vm.project().projectDirProperty().get()).isEqualTo(other.toAbsolutePath().normalize());

        // nothing unsaved: no question
        vm.open(sample);
        assertThat(vm.pendingOpenProperty().get()).isNull();
        assertThat(vm.project().projectDirProperty().get()).isEqualTo(sample.toAbsolutePath().normalize());
    }

    @Test
    void aSuggestedProbeSwitchedOffStaysOffAfterSaveAndReopen() {
        ProbeRow suggested = vm.probes().rows().stream().filter(r -> "suggested".equals(r.sourceProperty().get()))
                .findFirst().orElseThrow();
        String command = suggested.commandProperty().get();
        suggested.enabledProperty().set(false);
        vm.probes().save();
        vm.open(temp); // elsewhere, then back
        vm.open(sample);
        ProbeRow again = vm.probes().rows().stream().filter(r -> r.commandProperty().get().equals(command))
                .findFirst().orElseThrow();
        assertThat(again.enabledProperty().get()).isFalse();
        assertThat(vm.probes().probes()).filteredOn(p -> p.command().equals(command)).singleElement()
                .satisfies(p -> assertThat(p.enabled()).isFalse());
    }

    @Test
    void aBaseFromTheProjectsConfigSaysSoAndOneTypedInSaysItIsYours() throws Exception {
        Path project = temp.resolve("numpy-app");
        try (var files = java.nio.file.Files.walk(Path.of("src/test/resources/projects/numpy-app"))) {
            for (Path f : files.toList()) {
                Path to = project.resolve(Path.of("src/test/resources/projects/numpy-app").relativize(f).toString());
                if (java.nio.file.Files.isDirectory(f)) java.nio.file.Files.createDirectories(to);
                else java.nio.file.Files.copy(f, to);
            }
        }
        vm.open(project);
        vm.spectrum().select(Tier.SLIM);
        assertThat(vm.spectrum().baseReferenceProperty().get()).isEqualTo("bsfixture/py:slim  (from .baseshift.json)");
        vm.spectrum().useCustomBase(Tier.SLIM, "registry.example.com/py:slim");
        vm.spectrum().select(Tier.SLIM);
        assertThat(vm.spectrum().baseReferenceProperty().get()).isEqualTo("registry.example.com/py:slim  (your image)");
    }

    @Test
    void aFolderWithoutADockerfileShowsItsOwnEmptyStateNotThePreviousProject() throws Exception {
        Path empty = java.nio.file.Files.createDirectories(temp.resolve("nothing-here"));
        vm.open(empty);
        assertThat(vm.titleProperty().get()).isEqualTo("BaseShift — nothing-here");
        assertThat(vm.project().projectDirProperty().get()).isEqualTo(empty.toAbsolutePath().normalize());
        assertThat(vm.project().dockerfiles()).isEmpty();
        assertThat(vm.project().source()).isEmpty();
        assertThat(vm.project().plan()).isNull();
        assertThat(vm.spectrum().tiers()).isEmpty();
        assertThat(vm.project().errorProperty().get()).startsWith("No Dockerfile in " + empty.toAbsolutePath().normalize())
                .contains("looked for Dockerfile, Containerfile, *.Dockerfile and Dockerfile.*");
    }

    private ComparisonResult syntheticResult() {
        return syntheticResult(vm.project().plan());
    }

    /** Four variants as a comparison of {@code plan} would give them; slim fails its probe. */
    static ComparisonResult syntheticResult(Plan plan) {
        List<VariantResult> results = new ArrayList<>(ChartSamples.pythonFamily());
        VariantResult slim = results.get(1);
        results.set(1, new VariantResult(slim.variant(), slim.status(), slim.imageId(), slim.tag(), slim.sizeBytes(),
                slim.baseSizeBytes(), slim.appSizeBytes(), slim.buildSeconds(), null, slim.layers(),
                List.of(new ProbeResult("numpy", "python3 -c 'import numpy'", ProbeOutcome.FAIL, 1, 0.4,
                        "ModuleNotFoundError: No module named 'numpy'"))));
        return new ComparisonResult(plan, results, new Recommendation(Tier.DISTROLESS, "smallest that passes every probe"),
                new EngineSummary("Docker Engine", "20.10", "1.41", "unix:///var/run/docker.sock"));
    }

    @Test
    void resultsFillTheTableMatrixAndBanner() {
        ComparisonResult r = syntheticResult();
        vm.results().finish(r);
        assertThat(vm.results().barsProperty().get()).hasSize(4);
        assertThat(vm.results().rows()).hasSize(4);
        assertThat(vm.results().rows().get(1).deltaBytes()).isEqualTo(90_000_000L - 230_000_000L);
        assertThat(vm.results().rows().get(1).probesText()).isEqualTo("0/1");
        assertThat(vm.results().probeColumns()).containsExactly("python3 -c 'import numpy'");
        assertThat(vm.results().bannerProperty().get()).startsWith("Recommended: distroless").contains("45MB");
        vm.results().showProbe("slim", r.variants().get(1).probes().get(0));
        assertThat(vm.results().probeDetailProperty().get()).contains("fail").contains("exit 1").contains("No module named");
    }

    @Test
    void exportDialogsOpenInTheProjectFolderWithTheProjectsFileName() throws Exception {
        Path project = vm.project().plan().projectDir();
        assertThat(vm.export().suggestedFolder()).isEqualTo(project);
        assertThat(vm.export().suggestedFileName(ExportViewModel.Format.PNG))
                .isEqualTo(vm.project().plan().projectSlug() + "-baseshift.png");
        vm.export().setResult(syntheticResult());
        Path out = Files.createDirectories(temp.resolve("exports"));
        vm.export().export(ExportViewModel.Format.CSV, out.resolve("r.csv"));
        assertThat(vm.export().suggestedFolder()).as("the next export goes where the last one went").isEqualTo(out);
        Path other = Files.createDirectories(temp.resolve("other-app"));
        Files.writeString(other.resolve("Dockerfile"), "FROM python:3.12\nCMD [\"python3\"]\n");
        vm.open(other);
        assertThat(vm.export().suggestedFolder()).isEqualTo(vm.project().plan().projectDir());
        assertThat(vm.export().suggestedFileName(ExportViewModel.Format.MARKDOWN)).isEqualTo("other-app-baseshift.md");
    }

    @Test
    void exportsWriteAValidPngAndCsv() throws Exception {
        vm.export().setResult(syntheticResult());
        Path png = temp.resolve("out/chart.png");
        Path csv = temp.resolve("out/result.csv");
        vm.export().export(ExportViewModel.Format.PNG, png);
        vm.export().export(ExportViewModel.Format.CSV, csv);
        assertThat(vm.export().messageProperty().get()).startsWith("Saved CSV");
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isGreaterThanOrEqualTo(1280);
        assertThat(image.getHeight()).isEqualTo(960);
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(5); // header + 4 variants
        assertThat(lines.get(0)).contains("tier");
        assertThat(lines.get(2)).startsWith("slim");
    }

    @Test
    void savingAVariantAsksBeforeOverwriting() throws Exception {
        vm.spectrum().select(Tier.SLIM);
        vm.export().saveSelectedVariant();
        Path saved = sample.resolve("Dockerfile.slim");
        assertThat(Files.readString(saved)).contains("FROM python:3.12-slim");
        Files.writeString(saved, "mine\n");

        vm.export().saveSelectedVariant();
        assertThat(vm.export().overwriteQuestionProperty().get()).isNotNull();
        assertThat(Files.readString(saved)).isEqualTo("mine\n");
        vm.export().answerOverwrite(false);
        assertThat(Files.readString(saved)).isEqualTo("mine\n");

        vm.export().saveSelectedVariant();
        vm.export().answerOverwrite(true);
        assertThat(Files.readString(saved)).contains("FROM python:3.12-slim");

        vm.spectrum().select(Tier.FULL); // the original cannot be "saved as a variant"
        assertThat(vm.export().canSaveVariantProperty().get()).isFalse();
    }

    @Test
    void withoutAnEngineCompareIsDisabledWithTheReason() {
        assertThat(vm.engine().stateProperty().get()).isEqualTo(EngineStatusViewModel.State.CHECKING);
        vm.engine().connect();
        assertThat(vm.engine().stateProperty().get()).isEqualTo(EngineStatusViewModel.State.UNAVAILABLE);
        assertThat(vm.run().canCompareProperty().get()).isFalse();
        assertThat(vm.run().disabledReasonProperty().get()).isEqualTo("No container engine reachable");
    }
}
