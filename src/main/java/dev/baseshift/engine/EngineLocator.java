package dev.baseshift.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.core.LocalDirectorySSLConfig;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Finds a running container engine the way the Docker CLI does: {@code DOCKER_HOST}, then the Docker context
 * ({@code DOCKER_CONTEXT} or {@code currentContext} in {@code $DOCKER_CONFIG/config.json}), then the well-known
 * sockets of Docker Engine, Docker Desktop, rootless Docker and Podman. Each place gets a short ping; the first that
 * answers wins. Environment, home folder and file-system root are injectable so tests never touch the user's setup.
 */
public final class EngineLocator {

    /** One place tried and why it did not answer. */
    public record Attempt(String where, String source, String error) {}

    /** The newest API version docker-java 3.7.1 models; newer engines still accept it (Docker 29 needs ≥ 1.44). */
    static final String MAX_CLIENT_API = "1.44";

    /** Loaded on first use: building an ObjectMapper costs a second on a busy machine, the "no engine" path needs none. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private final Map<String, String> env;
    private final Path home;
    private final Path root;
    private final Duration pingTimeout;

    public EngineLocator(Map<String, String> env, Path home, Path root, Duration pingTimeout) {
        this.env = Map.copyOf(env);
        this.home = home;
        this.root = root;
        this.pingTimeout = pingTimeout;
    }

    public EngineLocator(Map<String, String> env, Path home) {
        this(env, home, Path.of("/"), Duration.ofSeconds(1));
    }

    public static EngineLocator fromSystem() {
        return new EngineLocator(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** Connects to the first engine that answers, or throws with every attempt listed. */
    public DockerEngine locate() throws NoEngineException {
        List<Attempt> attempts = new ArrayList<>();
        Set<String> tried = new LinkedHashSet<>();
        for (Candidate candidate : candidates()) {
            if (candidate.error != null) {
                attempts.add(new Attempt(candidate.where, candidate.source, candidate.error));
                continue;
            }
            Endpoint endpoint = candidate.endpoint;
            if (!tried.add(endpoint.uri())) {
                continue;
            }
            try {
                JsonNode version = ping(endpoint);
                return DockerEngine.connect(endpoint, version, env, passedOver(attempts));
            } catch (EngineException e) {
                attempts.add(new Attempt(endpoint.uri(), endpoint.source(), e.getMessage()));
            }
        }
        throw new NoEngineException(attempts);
    }

    /** The places the user named (DOCKER_HOST, a context) that did not answer, in words; null when none. */
    private static String passedOver(List<Attempt> attempts) {
        List<String> named = new ArrayList<>();
        for (Attempt a : attempts) {
            String s = a.source();
            if (s != null && (s.equals("DOCKER_HOST") || s.startsWith("DOCKER_CONTEXT") || s.startsWith("currentContext")
                    || s.startsWith("context "))) {
                named.add(s + " " + a.where() + " did not answer (" + a.error() + ")");
            }
        }
        return named.isEmpty() ? null : String.join("; ", named);
    }

    private record Candidate(Endpoint endpoint, String where, String source, String error) {
        static Candidate of(Endpoint endpoint) {
            return new Candidate(endpoint, endpoint.uri(), endpoint.source(), null);
        }

        static Candidate failed(String where, String source, String error) {
            return new Candidate(null, where, source, error);
        }
    }

    private List<Candidate> candidates() {
        List<Candidate> list = new ArrayList<>();
        Path configDir = env.containsKey("DOCKER_CONFIG") && !env.get("DOCKER_CONFIG").isBlank()
                ? Path.of(env.get("DOCKER_CONFIG")) : home.resolve(".docker");

        String dockerHost = env.get("DOCKER_HOST");
        if (dockerHost != null && !dockerHost.isBlank()) {
            Path tls = null;
            String verify = env.get("DOCKER_TLS_VERIFY");
            if (verify != null && !verify.isEmpty() && !verify.equals("0")) {
                String certPath = env.get("DOCKER_CERT_PATH");
                tls = certPath == null || certPath.isBlank() ? configDir : Path.of(certPath);
            }
            list.add(checked(new Endpoint(dockerHost.strip(), "DOCKER_HOST", tls)));
        }

        String context = env.get("DOCKER_CONTEXT");
        String contextSource = "DOCKER_CONTEXT";
        if (context == null || context.isBlank()) {
            contextSource = "currentContext in " + configDir.resolve("config.json");
            context = currentContext(configDir, list, contextSource);
        }
        if (context != null && !context.isBlank() && !context.equals("default")) {
            list.add(fromContext(configDir, context.strip(), contextSource));
        }

        String socketSource = "well-known socket";
        list.add(socket(root.resolve("var/run/docker.sock"), "/var/run/docker.sock", socketSource));
        list.add(socket(home.resolve(".docker/run/docker.sock"), null, "Docker Desktop socket"));
        String runtimeDir = env.get("XDG_RUNTIME_DIR");
        if (runtimeDir != null && !runtimeDir.isBlank()) {
            list.add(socket(Path.of(runtimeDir, "docker.sock"), null, "rootless Docker socket"));
            list.add(socket(Path.of(runtimeDir, "podman", "podman.sock"), null, "Podman socket"));
        }
        list.add(socket(root.resolve("run/podman/podman.sock"), "/run/podman/podman.sock", "Podman socket"));
        return list;
    }

    private String currentContext(Path configDir, List<Candidate> list, String source) {
        Path config = configDir.resolve("config.json");
        if (!Files.isRegularFile(config)) {
            return null;
        }
        try {
            JsonNode node = Json.MAPPER.readTree(config.toFile()).path("currentContext");
            return node.isTextual() ? node.asText() : null;
        } catch (IOException e) {
            list.add(Candidate.failed(config.toString(), source, "cannot read it: " + rootMessage(e)));
            return null;
        }
    }

