package dev.baseshift.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The Docker CLI, run from tests to compare BaseShift's numbers with what a person would see. */
public final class DockerCli {
    public static final String DOCKER = "/usr/bin/docker";

    private DockerCli() {}

    /** Runs {@code docker ARGS}; returns stdout stripped; fails the test on a non-zero exit. */
    public static String docker(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(DOCKER);
        cmd.addAll(Arrays.asList(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", cmd) + " failed: " + out);
            }
            return out.strip();
        } catch (IOException e) {
            throw new AssertionError("cannot run " + cmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * {@code docker build --network host -t TAG -} of {@code dockerfile} (no context): a base image a test needs,
     * with its packages from Debian's mirror. Fails the test with the build's output.
     */
    public static void buildHost(String tag, String dockerfile) {
        try {
            Process p = new ProcessBuilder(DOCKER, "build", "--network", "host", "-q", "-t", tag, "-")
                    .redirectErrorStream(true).start();
            try (var in = p.getOutputStream()) {
                in.write(dockerfile.getBytes(StandardCharsets.UTF_8));
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("docker build of " + tag + " failed:\n" + out);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run docker build", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Ids of containers and images carrying the label (key=value). */
    public static List<String> labelled(String label) {
        List<String> out = new ArrayList<>();
        docker("ps", "-aq", "--filter", "label=" + label).lines().filter(l -> !l.isBlank()).forEach(out::add);
        docker("images", "-aq", "--filter", "label=" + label).lines().filter(l -> !l.isBlank()).forEach(out::add);
        return out;
    }

    /** {@code docker image inspect -f {{.Size}}}. */
    public static long size(String image) {
        return Long.parseLong(docker("image", "inspect", "-f", "{{.Size}}", image));
    }

    /** {@code docker history} rows oldest first as "bytes<TAB>created-by", stripped. */
    public static List<String> history(String image) {
        List<String> rows = new ArrayList<>(docker("history", "--no-trunc", "--human=false", "--format",
                "{{.Size}}\t{{.CreatedBy}}", image).lines().map(String::strip).toList());
        java.util.Collections.reverse(rows);
        return rows;
    }
}
