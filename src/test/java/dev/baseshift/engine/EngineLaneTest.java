package dev.baseshift.engine;

import dev.baseshift.engine.ContainerEngine.BuildOutcome;
import dev.baseshift.engine.ContainerEngine.BuildRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What differs between the engines CI runs on (Docker 20.10, Docker 26 over a socket, TCP+TLS and a context, Podman
 * 4.3): each test reads which engine answered and holds it to what that engine can do. Point it at an engine with
 * DOCKER_HOST (and DOCKER_TLS_VERIFY, DOCKER_CERT_PATH) or DOCKER_CONFIG, as the .ci/engines.sh lanes do.
 */
@Tag("engine")
class EngineLaneTest {

    static final String SESSION_LABEL = "dev.baseshift.session";
    static final String SESSION = "lanetest-" + UUID.randomUUID();
    static final Map<String, String> LABELS = Map.of(SESSION_LABEL, SESSION, "dev.baseshift.project", "lanetest");

    static DockerEngine engine;

    @TempDir
    Path project;

    @BeforeAll
    static void connect() throws Exception {
        engine = EngineLocator.fromSystem().locate();
    }

    @AfterAll
    static void sweep() throws Exception {
        engine.removeLabelled(SESSION_LABEL, SESSION);
        assertThat(engine.listLabelled(SESSION_LABEL, SESSION)).isEmpty();
        engine.close();
    }

    static String tag(String name) {
        return "bslane-test/" + name + ":" + SESSION.substring(SESSION.length() - 8);
    }

    static boolean podman() {
        return engine.info().name().equals("Podman");
    }

    static int major() {
        return Integer.parseInt(engine.info().version().split("\\.")[0]);
    }

    BuildRequest request(BuildContext context, String dockerfile, String tag, boolean buildKit) {
        return new BuildRequest(context, "Dockerfile.test", dockerfile, tag, Map.of(), null, LABELS, buildKit, null);
    }

    @Test
    void theEngineFoundIsTheOneTheEnvironmentNamesAsTheDockerCliSeesIt() {
        Map<String, String> env = System.getenv();
        EngineInfo info = engine.info();
        String host = env.get("DOCKER_HOST");
        if (host != null && !host.isBlank()) {
            assertThat(info.foundVia()).isEqualTo("DOCKER_HOST");
            assertThat(info.endpoint()).isEqualTo(host);
        } else if (env.get("DOCKER_CONFIG") != null) {
            // a context in a private DOCKER_CONFIG: found through its currentContext, at the context's endpoint
            String context = Cli.run("docker", "context", "show");
            assertThat(info.foundVia()).isEqualTo("context " + context);
            assertThat(info.endpoint()).isEqualTo(Cli.run("docker", "context", "inspect", "-f",
                    "{{.Endpoints.docker.Host}}", context));
        }
        if ("1".equals(env.get("DOCKER_TLS_VERIFY")) || info.foundVia().startsWith("context ")) {
            assertThat(info.endpoint()).startsWith("tcp://");
        }
        // the same engine the Docker CLI reaches with the same environment
        assertThat(info.version()).isEqualTo(Cli.run("docker", "version", "-f", "{{.Server.Version}}"));
        assertThat(info.apiVersion()).isNotBlank();
    }

    @Test
    void aHeredocBuildsWhereTheEngineCanAndSaysWhyWhereItCannot() throws Exception {
        String dockerfile = """
                FROM bsfixture/tiny:full
                RUN <<EOF
                echo heredoc works > /heredoc.txt
                EOF
                """;
        String tag = tag("heredoc");
        try (BuildContext context = BuildContext.of(project)) {
            if (podman()) {
                // Podman 4.3's builder knows no heredocs: a clear message, nothing left behind
                assertThatThrownBy(() -> engine.build(request(context, dockerfile, tag, true), l -> { }))
                        .isInstanceOf(EngineException.class).hasMessageContaining("Podman");
                assertThat(engine.hasImage(tag)).isFalse();
            } else if (major() >= 23) {
                // Docker 23+ has a heredoc-aware Dockerfile frontend built in
                BuildOutcome outcome = engine.build(request(context, dockerfile, tag, true), l -> { });
                assertThat(outcome.viaBuildKit()).isTrue();
                assertThat(outcome.imageId()).isEqualTo(Cli.run("docker", "image", "inspect", "-f", "{{.Id}}", tag));
                assertThat(engine.inspect(tag).sizeBytes()).isEqualTo(Long.parseLong(Cli.run("docker", "image",
                        "inspect", "-f", "{{.Size}}", tag)));
                assertThat(Cli.run("docker", "run", "--rm", "--network", "none", "--label",
                        SESSION_LABEL + "=" + SESSION, tag, "cat", "/heredoc.txt")).isEqualTo("heredoc works");
            } else {
                // older engines' built-in frontend predates heredocs (they need # syntax= and a registry)
                assertThatThrownBy(() -> engine.build(request(context, dockerfile, tag, true), l -> { }))
                        .isInstanceOf(EngineException.class);
                assertThat(engine.hasImage(tag)).isFalse();
            }
        }
    }

    @Test
    void aFailedBuildLeavesNoUntaggedImages() throws Exception {
        // The marker label is in every step after it, so the failed build's committed steps are findable on a
        // shared engine without looking at anyone else's images.
        String marker = UUID.randomUUID().toString();
        String dockerfile = "FROM bsfixture/tiny:full\nLABEL dev.baseshift.test=" + marker + "\n"
                + "RUN echo one > /one\nRUN echo two > /two\nRUN exit 3\n";
        try (BuildContext context = BuildContext.of(project)) {
            assertThatThrownBy(() -> engine.build(request(context, dockerfile, tag("fails"), false), l -> { }))
                    .isInstanceOf(EngineException.class).hasMessageContaining("3");
        }
        assertThat(Cli.run("docker", "images", "-aq", "--filter", "label=dev.baseshift.test=" + marker)).isEmpty();
        assertThat(Cli.run("docker", "ps", "-aq", "--filter", "label=dev.baseshift.test=" + marker)).isEmpty();
        assertThat(engine.hasImage(tag("fails"))).isFalse();
    }
}
