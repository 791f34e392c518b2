package dev.baseshift.bench;

import dev.baseshift.dockerfile.Dockerfile;
import dev.baseshift.dockerfile.DockerfileException;
import dev.baseshift.dockerfile.DockerfileParser;
import dev.baseshift.dockerfile.StageGraph;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Parsing (and resolving the stages of) a generated Dockerfile of 1,000 instructions that mixes every construct
 * the parser handles. Run: {@code mvn -o -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.baseshift.bench.ParseBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(0)
public class ParseBenchmark {
    static final int INSTRUCTIONS = 1_000;

    private String text;

    @Setup
    public void generate() {
        text = generated(INSTRUCTIONS);
    }

    /** A realistic mix: ARGs, several stages, long continued RUNs, heredocs, JSON forms, flags. */
    static String generated(int instructions) {
        StringBuilder b = new StringBuilder("# syntax=docker/dockerfile:1\nARG PY=3.12\nARG VARIANT=slim\n");
        int count = 2;
        int stage = 0;
        while (count < instructions) {
            switch ((count - 2) % 10) {
                case 0 -> b.append("FROM python:${PY}-${VARIANT} AS stage").append(stage++).append('\n');
                case 1 -> b.append("RUN set -eux; \\\n    apt-get update; \\\n    # comment inside\n")
                        .append("    apt-get install -y --no-install-recommends curl ca-certificates; \\\n")
                        .append("    rm -rf /var/lib/apt/lists/*\n");
                case 2 -> b.append("COPY --from=stage0 --chown=app:app --link /src /app\n");
                case 3 -> b.append("RUN --mount=type=cache,target=/root/.cache <<EOF\npip install -r r.txt\n")
                        .append("python -m compileall /app\nEOF\n");
                case 4 -> b.append("ENV PATH=\"/opt/venv/bin:$PATH\" LANG=C.UTF-8\n");
                case 5 -> b.append("LABEL org.opencontainers.image.title=\"demo ").append(count).append("\"\n");
                case 6 -> b.append("CMD [\"python\", \"-m\", \"app\", \"--port\", \"8080\"]\n");
                case 7 -> b.append("HEALTHCHECK --interval=30s CMD curl -f http://localhost/ || exit 1\n");
                case 8 -> b.append("\n# a comment line\nWORKDIR /app\n");
                default -> b.append("run echo lowercase instruction ").append(count).append('\n');
            }
            count++;
        }
        return b.toString();
    }

    @Benchmark
    public StageGraph parseAndResolve() throws DockerfileException {
        Dockerfile file = DockerfileParser.parse("Dockerfile", text);
        return StageGraph.of(file, Map.of(), null);
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(ParseBenchmark.class.getName()).build()).run();
    }
}
