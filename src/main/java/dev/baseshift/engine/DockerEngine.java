package dev.baseshift.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.BuildImageCmd;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.WaitResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.ImageHistory;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link ContainerEngine} on docker-java (httpclient5 transport). Classic builds go through the engine API;
 * Dockerfiles that need BuildKit go through a BuildKit-capable {@code docker} CLI pointed at the same endpoint.
 * Works with Docker Engine, Docker Desktop and Podman's Docker-compatible socket.
 */
public final class DockerEngine implements ContainerEngine {

    /** Probe output kept: the end is where the error usually is. */
    static final int OUTPUT_TAIL_BYTES = 4096;
    /** Processes a probe may have at once: enough for any real test, too few for a fork bomb. */
    public static final long PROBE_PIDS_LIMIT = 256;
    private static final Duration POLL = Duration.ofMillis(200);
    /** A committed step: Docker's classic builder says " ---> id", Podman's (buildah) "--> id" with 11+ digits. */
    private static final Pattern COMMITTED = Pattern.compile("(?: ---> |--> )([0-9a-f]{11,64})");
    private static final Pattern RUNNING_IN = Pattern.compile(" ---> Running in ([0-9a-f]{12,64})");
    private static final Pattern MESSAGE_JSON = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final DockerClient client;
    private final DockerHttpClient http;
    private final Endpoint endpoint;
    private final EngineInfo info;
    private final Map<String, String> env;

    private DockerEngine(DockerClient client, DockerHttpClient http, Endpoint endpoint, EngineInfo info,
                         Map<String, String> env) {
        this.client = client;
        this.http = http;
        this.endpoint = endpoint;
        this.info = info;
        this.env = env;
    }

    /** Connects with the API version negotiated from the engine's {@code /version} answer. */
    static DockerEngine connect(Endpoint endpoint, JsonNode version, Map<String, String> env) {
        return connect(endpoint, version, env, null);
    }

    /** @param passedOver the places the user named that did not answer, in words, or null */
    static DockerEngine connect(Endpoint endpoint, JsonNode version, Map<String, String> env, String passedOver) {
        String api = negotiate(version.path("ApiVersion").asText("1.41"), version.path("MinAPIVersion").asText("1.12"));
        DockerHttpClient http = EngineLocator.httpClient(endpoint, Duration.ofSeconds(5), null);
        DefaultDockerClientConfig config = new DefaultDockerClientConfig.Builder()
                .withDockerHost(endpoint.uri())
                .withApiVersion(api)
                .withDockerTlsVerify(endpoint.tlsDir() != null)
                .withDockerCertPath(endpoint.tlsDir() == null ? null : endpoint.tlsDir().toString())
                .build();
        DockerClient client = DockerClientImpl.getInstance(config, http);
        // the engine's own API version, as `docker version` shows it (the client may speak an older one)
        EngineInfo info = new EngineInfo(engineName(version), version.path("Version").asText("?"),
                version.path("ApiVersion").asText(api),
                endpoint.uri(), endpoint.source(),
                // Podman's Docker API has no BuildKit session endpoint: the CLI path cannot work there
                !engineName(version).equals("Podman") && BuildKitCli.find(env).isPresent(), passedOver,
                version.hasNonNull("Os") ? version.get("Os").asText() : null,
                version.hasNonNull("Arch") ? version.get("Arch").asText() : null);
        return new DockerEngine(client, http, endpoint, info, Map.copyOf(env));
    }

    /** The engine's newest API when docker-java knows it, else docker-java's newest — never below the engine's minimum. */
    static String negotiate(String serverApi, String serverMinApi) {
        return newest(oldest(serverApi, EngineLocator.MAX_CLIENT_API), serverMinApi);
    }

    static String engineName(JsonNode version) {
        String platform = version.path("Platform").path("Name").asText("");
        if (platform.contains("Desktop")) {
            return "Docker Desktop";
        }
        for (JsonNode component : version.path("Components")) {
            if (component.path("Name").asText("").toLowerCase().contains("podman")) {
                return "Podman";
            }
        }
        return "Docker Engine";
    }

