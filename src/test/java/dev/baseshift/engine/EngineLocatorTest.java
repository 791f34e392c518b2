package dev.baseshift.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Engine discovery against the real engine, with fake configs, homes and sockets in a temp folder. */
@Tag("engine")
class EngineLocatorTest {

    static final String REAL_SOCKET = "unix:///var/run/docker.sock";

    @TempDir
    Path tmp;

    Path home() throws Exception {
        return Files.createDirectories(tmp.resolve("home"));
    }

    /** A socket file nobody listens on, as a crashed engine leaves behind. */
    Path deadSocket(String name) throws Exception {
        Path socket = tmp.resolve(name);
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
        }
        return socket;
    }

    void context(Path configDir, String name, String host) throws Exception {
        String id = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(name.getBytes(StandardCharsets.UTF_8)));
        Path meta = Files.createDirectories(configDir.resolve("contexts/meta").resolve(id)).resolve("meta.json");
        Files.writeString(meta, new ObjectMapper().writeValueAsString(Map.of("Name", name,
                "Metadata", Map.of(), "Endpoints", Map.of("docker", Map.of("Host", host, "SkipTLSVerify", false)))));
    }

    @Test
    void aDeadDockerHostFallsBackToTheWellKnownSocket() throws Exception {
        Map<String, String> env = Map.of("DOCKER_HOST", "unix://" + deadSocket("dead.sock"));
        long start = System.nanoTime();
        try (DockerEngine engine = new EngineLocator(env, home()).locate()) {
            assertThat(engine.info().endpoint()).isEqualTo(REAL_SOCKET);
            assertThat(engine.info().foundVia()).isEqualTo("well-known socket");
            // the user named another engine: the fallback is said, not silent
            assertThat(engine.info().fallbackNote()).startsWith("DOCKER_HOST unix://").contains("dead.sock did not answer (")
                    .endsWith("; using " + REAL_SOCKET);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void dockerHostWinsWhenItAnswers() throws Exception {
        try (DockerEngine engine = new EngineLocator(Map.of("DOCKER_HOST", REAL_SOCKET), home()).locate()) {
            assertThat(engine.info().foundVia()).isEqualTo("DOCKER_HOST");
            assertThat(engine.info().fallbackNote()).isNull();
            assertThat(engine.info().apiVersion())
                    .isEqualTo(Cli.run("docker", "version", "--format", "{{.Server.APIVersion}}"));
        }
    }

    @Test
    void theCurrentContextOfAFakeDockerConfigIsResolved() throws Exception {
        Path config = Files.createDirectories(tmp.resolve("docker-config"));
        Files.writeString(config.resolve("config.json"), "{\"auths\":{},\"currentContext\":\"bs-test\"}");
        context(config, "bs-test", REAL_SOCKET);
        Path emptyRoot = Files.createDirectories(tmp.resolve("root")); // no well-known sockets to fall back on
        Map<String, String> env = Map.of("DOCKER_CONFIG", config.toString());
        try (DockerEngine engine = new EngineLocator(env, home(), emptyRoot, Duration.ofSeconds(1)).locate()) {
            assertThat(engine.info().foundVia()).isEqualTo("context bs-test");
            assertThat(engine.info().endpoint()).isEqualTo(REAL_SOCKET);
        }
    }

    @Test
    void dockerContextOverridesTheCurrentContext() throws Exception {
        Path config = Files.createDirectories(home().resolve(".docker"));
        Files.writeString(config.resolve("config.json"), "{\"currentContext\":\"broken\"}");
        context(config, "broken", "unix://" + deadSocket("broken.sock"));
        context(config, "chosen", REAL_SOCKET);
        Path emptyRoot = Files.createDirectories(tmp.resolve("root"));
        Map<String, String> env = Map.of("DOCKER_CONTEXT", "chosen");
        try (DockerEngine engine = new EngineLocator(env, home(), emptyRoot, Duration.ofSeconds(1)).locate()) {
            assertThat(engine.info().foundVia()).isEqualTo("context chosen");
        }
    }

    @Test
    void nothingReachableListsEveryAttemptQuickly() throws Exception {
        Path config = Files.createDirectories(tmp.resolve("docker-config"));
        Files.writeString(config.resolve("config.json"), "{\"currentContext\":\"gone\"}");
        Path runtime = Files.createDirectories(tmp.resolve("run-user"));
        Path emptyRoot = Files.createDirectories(tmp.resolve("root"));
        Map<String, String> env = new HashMap<>();
        env.put("DOCKER_HOST", "tcp://127.0.0.1:1");
        env.put("DOCKER_CONFIG", config.toString());
        env.put("XDG_RUNTIME_DIR", runtime.toString());
        try (ServerSocketChannel silent = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            // accepts connections (backlog) but never answers: only the time bound ends this attempt
            silent.bind(UnixDomainSocketAddress.of(runtime.resolve("docker.sock")));
            // Load the JSON and HTTP classes first: on a loaded CI machine that alone takes seconds, and what is
            // measured here is that every attempt is time-bounded.
            assertThatThrownBy(() -> new EngineLocator(Map.of("DOCKER_HOST", "tcp://127.0.0.1:1",
                    "DOCKER_CONFIG", config.toString()), home(), emptyRoot, Duration.ofSeconds(1)).locate())
                    .isInstanceOf(NoEngineException.class);
            long start = System.nanoTime();
            NoEngineException e = catchThrowableOfType(NoEngineException.class,
                    () -> new EngineLocator(env, home(), emptyRoot, Duration.ofSeconds(1)).locate());
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(e.attempts()).extracting(EngineLocator.Attempt::source).containsExactly(
                    "DOCKER_HOST", "currentContext in " + config.resolve("config.json"), "well-known socket",
                    "Docker Desktop socket", "rootless Docker socket", "Podman socket", "Podman socket");
            assertThat(e.attempts()).allSatisfy(a -> assertThat(a.error()).isNotBlank());
            assertThat(e.attempts().get(0).where()).isEqualTo("tcp://127.0.0.1:1");
            assertThat(e.attempts().get(0).error()).containsIgnoringCase("refused");
            assertThat(e.attempts().get(1).error()).contains("no such context");
            assertThat(e.attempts().get(2).where()).isEqualTo("/var/run/docker.sock");
            assertThat(e.attempts().get(4).where()).isEqualTo("unix://" + runtime.resolve("docker.sock"));
            assertThat(e.getMessage()).startsWith("No container engine answered. Tried:")
                    .contains("tcp://127.0.0.1:1 (DOCKER_HOST)").contains("/var/run/docker.sock")
                    .contains("podman.sock").contains("DOCKER_HOST=unix:///var/run/docker.sock");
        }
    }

    @Test
    void sshContextsAreExplainedNotAttempted() throws Exception {
        Path config = Files.createDirectories(home().resolve(".docker"));
        context(config, "remote", "ssh://me@build-host");
        Path emptyRoot = Files.createDirectories(tmp.resolve("root"));
        NoEngineException e = catchThrowableOfType(NoEngineException.class, () -> new EngineLocator(
                Map.of("DOCKER_CONTEXT", "remote"), home(), emptyRoot, Duration.ofSeconds(1)).locate());
        assertThat(e.attempts().get(0).error()).contains("ssh:// endpoints are not supported");
    }

    @Test
    void aBrokenConfigFileIsOneFailedAttemptNotACrash() throws Exception {
        Path config = Files.createDirectories(home().resolve(".docker"));
        Files.writeString(config.resolve("config.json"), "{not json");
        try (DockerEngine engine = new EngineLocator(Map.of(), home()).locate()) {
            assertThat(engine.info().endpoint()).isEqualTo(REAL_SOCKET);
        }
        Path emptyRoot = Files.createDirectories(tmp.resolve("root"));
        assertThatThrownBy(() -> new EngineLocator(Map.of(), home(), emptyRoot, Duration.ofSeconds(1)).locate())
                .isInstanceOf(NoEngineException.class).hasMessageContaining("config.json")
                .hasMessageContaining("cannot read it");
    }

    @Test
    void theApiVersionIsNegotiatedNotPinned() throws Exception {
        assertThat(DockerEngine.negotiate("1.41", "1.12")).isEqualTo("1.41"); // Debian's 20.10
        assertThat(DockerEngine.negotiate("1.52", "1.44")).isEqualTo("1.44"); // Docker 29
        assertThat(DockerEngine.negotiate("1.60", "1.50")).isEqualTo("1.50"); // a future engine's floor
        ObjectMapper json = new ObjectMapper();
        assertThat(DockerEngine.engineName(json.readTree(
                "{\"Components\":[{\"Name\":\"Podman Engine\"}],\"Version\":\"4.3.1\"}"))).isEqualTo("Podman");
        assertThat(DockerEngine.engineName(json.readTree(
                "{\"Platform\":{\"Name\":\"Docker Desktop 4.30.0 (149282)\"}}"))).isEqualTo("Docker Desktop");
        assertThat(DockerEngine.engineName(json.readTree(
                "{\"Platform\":{\"Name\":\"Docker Engine - Community\"}}"))).isEqualTo("Docker Engine");
    }
}
