package dev.baseshift.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** {@code baseshift ARGS} in a JVM of its own (signals, exit codes, its own environment), its output read as it comes. */
public final class CliProcess {
    public final Process process;
    public final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private CliProcess(Process process) {
        this.process = process;
        this.reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) lines.add(l);
            } catch (IOException e) {
                // the process is gone
            }
        });
        reader.start();
    }

    /** Starts the Launcher with {@code args}; {@code env} adds to (or overrides) this JVM's environment. */
    public static CliProcess start(Map<String, String> env, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "dev.baseshift.Launcher"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        return new CliProcess(pb.start());
    }

    /** Waits until a line matches (or {@code seconds} pass); true when one did. */
    public boolean awaitLine(Predicate<String> wanted, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (lines.stream().anyMatch(wanted)) return true;
            Thread.sleep(100);
        }
        return lines.stream().anyMatch(wanted);
    }

    /** Waits for the exit and the last output; true when it ended within {@code seconds}. */
    public boolean awaitExit(int seconds) throws InterruptedException {
        boolean done = process.waitFor(seconds, TimeUnit.SECONDS);
        reader.join(5000);
        return done;
    }

    public String output() {
        return String.join("\n", lines);
    }
}
