package dev.baseshift.compare;

import dev.baseshift.dockerfile.Dockerfile;
import dev.baseshift.dockerfile.DockerfileException;
import dev.baseshift.dockerfile.DockerfileParser;
import dev.baseshift.dockerfile.Flag;
import dev.baseshift.dockerfile.Instruction;
import dev.baseshift.dockerfile.Stage;
import dev.baseshift.dockerfile.StageGraph;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What a variant's image is made of, as one digest: the variant's Dockerfile text, the build context's digest, the
 * build args, the target, the builder, and the id of every image it starts from ({@code FROM} and
 * {@code COPY --from} of images). A kept image labelled with the same digest is the image a new build would make, so
 * it is not built again. Any input that cannot be known (a base image not in the engine) makes a digest no image
 * carries, so the variant is built.
 */
public final class BuildInputs {
    /** Changing how the digest is made must change this, so old labels never match. */
    private static final String VERSION = "baseshift-inputs-1";

    private BuildInputs() {}

    /**
     * @param imageId the id of a local image by reference, or null when the engine does not have it
     */
    public static String digest(String dockerfileName, String dockerfileText, String contextDigest,
                                Map<String, String> buildArgs, String target, boolean buildKit,
                                Function<String, String> imageId) {
        return digest(dockerfileName, dockerfileText, contextDigest, buildArgs, target, buildKit, null, imageId);
    }

    /** @param platform the platform built for ({@code --platform}), null for the engine's own */
    public static String digest(String dockerfileName, String dockerfileText, String contextDigest,
                                Map<String, String> buildArgs, String target, boolean buildKit, String platform,
                                Function<String, String> imageId) {
        StringBuilder in = new StringBuilder(VERSION).append('\0');
        field(in, "dockerfile", dockerfileText);
        field(in, "context", contextDigest);
        new TreeMap<>(buildArgs).forEach((k, v) -> field(in, "arg", k + "=" + v));
        field(in, "target", target == null ? "" : target);
        field(in, "builder", buildKit ? "buildkit" : "classic");
        // absent for the engine's own platform, so the digests of earlier runs still match
        if (platform != null) field(in, "platform", platform);
        for (String ref : images(dockerfileName, dockerfileText, buildArgs, target)) {
            String id = imageId.apply(ref);
            field(in, "image", ref + "@" + (id == null ? "absent:" + System.nanoTime() : id));
        }
        return sha256(in.toString());
    }

    /** The images a Dockerfile starts from, in order: stage bases that are not stages, and {@code COPY --from} images. */
    static Set<String> images(String name, String text, Map<String, String> buildArgs, String target) {
        Set<String> refs = new LinkedHashSet<>();
        Dockerfile dockerfile;
        StageGraph graph;
        try {
            dockerfile = DockerfileParser.parse(name, text);
            graph = StageGraph.of(dockerfile, buildArgs, target);
        } catch (DockerfileException e) {
            refs.add("unparsable:" + System.nanoTime()); // never matches: the build says what is wrong
            return refs;
        }
        Set<String> stageNames = new LinkedHashSet<>();
        for (Stage s : graph.stages()) {
            if (s.fromImage() && !s.base().equalsIgnoreCase("scratch")) refs.add(s.base());
            if (s.name() != null) stageNames.add(s.name().toLowerCase(Locale.ROOT));
            stageNames.add(String.valueOf(s.index()));
        }
        for (Instruction i : dockerfile.instructions()) {
            if (!i.keyword().equals("COPY")) continue;
            for (Flag f : i.flags()) {
                if (f.name().equalsIgnoreCase("from") && f.value() != null
                        && !stageNames.contains(f.value().toLowerCase(Locale.ROOT))) {
                    refs.add(f.value());
                }
            }
        }
        return refs;
    }

    private static void field(StringBuilder in, String key, String value) {
        in.append(key).append('=').append(value.length()).append(':').append(value).append('\0');
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
