package dev.baseshift.compare;

import dev.baseshift.catalog.Tier;
import dev.baseshift.plan.Variant;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FailureSummaryTest {
    /** A real classic-builder log of `apt-get update && apt-get install` without network (Docker 20.10, colours on). */
    private static List<String> aptLog() throws IOException {
        try (var in = FailureSummaryTest.class.getResourceAsStream("apt-no-network.log")) {
            return Arrays.asList(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
        }
    }

    private static final String DOCKERFILE_TAIL = "ENV X=1\nRUN echo start\nRUN apt-get update && \\\n    apt-get install -y curl\n";

    private static VariantResult failed(Tier tier, String error) {
        String base = "python:3.12-" + tier.id();
        return new VariantResult(new Variant(tier, base, "FROM " + base + "\n" + DOCKERFILE_TAIL, List.of(),
                tier == Tier.FULL, false), VariantStatus.BUILD_FAILED, null, null, 0, 0, 0, 2.0, error, List.of(),
                List.of());
    }

    private static VariantResult built(Tier tier) {
        return new VariantResult(new Variant(tier, "x", "FROM x\n", List.of(), false, false), VariantStatus.BUILT,
                "sha256:1", "t", 10, 5, 5, 1.0, null, List.of(), List.of());
    }

    @Test
    void identicalFailuresOfEveryVariantAreOneSentenceLedByTheRootCauseLine() throws Exception {
        String error = "The command '/bin/sh -c apt-get update &&     apt-get install -y curl' returned a non-zero code: 100";
        List<VariantResult> results = List.of(failed(Tier.FULL, error), failed(Tier.SLIM, error),
                failed(Tier.ALPINE, error), failed(Tier.DISTROLESS, error));
        List<String> log = aptLog();
        List<FailureSummary.Group> groups = FailureSummary.group(results, t -> log);
        assertThat(groups).hasSize(1);
        FailureSummary.Group g = groups.get(0);
        assertThat(g.tiers()).containsExactly(Tier.FULL, Tier.SLIM, Tier.ALPINE, Tier.DISTROLESS);
        assertThat(g.line()).isEqualTo(4);
        // the network, not "Unable to locate package curl" (the consequence) nor "returned a non-zero code" (the end)
        assertThat(g.sentence()).isEqualTo("all 4 variants fail at line 4: `apt-get update &&     apt-get install -y curl`"
                + " could not resolve deb.debian.org — no network in builds?");
    }

    @Test
    void differentCausesStaySeparateAndBuiltVariantsAreLeftOut() {
        List<VariantResult> results = List.of(
                built(Tier.FULL),
                failed(Tier.SLIM, "The command '/bin/sh -c apt-get update &&     apt-get install -y curl' returned a non-zero code: 100"),
                failed(Tier.ALPINE, "The command '/bin/sh -c apt-get update &&     apt-get install -y curl' returned a non-zero code: 127"),
                failed(Tier.DISTROLESS, "pull access denied for gcr.io/distroless/python3, repository does not exist"));
        Map<Tier, List<String>> logs = Map.of(
                Tier.SLIM, List.of("E: Unable to locate package curl"),
                Tier.ALPINE, List.of("/bin/sh: apt-get: not found"));
        List<FailureSummary.Group> groups = FailureSummary.group(results, t -> logs.getOrDefault(t, List.of()));
        assertThat(groups).extracting(FailureSummary.Group::sentence).containsExactly(
                "slim fails at line 4: `apt-get update &&     apt-get install -y curl` apt has no package curl"
                        + " — the package may have another name on this base",
                "alpine fails at line 4: `apt-get update &&     apt-get install -y curl` apt-get: command not found"
                        + " — the base lacks this tool",
                "distroless fails: cannot pull gcr.io/distroless/python3 — the image is private, misspelt or not on this engine");
    }

    @Test
    void buildKitErrorsNameTheirLineAndAnUnknownCauseFallsBackToTheErrorLine() {
        String error = "ERROR: failed to solve: process \"/bin/sh -c make \\\"all\\\"\" did not complete successfully: exit code: 2\n"
                + "Dockerfile.slim:7\n--------------------\n   7 | >>> RUN make \"all\"";
        FailureSummary.Cause c = FailureSummary.cause(error, List.of("make: *** [Makefile:3: all] Error 1"), null);
        assertThat(c.command()).isEqualTo("make \"all\"");
        assertThat(c.line()).isEqualTo(7);
        assertThat(c.cause()).as("the log's error line, not the builder's wrapper").isEqualTo("make: *** [Makefile:3: all] Error 1");
        FailureSummary.Cause plain = FailureSummary.cause("The command '/bin/sh -c false' returned a non-zero code: 1",
                List.of("Step 3/3 : RUN false"), "FROM a\nRUN true\nRUN false\n");
        assertThat(plain.cause()).isEqualTo("exited with code 1");
        assertThat(plain.line()).isEqualTo(3);
    }

    @Test
    void ansiEscapesAndCarriageReturnRedrawsAreRemoved() throws Exception {
        assertThat(FailureSummary.stripAnsi("\u001B[91mE: Unable to locate package curl\n\u001B[0mdone"))
                .isEqualTo("E: Unable to locate package curl\ndone");
        assertThat(FailureSummary.stripAnsi("\u001B[1A\u001B[2K#5 10%\r#5 50%\r#5 100%")).isEqualTo("#5 100%");
        assertThat(FailureSummary.stripAnsi("\u001B]0;title\u0007plain")).isEqualTo("plain");
        assertThat(String.join("\n", aptLog()).chars().anyMatch(ch -> ch == 0x1B)).isTrue();
        assertThat(FailureSummary.stripAnsi(String.join("\n", aptLog())).chars().anyMatch(ch -> ch == 0x1B)).isFalse();
    }
}
