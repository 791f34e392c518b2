package dev.baseshift.engine;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The small surface BaseShift needs from a container engine. Implementations: {@link DockerEngine} (docker-java,
 * with the Docker CLI's BuildKit path where a Dockerfile needs it). All methods block; callers run them off the FX
 * thread. Thread-safe.
 */
public interface ContainerEngine extends AutoCloseable {

    EngineInfo info();

    /** Builds an image; log lines stream to {@code log}. Throws with the builder's own error text on failure. */
    BuildOutcome build(BuildRequest request, Consumer<String> log) throws EngineException;

    /** Size as {@code docker image inspect} reports it, and the layers as {@code docker history} does, oldest first. */
    ImageDetails inspect(String imageRef) throws EngineException;

    boolean hasImage(String imageRef) throws EngineException;

    /** The image's size, platform and digests when the engine has it; empty when it does not. */
    Optional<ImageDetails.Local> local(String imageRef) throws EngineException;

    /** Pulls an image through the engine; progress messages stream to {@code progress}. */
    void pull(String imageRef, Consumer<String> progress) throws EngineException;

    /** Runs a container to completion or timeout; the container is always removed. */
    RunOutcome run(RunRequest request) throws EngineException;

    /**
     * Streams the image in the {@code docker save} format ({@code GET /images/{name}/get}); the caller reads it once
     * and closes it. Nothing is written to disk.
     */
    java.io.InputStream saveImage(String imageRef) throws EngineException;

    /** Removes an image (by id or tag); missing images are not an error. */
    void removeImage(String imageRef) throws EngineException;

    /**
     * Removes an image only if nothing needs it ({@code docker rmi} without force): refused (an exception) while a
     * container uses it or another image is built on it; a missing image is not an error.
     */
    void removeUnused(String imageRef) throws EngineException;

    /**
     * Removes every container and image carrying {@code labelKey}, optionally only those whose value equals
     * {@code labelValue} (null = any value). Returns how many objects were removed.
     */
    int removeLabelled(String labelKey, String labelValue) throws EngineException;

    /**
     * Tagged or dangling images (not the hidden parents of other images) carrying {@code labelKey}, optionally only
     * with value {@code labelValue}; with {@code danglingOnly}, only those without any tag.
     */
    List<ImageDetails.Summary> images(String labelKey, String labelValue, boolean danglingOnly) throws EngineException;

    /** Containers and images currently carrying the label (for hygiene checks and the start-up sweep). */
    List<String> listLabelled(String labelKey, String labelValue) throws EngineException;

    @Override
    void close();

    /**
     * @param context           the project's build context (.dockerignore applied); built once per comparison
     * @param dockerfile        the variant's Dockerfile name for messages, e.g. "Dockerfile.slim"; its text travels in
     *                          the streamed context at {@link BuildContext#dockerfilePath(String)}
     * @param dockerfileText    the variant's Dockerfile text
     * @param target            stage to build, or null for the last one
     * @param needsBuildKit     true when the Dockerfile uses BuildKit-only syntax
     * @param cancel            checked while building; setting it makes the build stop (may be null)
     * @param network           the network of the build's RUN steps ({@code docker build --network}): null for the
     *                          engine's default, "host", "none", or a network's name
     */
    /** @param platform os/arch[/variant] to build for ({@code docker build --platform}), null for the engine's own */
    record BuildRequest(BuildContext context, String dockerfile, String dockerfileText, String tag,
                        Map<String, String> buildArgs, String target, Map<String, String> labels,
                        boolean needsBuildKit, java.util.concurrent.atomic.AtomicBoolean cancel, String network,
                        String platform) {
        public BuildRequest {
            buildArgs = Map.copyOf(buildArgs);
            labels = Map.copyOf(labels);
        }

        public BuildRequest(BuildContext context, String dockerfile, String dockerfileText, String tag,
                            Map<String, String> buildArgs, String target, Map<String, String> labels,
                            boolean needsBuildKit, java.util.concurrent.atomic.AtomicBoolean cancel, String network) {
            this(context, dockerfile, dockerfileText, tag, buildArgs, target, labels, needsBuildKit, cancel, network,
                    null);
        }

        public BuildRequest(BuildContext context, String dockerfile, String dockerfileText, String tag,
                            Map<String, String> buildArgs, String target, Map<String, String> labels,
                            boolean needsBuildKit, java.util.concurrent.atomic.AtomicBoolean cancel) {
            this(context, dockerfile, dockerfileText, tag, buildArgs, target, labels, needsBuildKit, cancel, null);
        }
    }

    record BuildOutcome(String imageId, String tag, boolean viaBuildKit) {}

    /**
     * @param argv         command; empty = the image's own ENTRYPOINT/CMD
     * @param keepAlivePass when > 0 and argv is empty: a container still running after this long counts as passing
     */
    record RunRequest(String image, List<String> argv, Duration timeout, Duration keepAlivePass, boolean networkNone,
                      long memoryBytes, Map<String, String> labels,
                      java.util.concurrent.atomic.AtomicBoolean cancel) {}

    /**
     * @param exitCode   null when it did not exit (timed out or still running as a server)
     * @param timedOut   killed after the timeout
     * @param stillRunning alive after keepAlivePass (a server): counts as a pass
     * @param notFound   the executable did not exist in the image
     * @param output     tail of stdout+stderr
     */
    record RunOutcome(Integer exitCode, boolean timedOut, boolean stillRunning, boolean notFound, String output,
                      double seconds) {}
}
