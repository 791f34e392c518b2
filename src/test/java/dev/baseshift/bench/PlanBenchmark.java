package dev.baseshift.bench;

import dev.baseshift.catalog.Catalog;
import dev.baseshift.plan.Plan;
import dev.baseshift.plan.PlanRequest;
import dev.baseshift.plan.Planner;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Planning a 1,000-instruction Dockerfile (parse, stages, catalog, rewrite every tier, advise every tier), against a
 * baseline measured in the same run: just reading the file. Run: {@code src/test/bench/jmh.sh PlanBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PlanBenchmark {
    private Path dir;
    private Planner planner;

    /** A realistic multi-stage file grown to 1,000 instructions with the kinds of lines real Dockerfiles have. */
    public static String bigDockerfile(int instructions) {
        StringBuilder sb = new StringBuilder("# syntax=docker/dockerfile:1\nARG PY=3.12\nFROM python:${PY} AS build\n");
        int n = 3;
        int i = 0;
        while (n < instructions - 3) {
            switch (i++ % 6) {
                case 0 -> sb.append("RUN set -eux; \\\n    apt-get update; \\\n    apt-get install -y --no-install-recommends libpq-dev gcc; \\\n    rm -rf /var/lib/apt/lists/*\n");
                case 1 -> sb.append("ENV APP_HOME=/srv/app").append(i).append(" PATH=/opt/venv/bin:$PATH\n");
                case 2 -> sb.append("COPY --chown=1000:1000 src/module").append(i).append(" /srv/app/module").append(i).append('\n');
                case 3 -> sb.append("RUN [\"python\", \"-m\", \"compileall\", \"/srv/app/module").append(i).append("\"]\n");
                case 4 -> sb.append("# a comment about step ").append(i).append("\nLABEL step").append(i).append("=\"value ").append(i).append("\"\n");
                default -> sb.append("WORKDIR /srv/app/module").append(i).append('\n');
            }
            n++;
        }
        sb.append("FROM python:${PY}\nCOPY --from=build /srv/app /srv/app\nUSER app\nCMD python -m app\n");
        return sb.toString();
    }

    @Setup
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("baseshift-bench");
        Files.writeString(dir.resolve("Dockerfile"), bigDockerfile(1000));
        planner = new Planner(Catalog.bundled());
    }

    @TearDown
    public void tearDown() throws IOException {
        Files.deleteIfExists(dir.resolve("Dockerfile"));
        Files.deleteIfExists(dir);
    }

    /** Baseline: reading the Dockerfile from disk, the least any planning must do. */
    @Benchmark
    public String readOnly() throws IOException {
        return Files.readString(dir.resolve("Dockerfile"));
    }

    @Benchmark
    public Plan plan() throws Exception {
        return planner.plan(PlanRequest.of(dir));
    }

    public static void main(String[] args) throws Exception {
        new Runner(new OptionsBuilder().include(PlanBenchmark.class.getSimpleName()).build()).run();
    }
}