    static int compareApi(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int p = i < x.length ? Integer.parseInt(x[i]) : 0;
            int q = i < y.length ? Integer.parseInt(y[i]) : 0;
            if (p != q) {
                return Integer.compare(p, q);
            }
        }
        return 0;
    }

    private static String oldest(String a, String b) {
        return compareApi(a, b) <= 0 ? a : b;
    }

    private static String newest(String a, String b) {
        return compareApi(a, b) >= 0 ? a : b;
    }

    @Override
    public EngineInfo info() {
        return info;
    }

    // ---------------------------------------------------------------- build

    @Override
    public BuildOutcome build(BuildRequest request, Consumer<String> log) throws EngineException {
        if (request.needsBuildKit()) {
            if (info.podman()) {
                throw new EngineException("this Dockerfile needs BuildKit (heredoc, RUN --mount, COPY --link/--chmod …), "
                        + "which Podman " + info.version() + " does not provide: its builder cannot read it. Build on a "
                        + "Docker engine with BuildKit, or write the step without BuildKit-only syntax");
            }
            return buildWithCli(request, log);
        }
        BuildLog buildLog = new BuildLog(log);
        try (InputStream context = request.context().open(request.dockerfileText())) {
            BuildImageCmd cmd = client.buildImageCmd(context)
                    .withDockerfilePath(request.context().dockerfilePath(request.dockerfileText()))
                    .withTags(Collections.singleton(request.tag()))
                    .withLabels(request.labels())
                    .withForcerm(true)
                    .withRemove(true)
                    .withPull(false);
            if (request.target() != null && !request.target().isBlank()) {
                cmd.withTarget(request.target());
            }
            request.buildArgs().forEach(cmd::withBuildArg);
            if (request.network() != null && !request.network().isBlank()) cmd.withNetworkMode(request.network());
            if (request.platform() != null) cmd.withPlatform(request.platform());
            cmd.exec(buildLog);
            awaitOrCancel(buildLog, request.cancel(), "build");
            if (buildLog.failure() != null && buildLog.failure == null) {
                throw new EngineException("build failed: " + friendly(buildLog.failure()), buildLog.failure());
            }
            if (buildLog.failure != null) {
                throw new EngineException(buildLog.failureMessage());
            }
        } catch (EngineException e) {
            // a failed build leaves its committed steps as untagged images; so may a cancelled one, after the cut
            new BuildLeftovers(client).remove(buildLog.snapshot(), buildLog.containers, buildLog.lastImage,
                    request.cancel() != null && request.cancel().get());
            throw e;
        } catch (IOException e) {
            throw new EngineException("cannot read the build context: " + e.getMessage(), e);
        } catch (DockerException | com.github.dockerjava.api.exception.DockerClientException e) {
            throw new EngineException("build failed: " + friendly(e), e);
        } catch (RuntimeException e) {
            throw new EngineException("build failed: lost the engine (" + EngineLocator.rootMessage(e) + ")", e);
        }
        checkPlatform(request);
        return new BuildOutcome(imageId(request.tag()), request.tag(), false);
    }

    /**
     * An engine asked for another platform may quietly build its own (the classic builder does, on a base it has
     * only for its own platform): such an image is not what was asked for, so the build fails, saying what it got.
     */
    private void checkPlatform(BuildRequest request) throws EngineException {
        if (request.platform() == null) return;
        Optional<ImageDetails.Local> built = local(request.tag());
        if (built.isEmpty()) return;
        String got = built.get().os() + "/" + built.get().architecture();
        String[] want = request.platform().split("/");
        if (want.length < 2 || !(want[0] + "/" + want[1]).equals(got)) {
            removeImage(request.tag());
            throw new EngineException("asked to build for " + request.platform() + ", the engine built " + got
                    + " (the base has no " + request.platform() + " image here, or the engine cannot build for it"
                    + " without emulation)");
        }
    }

    /** Collects the builder's stream: log lines, the current step, and the error the builder reports. */
    private static final class BuildLog extends Watched<BuildResponseItem> {
        private final Consumer<String> log;
        private final StringBuilder partial = new StringBuilder();
        /** Images this build committed (not cache hits, not FROM bases): removed again when the build fails. */
        final List<String> created = Collections.synchronizedList(new ArrayList<>());
        /** The builder's containers ("Running in …"): an image committed from one after the log was cut is ours. */
        final List<String> containers = new java.util.concurrent.CopyOnWriteArrayList<>();
        /** The last image any step showed, a base or a cache hit included. */
        volatile String lastImage;
        private boolean fromStep;
        private boolean cacheHit;
        volatile String step;
        volatile String failure;

        BuildLog(Consumer<String> log) {
            this.log = log;
        }

        @Override
        public void onNext(BuildResponseItem item) {
            if (item.getStream() != null) {
                partial.append(item.getStream());
                int newline;
                while ((newline = partial.indexOf("\n")) >= 0) {
                    String line = partial.substring(0, newline).stripTrailing();
                    partial.delete(0, newline + 1);
                    if (line.startsWith("Step ") || line.startsWith("STEP ")) {
                        step = line;
                        fromStep = line.matches("(?:Step \\d+/\\d+ :|STEP \\d+/\\d+:) (?i:from) .*");
                        cacheHit = false;
                    } else if (line.equals(" ---> Using cache") || line.startsWith("--> Using cache")) {
                        cacheHit = true;
                    } else {
                        Matcher committed = COMMITTED.matcher(line);
                        Matcher running = RUNNING_IN.matcher(line);
                        if (committed.matches()) {
                            lastImage = committed.group(1);
                            if (!fromStep && !cacheHit) created.add(committed.group(1));
                        } else if (running.matches()) {
                            containers.add(running.group(1));
                        }
                    }
                    if (!line.isEmpty()) {
                        log.accept(line);
                    }
                }
            } else if (item.getStatus() != null) {
                log.accept(item.getStatus() + (item.getProgress() == null ? "" : " " + item.getProgress()));
            }
            if (item.isErrorIndicated()) {
                failure = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                        ? item.getErrorDetail().getMessage() : item.getError();
            }
        }

        List<String> snapshot() {
            synchronized (created) {
                return new ArrayList<>(created);
            }
        }

        String failureMessage() {
            return step == null ? failure.strip() : step + ": " + failure.strip();
        }
    }

    /** Waits for an async call, closing it (which makes the engine stop) when the cancel flag is set. */
    private static void awaitOrCancel(Watched<?> callback, AtomicBoolean cancel, String what)
            throws EngineException {
        try {
            while (!callback.ended(POLL.toMillis())) {
                if (cancel != null && cancel.get()) {
                    closeQuietly(callback);
                    throw new EngineException(what + " cancelled");
                }
            }
        } catch (InterruptedException e) {
            closeQuietly(callback);
            Thread.currentThread().interrupt();
            throw new EngineException(what + " interrupted");
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing is best effort: the engine notices the dropped connection either way
        }
    }

    private String imageId(String ref) throws EngineException {
        try {
            return client.inspectImageCmd(ref).exec().getId();
        } catch (NotFoundException e) {
            throw new EngineException("the build reported success but " + ref + " does not exist");
        } catch (RuntimeException e) {
            throw new EngineException("cannot inspect " + ref + ": " + friendly(e), e);
        }
    }

    /** The BuildKit path: {@code docker build -} with the context tar on stdin, against the same endpoint. */
    private BuildOutcome buildWithCli(BuildRequest request, Consumer<String> log) throws EngineException {
        Optional<Path> cli = BuildKitCli.find(env);
        if (cli.isEmpty()) {
            throw new EngineException("this Dockerfile needs BuildKit (heredoc, RUN --mount, COPY --link/--chmod …) "
                    + "and no docker CLI with BuildKit was found (install Docker's CLI with the buildx plugin)");
        }
        Path iidFile;
        try {
            iidFile = Files.createTempFile("baseshift-iid-", ".txt");
        } catch (IOException e) {
            throw new EngineException("cannot create a temp file: " + e.getMessage(), e);
        }
        List<String> command = new ArrayList<>(List.of(cli.get().toString(), "build",
                "-f", request.context().dockerfilePath(request.dockerfileText()),
                "-t", request.tag(), "--progress=plain", "--iidfile", iidFile.toString()));
        request.labels().forEach((k, v) -> command.addAll(List.of("--label", k + "=" + v)));
        request.buildArgs().forEach((k, v) -> command.addAll(List.of("--build-arg", k + "=" + v)));
        if (request.network() != null && !request.network().isBlank()) {
            command.addAll(List.of("--network", request.network()));
        }
        if (request.platform() != null) {
            command.addAll(List.of("--platform", request.platform()));
        }
        if (request.target() != null && !request.target().isBlank()) {
            command.addAll(List.of("--target", request.target()));
        }
        command.add("-");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> childEnv = builder.environment();
        childEnv.remove("DOCKER_CONTEXT");
        childEnv.put("DOCKER_BUILDKIT", "1");
        childEnv.put("DOCKER_HOST", endpoint.uri());
        if (endpoint.tlsDir() != null) {
            childEnv.put("DOCKER_TLS_VERIFY", "1");
            childEnv.put("DOCKER_CERT_PATH", endpoint.tlsDir().toString());
        } else {
            childEnv.remove("DOCKER_TLS_VERIFY");
            childEnv.remove("DOCKER_CERT_PATH");
        }
        Deque<String> tail = new ArrayDeque<>();
        Process process = null;
        try {
            process = builder.start();
            Process running = process;
            Thread feeder = new Thread(() -> {
                try (OutputStream stdin = running.getOutputStream();
                     InputStream context = request.context().open(request.dockerfileText())) {
                    context.transferTo(stdin);
                } catch (IOException e) {
                    // the CLI stopped reading (failed or cancelled); its own output says why
                }
            }, "baseshift-buildkit-context");
            feeder.setDaemon(true);
            feeder.start();
            Thread reader = new Thread(() -> {
                try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(
                        running.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        synchronized (tail) {
                            tail.addLast(line);
                            if (tail.size() > 40) {
                                tail.removeFirst();
                            }
                        }
                        log.accept(line);
                    }
                } catch (IOException e) {
                    // the process ended
                }
            }, "baseshift-buildkit-log");
            reader.setDaemon(true);
            reader.start();
            while (!process.waitFor(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                if (request.cancel() != null && request.cancel().get()) {
                    process.destroy();
                    if (!process.waitFor(5, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                    throw new EngineException("build cancelled");
                }
            }
            reader.join(2000);
            if (process.exitValue() != 0) {
                throw new EngineException("BuildKit build failed: " + buildKitError(tail));
            }
            String id = Files.readString(iidFile).strip();
            return new BuildOutcome(id.isEmpty() ? imageId(request.tag()) : id, request.tag(), true);
        } catch (IOException e) {
            throw new EngineException("cannot run " + cli.get() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new EngineException("build interrupted");
        } finally {
            try {
                Files.deleteIfExists(iidFile);
            } catch (IOException e) {
                // a leftover temp file is harmless
            }
        }
    }

    private static String buildKitError(Deque<String> tail) {
        List<String> lines;
        synchronized (tail) {
            lines = new ArrayList<>(tail);
        }
        List<String> errors = lines.stream()
                .filter(l -> l.contains("ERROR") || l.startsWith("error") || l.startsWith("failed to solve")
                        || l.contains("executor failed") || l.contains("did not complete successfully"))
                .toList();
        List<String> shown = errors.isEmpty() ? lines.subList(Math.max(0, lines.size() - 5), lines.size()) : errors;
        return String.join("\n", shown).strip();
    }

    // ---------------------------------------------------------------- inspect, pull

    @Override
    public ImageDetails inspect(String imageRef) throws EngineException {
        try {
            InspectImageResponse image = client.inspectImageCmd(imageRef).exec();
            List<ImageHistory> history = new ArrayList<>(client.imageHistoryCmd(imageRef).exec());
            Collections.reverse(history); // the API lists newest first; we show the build order
            List<ImageDetails.HistoryEntry> layers = history.stream()
                    .map(h -> new ImageDetails.HistoryEntry(h.getId(), h.getSize() == null ? 0 : h.getSize(),
                            h.getCreatedBy() == null ? "" : h.getCreatedBy(),
                            h.getCreated() == null ? 0 : h.getCreated()))
                    .toList();
            Map<String, String> labels = image.getConfig() != null && image.getConfig().getLabels() != null
                    ? image.getConfig().getLabels() : Map.of();
            return new ImageDetails(image.getId(), image.getSize() == null ? 0 : image.getSize(), layers, labels);
        } catch (NotFoundException e) {
            throw new EngineException("no such image: " + imageRef, e);
        } catch (RuntimeException e) {
            throw new EngineException("cannot inspect " + imageRef + ": " + friendly(e), e);
        }
    }

    @Override
    public Optional<ImageDetails.Local> local(String imageRef) throws EngineException {
        try {
            InspectImageResponse image = client.inspectImageCmd(imageRef).exec();
            List<String> layers = image.getRootFS() != null && image.getRootFS().getLayers() != null
                    ? image.getRootFS().getLayers() : List.of();
            return Optional.of(new ImageDetails.Local(image.getId(), image.getSize() == null ? 0 : image.getSize(),
                                        // docker-java does not read the platform variant (arm/v7): an arm image is matched by arch
                    image.getCreated(), layers, image.getOs(), image.getArch(), null,
                    image.getRepoDigests() == null ? List.of() : image.getRepoDigests()));
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw new EngineException("cannot inspect " + imageRef + ": " + friendly(e), e);
        }
    }

    @Override
    public boolean hasImage(String imageRef) throws EngineException {
        try {
            client.inspectImageCmd(imageRef).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        } catch (RuntimeException e) {
            throw new EngineException("cannot inspect " + imageRef + ": " + friendly(e), e);
        }
    }

    @Override
    public void pull(String imageRef, Consumer<String> progress) throws EngineException {
        String[] repoTag = splitReference(imageRef);
        ResultCallback.Adapter<PullResponseItem> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(PullResponseItem item) {
                StringBuilder line = new StringBuilder();
                if (item.getId() != null) {
                    line.append(item.getId()).append(": ");
                }
                if (item.getStatus() != null) {
                    line.append(item.getStatus());
                }
                if (item.getProgress() != null) {
                    line.append(' ').append(item.getProgress());
                }
                if (item.isErrorIndicated()) {
                    line.append(item.getErrorDetail() != null ? item.getErrorDetail().getMessage() : item.getError());
                }
                progress.accept(line.toString());
                super.onNext(item);
            }
        };
        try {
            client.pullImageCmd(repoTag[0]).withTag(repoTag[1]).exec(callback);
            callback.awaitCompletion();
        } catch (InterruptedException e) {
            closeQuietly(callback);
            Thread.currentThread().interrupt();
            throw new EngineException("pull of " + imageRef + " interrupted");
        } catch (RuntimeException e) {
            throw new EngineException("cannot pull " + imageRef + ": " + friendly(e), e);
        }
        if (!hasImage(imageRef)) {
            throw new EngineException("cannot pull " + imageRef + ": the engine finished without the image");
        }
    }

    /** "host:5000/a/b:tag" → ["host:5000/a/b", "tag"]; a digest stays in the tag part ("@sha256:…" form). */
    static String[] splitReference(String ref) {
        int at = ref.indexOf('@');
        if (at >= 0) {
            return new String[] {ref.substring(0, at), ref.substring(at + 1)};
        }
        int slash = ref.lastIndexOf('/');
        int colon = ref.lastIndexOf(':');
        if (colon > slash) {
            return new String[] {ref.substring(0, colon), ref.substring(colon + 1)};
        }
        return new String[] {ref, "latest"};
    }

    // ---------------------------------------------------------------- run

    /**
     * A probe means "this command inside the image": a non-empty argv replaces ENTRYPOINT with argv[0] and CMD with
     * the rest, so {@code python3 -c …} runs python3 even in an image whose ENTRYPOINT is something else. An empty
     * argv runs the image's own ENTRYPOINT/CMD.
     */
    @Override
    public RunOutcome run(RunRequest request) throws EngineException {
        long started = System.nanoTime();
        String id = null;
        Attached attached = null;
        try {
            HostConfig host = HostConfig.newHostConfig();
            if (request.networkNone()) {
                host.withNetworkMode("none");
            }
            if (request.memoryBytes() > 0) {
                host.withMemory(request.memoryBytes());
            }
            // A probe may not fork without bound, and its output is read from the attached stream, so the engine
            // keeps no log of it (a chatty probe would otherwise fill the engine's disk).
            host.withPidsLimit(PROBE_PIDS_LIMIT);
            host.withLogConfig(new LogConfig(LogConfig.LoggingType.NONE, null));
            CreateContainerCmd create = client.createContainerCmd(request.image())
                    .withLabels(request.labels())
                    .withHostConfig(host)
                    .withAttachStdin(false).withAttachStdout(true).withAttachStderr(true).withTty(false);
            if (!request.argv().isEmpty()) {
                create.withEntrypoint(request.argv().get(0));
                create.withCmd(request.argv().subList(1, request.argv().size()));
            }
            try {
                id = create.exec().getId();
                attached = attach(id);
                client.startContainerCmd(id).exec();
            } catch (DockerException e) {
                String message = friendly(e);
                if (isNotFound(message)) {
                    String what = request.argv().isEmpty() ? "the image's ENTRYPOINT/CMD" : request.argv().get(0);
                    return new RunOutcome(null, false, false, true,
                            "executable not found in the image: " + what + " (" + message + ")", seconds(started));
                }
                throw new EngineException("cannot run " + request.image() + ": " + message, e);
            }
            return waitFor(id, attached, request, started);
        } catch (NotFoundException e) {
            throw new EngineException("no such image: " + request.image(), e);
        } catch (RuntimeException e) {
            throw new EngineException("cannot run " + request.image() + ": " + friendly(e), e);
        } finally {
            if (attached != null) closeQuietly(attached);
            if (id != null) {
                removeContainer(id);
            }
        }
    }

    /** The container's stdout and stderr as they come, in blocks, of which only the tail is kept. */
    private static final class Attached extends Watched<Frame> {
        final OutputTail tail = new OutputTail(OUTPUT_TAIL_BYTES);
        final java.util.concurrent.CountDownLatch connected = new java.util.concurrent.CountDownLatch(1);

        @Override
        public void onStart(java.io.Closeable stream) {
            super.onStart(stream);
            connected.countDown();
        }

        @Override
        public void onNext(Frame frame) {
            tail.append(frame.getPayload());
        }

        String text() {
            return tail.text();
        }
    }

    /** Attaches before the start, so not a byte is missed; waits (briefly) until the engine has hijacked the stream. */
    private Attached attach(String id) {
        Attached attached = client.attachContainerCmd(id).withStdOut(true).withStdErr(true).withFollowStream(true)
                .withLogs(false).exec(new Attached());
        try {
            attached.connected.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return attached;
    }

    private static boolean isNotFound(String message) {
        String m = message.toLowerCase();
        return m.contains("executable file not found") || m.contains("no such file or directory");
    }

    private RunOutcome waitFor(String id, Attached attached, RunRequest request, long started) throws EngineException {
        ExitWatch wait = client.waitContainerCmd(id).exec(new ExitWatch());
        long deadline = started + request.timeout().toNanos();
        boolean server = request.argv().isEmpty() && request.keepAlivePass() != null
                && !request.keepAlivePass().isZero() && !request.keepAlivePass().isNegative();
        long aliveUntil = server ? started + request.keepAlivePass().toNanos() : Long.MAX_VALUE;
        try {
            while (true) {
                long now = System.nanoTime();
                long limit = Math.min(deadline, aliveUntil);
                long waitMillis = Math.max(1, Math.min(POLL.toMillis(), (limit - now) / 1_000_000));
                if (wait.ended(waitMillis)) {
                    if (wait.statusCode == null) {
                        String why = wait.failure() == null ? "no exit status" : friendly(wait.failure());
                        throw new EngineException("lost the probe container of " + request.image() + ": " + why);
                    }
                    Integer code = wait.statusCode;
                    attached.ended(2_000); // the last bytes may still be on their way
                    return new RunOutcome(code, false, false, false, attached.text(), seconds(started));
                }
                now = System.nanoTime();
                if (request.cancel() != null && request.cancel().get()) {
                    kill(id);
                    throw new EngineException("probe cancelled");
                }
                if (now >= aliveUntil) {
                    kill(id);
                    return new RunOutcome(null, false, true, false, attached.text(), seconds(started));
                }
                if (now >= deadline) {
                    kill(id);
                    String out = attached.text();
                    String note = "timed out after " + request.timeout().toSeconds() + " s";
                    return new RunOutcome(null, true, false, false,
                            out.isEmpty() ? note : tail(out + "\n" + note), seconds(started));
                }
            }
        } catch (InterruptedException e) {
            kill(id);
            Thread.currentThread().interrupt();
            throw new EngineException("probe interrupted");
        } finally {
            closeQuietly(wait);
        }
    }

    private static final class ExitWatch extends Watched<WaitResponse> {
        volatile Integer statusCode;

        @Override
        public void onNext(WaitResponse response) {
            statusCode = response.getStatusCode();
        }
    }

    private void kill(String id) {
        try {
            client.killContainerCmd(id).exec();
        } catch (RuntimeException e) {
            // it may have exited meanwhile; removal with force follows anyway
        }
    }

    private static String tail(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= OUTPUT_TAIL_BYTES) {
            return text;
        }
        String cut = new String(bytes, bytes.length - OUTPUT_TAIL_BYTES, OUTPUT_TAIL_BYTES, StandardCharsets.UTF_8);
        return "…" + cut.substring(Math.min(1, cut.length())); // drop a possibly split first character
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private void removeContainer(String id) {
        try {
            client.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            // already gone
        } catch (RuntimeException e) {
            // one retry: a container being killed can briefly refuse removal
            try {
                Thread.sleep(200);
                client.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
            } catch (NotFoundException gone) {
                // removed meanwhile
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException again) {
                // the start-up sweep removes it by label
            }
        }
    }

    @Override
    public InputStream saveImage(String imageRef) throws EngineException {
        try {
            return client.saveImageCmd(imageRef).exec();
        } catch (NotFoundException e) {
            throw new EngineException("no such image: " + imageRef, e);
        } catch (RuntimeException e) {
            throw new EngineException("cannot export " + imageRef + ": " + friendly(e), e);
        }
    }

    // ---------------------------------------------------------------- hygiene

    @Override
    public void removeImage(String imageRef) throws EngineException {
        try {
            client.removeImageCmd(imageRef).withForce(true).exec();
        } catch (NotFoundException e) {
            // nothing to remove
        } catch (RuntimeException e) {
            throw new EngineException("cannot remove image " + imageRef + ": " + friendly(e), e);
        }
    }

    @Override
    public void removeUnused(String imageRef) throws EngineException {
        try {
            client.removeImageCmd(imageRef).withForce(false).exec();
        } catch (NotFoundException e) {
            // nothing to remove
        } catch (RuntimeException e) {
            throw new EngineException("cannot remove image " + imageRef + ": " + friendly(e), e);
        }
    }

    @Override
    public int removeLabelled(String labelKey, String labelValue) throws EngineException {
        int removed = 0;
        try {
            for (Container container : labelledContainers(labelKey, labelValue)) {
                removeContainer(container.getId());
                removed++;
            }
            for (Image image : labelledImages(labelKey, labelValue)) {
                removeImage(image.getId());
                removed++;
            }
        } catch (RuntimeException e) {
            throw new EngineException("cannot remove labelled objects: " + friendly(e), e);
        }
        return removed;
    }

    @Override
    public List<String> listLabelled(String labelKey, String labelValue) throws EngineException {
        try {
            List<String> found = new ArrayList<>();
            for (Container c : labelledContainers(labelKey, labelValue)) {
                found.add("container " + c.getId().substring(0, 12) + " " + String.join(",", c.getNames())
                        + " (" + c.getState() + ")");
            }
            for (Image i : labelledImages(labelKey, labelValue)) {
                String tags = i.getRepoTags() == null ? "<none>" : String.join(",", i.getRepoTags());
                found.add("image " + shortId(i.getId()) + " " + tags);
            }
            return found;
        } catch (RuntimeException e) {
            throw new EngineException("cannot list labelled objects: " + friendly(e), e);
        }
    }

    @Override
    public List<ImageDetails.Summary> images(String labelKey, String labelValue, boolean danglingOnly)
            throws EngineException {
        try {
            var cmd = client.listImagesCmd().withShowAll(false);
            if (labelValue == null) cmd.withLabelFilter(labelKey);
            else cmd.withLabelFilter(labelFilter(labelKey, labelValue));
            if (danglingOnly) cmd.withDanglingFilter(true);
            List<ImageDetails.Summary> out = new ArrayList<>();
            for (Image i : cmd.exec()) {
                List<String> tags = i.getRepoTags() == null ? List.of()
                        : java.util.Arrays.stream(i.getRepoTags()).filter(t -> !t.equals("<none>:<none>")).toList();
                out.add(new ImageDetails.Summary(i.getId(), tags, i.getSize() == null ? 0 : i.getSize(),
                        i.getLabels(), i.getCreated() == null ? 0 : i.getCreated()));
            }
            return out;
        } catch (RuntimeException e) {
            throw new EngineException("cannot list images: " + friendly(e), e);
        }
    }

    private List<Container> labelledContainers(String key, String value) {
        var cmd = client.listContainersCmd().withShowAll(true);
        // docker-java's map filter cannot hold a key without a value: the key alone means "any value"
        return (value == null ? cmd.withLabelFilter(List.of(key)) : cmd.withLabelFilter(labelFilter(key, value))).exec();
    }

    private List<Image> labelledImages(String key, String value) {
        var cmd = client.listImagesCmd().withShowAll(false);
        return (value == null ? cmd.withLabelFilter(key) : cmd.withLabelFilter(labelFilter(key, value))).exec();
    }

    private static Map<String, String> labelFilter(String key, String value) {
        Map<String, String> filter = new HashMap<>();
        filter.put(key, value);
        return filter;
    }

    private static String shortId(String id) {
        String hex = id.startsWith("sha256:") ? id.substring(7) : id;
        return hex.substring(0, Math.min(12, hex.length()));
    }

    @Override
    public void close() {
        closeQuietly(client);
        closeQuietly(http);
    }

    /** The engine's own message ("No such image: x") instead of docker-java's "Status 404: {…}". */
    static String friendly(Throwable e) {
        String message = e.getMessage() == null ? EngineLocator.rootMessage(e) : e.getMessage();
        Matcher m = MESSAGE_JSON.matcher(message);
        if (m.find()) {
            return m.group(1).replace("\\\"", "\"").replace("\\n", "\n").strip();
        }
        return message.replaceFirst("^Status \\d+: ", "").strip();
    }
}
