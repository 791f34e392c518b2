package dev.baseshift.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A second, private {@code dockerd} with its own socket, data root, exec root, containerd namespace and network
 * namespace, so a test can kill an engine without touching the shared one. Needs root, {@code dockerd} and
 * {@code unshare}.
 */
public final class SecondDaemon implements AutoCloseable {
    private static final String DOCKERD = "/usr/sbin/dockerd";

    private final Path dir;
    private Process process;

    private SecondDaemon(Path dir) {
        this.dir = dir;
    }

    /** Starts a daemon and waits until it answers; skips the test where this machine cannot run one. */
    public static SecondDaemon start() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of(DOCKERD)), "needs " + DOCKERD);
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/unshare")), "needs unshare (util-linux)");
        assumeTrue("root".equals(System.getProperty("user.name")), "a second dockerd needs root");
        // /tmp keeps the socket path short (unix sockets allow about 100 characters)
        SecondDaemon d = new SecondDaemon(Files.createTempDirectory(Path.of("/tmp"), "bsd-"));
        d.launch();
        return d;
    }

    public String host() {
        return "unix://" + dir.resolve("d.sock");
    }

    private void launch() throws IOException, InterruptedException {
        String ns = "baseshift-" + dir.getFileName();
        // Its own network namespace: a dockerd with --bridge=none deletes any "docker0" it can see, and the shared
        // engine's bridge must survive. The socket is a file, so it is reachable from outside the namespace.
        process = new ProcessBuilder("unshare", "--net", DOCKERD, "--host", host(), "--data-root", dir.resolve("data").toString(),
                "--exec-root", dir.resolve("x").toString(), "--pidfile", dir.resolve("d.pid").toString(),
                "--bridge=none", "--iptables=false", "--ip-masq=false", "--containerd-namespace", ns,
                "--containerd-plugins-namespace", ns + "-plugins")
                .redirectErrorStream(true).redirectOutput(dir.resolve("dockerd.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new IOException("dockerd exited: " + log());
            if (answers()) return;
            Thread.sleep(250);
        }
        throw new IOException("dockerd did not answer within 60 s: " + log());
    }

    private boolean answers() throws InterruptedException {
        try {
            Process p = new ProcessBuilder(DockerCli.DOCKER, "-H", host(), "version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Copies images from the shared engine: {@code docker save | docker -H … load}. */
    public void load(String... images) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("sh", "-c", ""));
        StringBuilder sb = new StringBuilder(DockerCli.DOCKER + " save");
        for (String i : images) sb.append(' ').append(i);
        sb.append(" | ").append(DockerCli.DOCKER).append(" -H ").append(host()).append(" load");
        cmd.set(2, sb.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException("load failed: " + out);
    }

    /** The engine dies: SIGKILL, no clean-up of its own. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public String log() {
        try {
            return Files.readString(dir.resolve("dockerd.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /**
     * A live daemon is stopped cleanly. After {@link #kill} its containerd shims and containers are still running:
     * they are found by this daemon's own folder in their command line, killed, its mounts detached, and the folder
     * deleted.
     */
    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String mine = dir.toString();
        List<ProcessHandle> leftovers = ProcessHandle.allProcesses()
                .filter(ph -> ph.info().commandLine().map(c -> c.contains(mine)).orElse(false)).toList();
        for (ProcessHandle ph : leftovers) {
            ph.descendants().forEach(ProcessHandle::destroyForcibly);
            ph.destroyForcibly();
        }
        for (ProcessHandle ph : leftovers) ph.onExit().get(10, TimeUnit.SECONDS);
        List<String> mounts = Files.readAllLines(Path.of("/proc/mounts")).stream().map(l -> l.split(" ")[1])
                .filter(m -> m.startsWith(mine)).sorted(java.util.Comparator.reverseOrder()).toList();
        for (String m : mounts) new ProcessBuilder("umount", "-l", m).start().waitFor(10, TimeUnit.SECONDS);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
