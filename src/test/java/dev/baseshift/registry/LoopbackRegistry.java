package dev.baseshift.registry;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real registry (Debian's {@code docker-registry}, the CNCF distribution server) on a free loopback port, with
 * its storage in a temporary folder: plain HTTP, or TLS with htpasswd basic auth or a token realm. Started and
 * stopped by the tests themselves, so CI needs only the package.
 */
final class LoopbackRegistry implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final Process process;
    private final boolean tls;

    private LoopbackRegistry(Path dir, int port, Process process, boolean tls) {
        this.dir = dir;
        this.port = port;
        this.process = process;
        this.tls = tls;
    }

    /** The registry as image references name it: 127.0.0.1:PORT. */
    String host() {
        return "127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    Path dir() {
        return dir;
    }

    static LoopbackRegistry plain() throws IOException, InterruptedException {
        return start("", false, null);
    }

    /**
     * TLS with the given certificate and key, and an {@code auth:} section (htpasswd or token) as YAML lines
     * indented by two spaces.
     */
    static LoopbackRegistry secured(TestCa.ServerCert cert, String authYaml, HttpClient trusting)
            throws IOException, InterruptedException {
        String tlsYaml = "  tls:\n    certificate: " + cert.certFile() + "\n    key: " + cert.keyFile() + "\n";
        return start(tlsYaml + "\0" + authYaml, true, trusting);
    }

    private static LoopbackRegistry start(String extra, boolean tls, HttpClient trusting)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("bs-registry");
        int port = freePort();
        String[] parts = extra.split("\0", 2);
        String yaml = "version: 0.1\n"
                + "log:\n  level: error\n  accesslog:\n    disabled: true\n"
                + "storage:\n  filesystem:\n    rootdirectory: " + dir.resolve("data") + "\n  delete:\n    enabled: true\n"
                + "http:\n  addr: 127.0.0.1:" + port + "\n" + parts[0]
                + (parts.length > 1 ? parts[1] : "");
        Path config = dir.resolve("config.yml");
        Files.writeString(config, yaml);
        Process p = new ProcessBuilder("docker-registry", "serve", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        LoopbackRegistry r = new LoopbackRegistry(dir, port, p, tls);
        r.awaitReady(trusting != null ? trusting : HttpClient.newHttpClient());
        return r;
    }

    private void awaitReady(HttpClient http) throws IOException, InterruptedException {
        Instant until = Instant.now().plusSeconds(20);
        URI uri = URI.create((tls ? "https" : "http") + "://" + host() + "/v2/");
        while (Instant.now().isBefore(until)) {
            if (!process.isAlive()) {
                throw new IOException("docker-registry exited: " + Files.readString(dir.resolve("registry.log")));
            }
            try {
                int status = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(1)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200 || status == 401) return;
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        close();
        throw new IOException("docker-registry did not answer on " + uri + " within 20 s");
    }

    static int freePort() throws IOException {
        for (int i = 0; i < 20; i++) {
            try (ServerSocket s = new ServerSocket(0)) {
                int p = s.getLocalPort();
                if (p != 5000) return p;
            }
        }
        throw new IOException("no free port");
    }

    /** Stops the server; keeps nothing behind. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteTree(dir);
    }

    static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(walk.toList());
            java.util.Collections.reverse(all);
            for (Path f : all) Files.deleteIfExists(f);
        } catch (IOException ignored) {
            // temp folder: best effort
        }
    }
}
