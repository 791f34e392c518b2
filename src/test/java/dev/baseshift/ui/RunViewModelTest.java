package dev.baseshift.ui;

import dev.baseshift.catalog.Tier;
import dev.baseshift.compare.VariantStatus;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The run and results models with the synchronous runner against the real engine: no stage, no FX thread. */
@Tag("engine")
class RunViewModelTest {
    @TempDir
    Path temp;

    @Test
    void eventsFillRowsAndResultsWithoutAStage() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("bsui-vm"));
        Files.writeString(dir.resolve("Dockerfile"), "FROM bsfixture/py:full\nCMD [\"python3\", \"-c\", \"print(1)\"]\n");
        Files.writeString(dir.resolve(".baseshift.json"), """
                {"bases": {"full": "bsfixture/py:full", "slim": "bsfixture/py:slim"},
                 "probes": ["python3 -c 'import numpy'"]}
                """);
        MainViewModel vm = new MainViewModel(UiTestSupport.services(TaskRunner.synchronous(),
                UiTestSupport.realEngine(), temp));
        vm.engine().connect();
        vm.open(dir);
        assertThat(vm.run().canCompareProperty().get()).isTrue();

        vm.compare();
        assertThat(vm.run().rows()).extracting(r -> r.tier()).containsExactly(Tier.FULL, Tier.SLIM);
        long deadline = System.nanoTime() + 120_000_000_000L;
        // the result is published first, then the run is marked finished: wait for both
        while ((vm.run().resultProperty().get() == null || vm.run().runningProperty().get())
                && System.nanoTime() < deadline) Thread.sleep(100);

        assertThat(vm.run().resultProperty().get()).isNotNull();
        assertThat(vm.run().runningProperty().get()).isFalse();
        assertThat(vm.run().canCompareProperty().get()).isTrue();
        assertThat(vm.run().finished()).hasSize(2);
        assertThat(vm.run().rows()).allSatisfy(r -> {
            assertThat(r.statusProperty().get()).isEqualTo(VariantStatus.BUILT);
            assertThat(r.progressProperty().get()).isEqualTo(1.0);
            assertThat(r.elapsedProperty().get()).endsWith(" s");
            assertThat(r.log()).anySatisfy(line -> assertThat(line).startsWith("— probe"));
        });
        // slim lacks numpy: the table says 1 of 2 probes passed and the recommendation is the original
        assertThat(vm.results().rows()).anySatisfy(row -> {
            assertThat(row.tier()).isEqualTo(Tier.SLIM);
            assertThat(row.probesText()).isEqualTo("1/2");
        });
        assertThat(vm.results().bannerKindProperty().get()).isNotEqualTo(dev.baseshift.ui.results.ResultsViewModel.BannerKind.WAITING);
        assertThat(vm.export().canExportProperty().get()).isTrue();
        vm.shutdown();
    }
}