    private Candidate fromContext(Path configDir, String name, String source) {
        String id = sha256(name);
        Path meta = configDir.resolve("contexts/meta").resolve(id).resolve("meta.json");
        String where = "context " + name;
        if (!Files.isRegularFile(meta)) {
            return Candidate.failed(where, source, "no such context (" + meta + " is missing)");
        }
        String host;
        try {
            host = Json.MAPPER.readTree(meta.toFile()).path("Endpoints").path("docker").path("Host").asText("");
        } catch (IOException e) {
            return Candidate.failed(where, source, "cannot read " + meta + ": " + rootMessage(e));
        }
        if (host.isBlank()) {
            return Candidate.failed(where, source, meta + " has no Endpoints.docker.Host");
        }
        Path tls = configDir.resolve("contexts/tls").resolve(id).resolve("docker");
        boolean useTls = host.startsWith("tcp://") && Files.isDirectory(tls);
        return checked(new Endpoint(host, "context " + name, useTls ? tls : null));
    }

    /** Rejects what the transport cannot speak before any network call. */
    private Candidate checked(Endpoint endpoint) {
        String uri = endpoint.uri();
        if (uri.startsWith("unix://")) {
            return socket(Path.of(uri.substring("unix://".length())), uri, endpoint.source(), endpoint.tlsDir());
        }
        if (uri.startsWith("tcp://")) {
            return Candidate.of(endpoint);
        }
        if (uri.startsWith("ssh://")) {
            return Candidate.failed(uri, endpoint.source(), "ssh:// endpoints are not supported; "
                    + "forward the socket (ssh -L /tmp/docker.sock:/var/run/docker.sock host) and use unix://");
        }
        return Candidate.failed(uri, endpoint.source(), "unsupported endpoint (use unix:// or tcp://)");
    }

    private Candidate socket(Path socket, String shown, String source) {
        return socket(socket, shown, source, null);
    }

    private Candidate socket(Path socket, String shown, String source, Path tls) {
        String uri = "unix://" + socket;
        String where = shown != null ? shown : uri;
        if (!Files.exists(socket)) {
            return Candidate.failed(where, source, "no socket there");
        }
        return new Candidate(new Endpoint(uri, source, tls), where, source, null);
    }

    private static volatile boolean warmedUp;

    /**
     * Loads the HTTP and JSON classes with a call that fails at once (a socket path that cannot exist), so the ping
     * bound measures the engine, not class loading, which takes seconds on a busy machine.
     */
    private static void warmUp() {
        if (warmedUp) {
            return;
        }
        Json.MAPPER.createObjectNode();
        Endpoint nowhere = new Endpoint("unix:///nonexistent/baseshift-warm-up.sock", "warm-up", null);
        try (DockerHttpClient http = httpClient(nowhere, Duration.ofSeconds(1), Duration.ofSeconds(1))) {
            get(http, "/_ping");
        } catch (IOException | RuntimeException expected) {
            // the failure is the point: the classes are loaded now
        }
        warmedUp = true;
    }

    /** GET /_ping and /version within the ping timeout; returns the version document. */
    /**
     * {@code /_ping} within the ping bound (a hung or dead endpoint costs no more), then {@code /version} within a
     * longer one: an engine that answered the ping is alive, and Podman takes most of a second to say its version.
     */
    private JsonNode ping(Endpoint endpoint) throws EngineException {
        warmUp();
        Duration versionTimeout = pingTimeout.multipliedBy(10);
        DockerHttpClient http;
        try {
            http = httpClient(endpoint, pingTimeout, versionTimeout);
        } catch (RuntimeException e) {
            throw new EngineException(rootMessage(e), e);
        }
        // A daemon thread, so a hung engine can neither block the caller past the bound nor keep the JVM alive.
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "baseshift-engine-ping");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<String> pong = executor.submit(() -> get(http, "/_ping"));
            await(pong, pingTimeout);
            Future<JsonNode> version = executor.submit(() -> Json.MAPPER.readTree(get(http, "/version")));
            return await(version, versionTimeout);
        } finally {
            executor.shutdownNow();
            try {
                http.close();
            } catch (IOException | RuntimeException e) {
                // nothing to release
            }
        }
    }

    private static <T> T await(Future<T> answer, Duration bound) throws EngineException {
        try {
            return answer.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new EngineException("no answer within " + bound.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw new EngineException(rootMessage(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted");
        }
    }

    private static String get(DockerHttpClient http, String path) throws IOException {
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET).path(path).build();
        try (DockerHttpClient.Response response = http.execute(request); InputStream body = response.getBody()) {
            String text = new String(body.readNBytes(1 << 20), StandardCharsets.UTF_8);
            if (response.getStatusCode() != 200) {
                throw new IOException("HTTP " + response.getStatusCode() + " on " + path + ": " + text.strip());
            }
            return text;
        }
    }

    static DockerHttpClient httpClient(Endpoint endpoint, Duration connect, Duration response) {
        ApacheDockerHttpClient.Builder builder = new ApacheDockerHttpClient.Builder()
                .dockerHost(URI.create(endpoint.uri()))
                .maxConnections(64)
                .connectionTimeout(connect);
        if (response != null) {
            builder.responseTimeout(response);
        }
        if (endpoint.tlsDir() != null) {
            builder.sslConfig(new LocalDirectorySSLConfig(endpoint.tlsDir().toString()));
        }
        return builder.build();
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            message = t.getClass().getSimpleName();
        }
        return message.strip();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
