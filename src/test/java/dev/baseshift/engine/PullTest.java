package dev.baseshift.engine;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Pulling through the engine from a loopback registry (Debian's docker-registry): engines trust 127.0.0.0/8
 * registries without TLS, so nothing on the internet is needed.
 */
@Tag("engine")
class PullTest {

    static final String SESSION = "enginetest-pull-" + UUID.randomUUID();
    static final Map<String, String> LABELS = Map.of("dev.baseshift.session", SESSION);

    @TempDir
    static Path tmp;

    static Process registry;
    static String host;
    static DockerEngine engine;

    @BeforeAll
    static void startRegistry() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        host = "127.0.0.1:" + port;
        Path config = tmp.resolve("config.yml");
        Files.writeString(config, """
                version: 0.1
                log:
                  level: warn
                storage:
                  filesystem:
                    rootdirectory: %s
                http:
                  addr: %s
                """.formatted(Files.createDirectories(tmp.resolve("storage")), host));
        registry = new ProcessBuilder("docker-registry", "serve", config.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("registry.log").toFile()).start();
        HttpClient http = HttpClient.newHttpClient();
        long until = System.currentTimeMillis() + 15_000;
        while (true) {
            try {
                HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create("http://" + host + "/v2/"))
                        .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    break;
                }
            } catch (IOException e) {
                if (System.currentTimeMillis() > until || !registry.isAlive()) {
                    throw new IllegalStateException("registry did not start: "
                            + Files.readString(tmp.resolve("registry.log")), e);
                }
                Thread.sleep(100);
            }
        }
        engine = EngineLocator.fromSystem().locate();
    }

    @AfterAll
    static void stopRegistry() throws Exception {
        if (engine != null) {
            engine.removeLabelled("dev.baseshift.session", SESSION);
            engine.close();
        }
        if (registry != null) {
            registry.destroy();
            if (!registry.waitFor(10, TimeUnit.SECONDS)) {
                registry.destroyForcibly();
            }
        }
    }

    @Test
    void pullsWithProgressFromALoopbackRegistry(@TempDir Path project) throws Exception {
        // an image with a layer of its own, so the pull has something to download
        Files.writeString(project.resolve("unique.txt"), UUID.randomUUID().toString().repeat(2000));
        String ref = host + "/bsengine-test/pull:" + SESSION.substring(SESSION.length() - 8);
        try (BuildContext context = BuildContext.of(project)) {
            engine.build(new ContainerEngine.BuildRequest(context, "Dockerfile",
                    "FROM bsfixture/tiny:noshell\nCOPY unique.txt /unique.txt\n", ref, Map.of(), null, LABELS, false,
                    null), line -> { });
        }
        Cli.run("docker", "push", ref);
        engine.removeImage(ref);
        assertThat(engine.hasImage(ref)).isFalse();

        List<String> progress = Collections.synchronizedList(new ArrayList<>());
        engine.pull(ref, progress::add);

        assertThat(engine.hasImage(ref)).isTrue();
        assertThat(progress).anyMatch(p -> p.contains("Pulling from bsengine-test/pull"))
                .anyMatch(p -> p.contains("Pull complete"))
                .anyMatch(p -> p.startsWith("Status: Downloaded newer image for " + ref));
        assertThat(engine.inspect(ref).sizeBytes())
                .isEqualTo(Long.parseLong(Cli.run("docker", "image", "inspect", "-f", "{{.Size}}", ref)));
    }

    @Test
    void aMissingImageIsAClearError() {
        String ref = host + "/bsengine-test/never-pushed:1";
        assertThatThrownBy(() -> engine.pull(ref, p -> { }))
                .isInstanceOf(EngineException.class)
                .hasMessageStartingWith("cannot pull " + ref + ": ")
                .hasMessageContaining("not found");
    }
}
