package dev.baseshift.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad ranges and references are refused up front: exit 2, a specific message, no engine touched, nothing built. */
class CompareInputValidationTest {
    @TempDir
    Path dir;

    record Outcome(int exit, String err, int connects) {}

    Outcome compare(String... args) throws Exception {
        Files.writeString(dir.resolve("Dockerfile"), "FROM python:3.12\nCMD [\"python3\"]\n");
        AtomicInteger connects = new AtomicInteger();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new CompareCommand(() -> {
            connects.incrementAndGet();
            throw new AssertionError("no engine may be asked for bad input");
        }));
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        String[] all = new String[args.length + 1];
        all[0] = dir.toString();
        System.arraycopy(args, 0, all, 1, args.length);
        int exit = cl.execute(all);
        return new Outcome(exit, err.toString(), connects.get());
    }

    @Test
    void aHugeTimeoutIsARangeErrorNotAnOverflow() throws Exception {
        Outcome o = compare("--timeout", "9223372036854775807");
        assertThat(o.exit()).isEqualTo(BaseShiftCommand.BAD_INPUT);
        assertThat(o.err()).contains("--timeout must be between 1 and 604800 seconds").doesNotContain("overflow");
        assertThat(o.connects()).isZero();
        assertThat(compare("--probe-timeout", "99999999999").err()).contains("--probe-timeout must be between");
        assertThat(compare("--parallel", "100000").err()).contains("--parallel must be between 1 and 64");
    }

    @Test
    void anUppercaseRepositoryInBaseIsRefused() throws Exception {
        Outcome o = compare("--base", "slim=UPPER/case:1");
        assertThat(o.exit()).isEqualTo(BaseShiftCommand.BAD_INPUT);
        assertThat(o.err()).contains("--base slim=UPPER/case:1").contains("uppercase letters are not allowed");
        assertThat(o.connects()).isZero();
        assertThat(compare("--base", "slim=not a ref!").err()).contains("--base slim=not a ref!");
    }

    @Test
    void aBadBuildArgSaysOptionOnce() {
        PlanCommandTest.Run r = PlanCommandTest.run("plan", dir.toString(), "--build-arg", "NOEQUALS");
        assertThat(r.code()).isEqualTo(BaseShiftCommand.BAD_INPUT);
        assertThat(r.err()).contains("--build-arg").doesNotContain("option option");
    }
}
