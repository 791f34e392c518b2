package dev.baseshift.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A manifest as a registry serves it: either an image index (one entry per platform) or one image's manifest
 * (its config and its layers, each with the compressed size the registry stores). Parsing checks what a careless
 * or hostile registry could get wrong: the media type, the size, the digests and every size.
 */
public sealed interface Manifest permits Manifest.Index, Manifest.Image {
    String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    Set<String> IMAGE_TYPES = Set.of(DOCKER_MANIFEST, OCI_MANIFEST);
    Set<String> INDEX_TYPES = Set.of(DOCKER_LIST, OCI_INDEX);
    /** containerd's limit for a manifest; anything larger is not a manifest. */
    int MAX_BYTES = 4 * 1024 * 1024;
    /** Sent as Accept: every form we understand. */
    String ACCEPT = String.join(", ", OCI_INDEX, DOCKER_LIST, OCI_MANIFEST, DOCKER_MANIFEST);

    String mediaType();

    /** A content address and size, with the platform when an index lists it. */
    record Descriptor(String mediaType, String digest, long size, Platform platform) {}

    record Index(String mediaType, List<Descriptor> manifests) implements Manifest {
        public Index {
            manifests = List.copyOf(manifests);
        }

        /** The platforms listed, skipping attestation entries (unknown/unknown). */
        public List<Platform> platforms() {
            return manifests.stream().map(Descriptor::platform)
                    .filter(p -> p != null && !p.os().equals("unknown")).toList();
        }
    }

    record Image(String mediaType, Descriptor config, List<Descriptor> layers) implements Manifest {
        public Image {
            layers = List.copyOf(layers);
        }

        /** What a pull downloads: the sum of the layers' compressed sizes. */
        public long compressedBytes() {
            return layers.stream().mapToLong(Descriptor::size).sum();
        }
    }

    Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128}");

    /**
     * @param contentType the Content-Type the registry sent (may carry parameters), or null
     * @throws RegistryException saying what is wrong, naming the registry and the reference
     */
    static Manifest parse(byte[] body, String contentType, String registry, String what) throws RegistryException {
        if (body.length > MAX_BYTES) {
            throw new RegistryException(registry, what + ": manifest is " + body.length + " bytes, more than the "
                    + MAX_BYTES + " a manifest may have");
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw new RegistryException(registry, what + ": manifest is not JSON (" + e.getOriginalMessage() + ")");
        } catch (java.io.IOException e) {
            throw new RegistryException(registry, what + ": manifest unreadable: " + e.getMessage());
        }
        if (root == null || !root.isObject()) throw new RegistryException(registry, what + ": manifest is not a JSON object");
        String header = contentType == null ? "" : contentType.split(";")[0].trim();
        String declared = root.path("mediaType").asText("");
        String type = !declared.isEmpty() ? declared : header;
        if (!declared.isEmpty() && !header.isEmpty() && !header.equals(declared)
                && !header.equals("application/json") && !header.equals("application/octet-stream")) {
            throw new RegistryException(registry, what + ": the registry says the manifest is " + header
                    + " but it declares " + declared);
        }
        if (type.isEmpty()) {
            // OCI allows omitting mediaType: tell the forms apart by their fields.
            type = root.has("manifests") ? OCI_INDEX : root.has("layers") ? OCI_MANIFEST : "";
        }
        if (root.path("schemaVersion").asInt(-1) != 2) {
            throw new RegistryException(registry, what + ": unsupported manifest schemaVersion "
                    + root.path("schemaVersion").asText("(none)") + " (only schema 2 and OCI are read)");
        }
        if (INDEX_TYPES.contains(type)) {
            List<Descriptor> entries = new ArrayList<>();
            JsonNode list = root.path("manifests");
            if (!list.isArray()) throw new RegistryException(registry, what + ": image index without a 'manifests' list");
            for (JsonNode m : list) {
                Descriptor d = descriptor(m, registry, what, "index entry");
                if (!IMAGE_TYPES.contains(d.mediaType()) && !INDEX_TYPES.contains(d.mediaType())) continue; // artefacts
                entries.add(d);
            }
            return new Index(type, entries);
        }
        if (IMAGE_TYPES.contains(type)) {
            Descriptor config = descriptor(root.path("config"), registry, what, "config");
            JsonNode list = root.path("layers");
            if (!list.isArray()) throw new RegistryException(registry, what + ": manifest without a 'layers' list");
            List<Descriptor> layers = new ArrayList<>();
            for (JsonNode l : list) layers.add(descriptor(l, registry, what, "layer"));
            return new Image(type, config, layers);
        }
        throw new RegistryException(registry, what + ": unsupported manifest media type '"
                + (type.isEmpty() ? "(none)" : type) + "'");
    }

    private static Descriptor descriptor(JsonNode n, String registry, String what, String role) throws RegistryException {
        if (!n.isObject()) throw new RegistryException(registry, what + ": " + role + " descriptor missing");
        String digest = n.path("digest").asText("");
        if (!DIGEST.matcher(digest).matches()) {
            throw new RegistryException(registry, what + ": " + role + " has an invalid digest '" + digest + "'");
        }
        JsonNode size = n.get("size");
        if (size == null || !size.canConvertToLong() || !size.isIntegralNumber()) {
            throw new RegistryException(registry, what + ": " + role + " " + digest + " has no valid size");
        }
        if (size.asLong() < 0) {
            throw new RegistryException(registry, what + ": " + role + " " + digest + " has a negative size (" + size.asLong() + ")");
        }
        Platform platform = null;
        JsonNode p = n.get("platform");
        if (p != null && p.isObject()) {
            platform = new Platform(p.path("os").asText("unknown"), p.path("architecture").asText("unknown"),
                    p.hasNonNull("variant") ? p.get("variant").asText() : null);
        }
        return new Descriptor(n.path("mediaType").asText(""), digest, size.asLong(), platform);
    }
}
