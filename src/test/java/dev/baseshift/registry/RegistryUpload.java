package dev.baseshift.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Puts images into a registry through the distribution API itself (blob upload, manifest PUT): how the test makes
 * an image index of two single-platform images, and fills the TLS registry the engine cannot push to.
 */
public final class RegistryUpload {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http;
    private final String base;
    private final String authorization;

    RegistryUpload(HttpClient http, String base, String authorization) {
        this.http = http;
        this.base = base;
        this.authorization = authorization;
    }

    public record Pushed(String digest, long size, byte[] manifest) {}

    /** A gzip layer of {@code bytes} random bytes (incompressible, so its compressed size is about that). */
    static byte[] layer(int bytes, long seed) throws IOException {
        byte[] data = new byte[bytes];
        new Random(seed).nextBytes(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    String blob(String repo, byte[] data) throws IOException, InterruptedException {
        String digest = RegistryClient.sha256(data);
        HttpResponse<String> start = send(HttpRequest.newBuilder(URI.create(base + "/v2/" + repo + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        if (start.statusCode() != 202) throw new IOException("upload start: " + start.statusCode() + " " + start.body());
        String location = start.headers().firstValue("Location").orElseThrow();
        URI put = URI.create(base).resolve(location);
        String sep = put.toString().contains("?") ? "&" : "?";
        HttpResponse<String> done = send(HttpRequest.newBuilder(URI.create(put + sep + "digest=" + digest))
                .header("Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofByteArray(data)));
        if (done.statusCode() != 201) throw new IOException("upload: " + done.statusCode() + " " + done.body());
        return digest;
    }

    /** An image of the given layers for one platform; returns its manifest. */
    Pushed image(String repo, String tag, String os, String arch, String variant, List<byte[]> layers)
            throws IOException, InterruptedException {
        ObjectNode config = JSON.createObjectNode();
        config.put("created", "2026-11-30T12:00:00Z");
        config.put("os", os);
        config.put("architecture", arch);
        if (variant != null) config.put("variant", variant);
        ObjectNode rootfs = config.putObject("rootfs");
        rootfs.put("type", "layers");
        ArrayNode ids = rootfs.putArray("diff_ids");
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", Manifest.OCI_MANIFEST);
        ArrayNode ls = JSON.createArrayNode();
        for (byte[] l : layers) {
            String d = blob(repo, l);
            ids.add(d); // not the uncompressed digest; the registry does not check it
            ObjectNode desc = ls.addObject();
            desc.put("mediaType", "application/vnd.oci.image.layer.v1.tar+gzip");
            desc.put("digest", d);
            desc.put("size", l.length);
        }
        byte[] configBytes = JSON.writeValueAsBytes(config);
        ObjectNode c = manifest.putObject("config");
        c.put("mediaType", "application/vnd.oci.image.config.v1+json");
        c.put("digest", blob(repo, configBytes));
        c.put("size", configBytes.length);
        manifest.set("layers", ls);
        return manifest(repo, tag, Manifest.OCI_MANIFEST, JSON.writeValueAsBytes(manifest));
    }

    /** An OCI image index over manifests already pushed, with their platforms ("linux/arm64/v8"). */
    Pushed index(String repo, String tag, List<Pushed> images, List<String> platforms) throws IOException, InterruptedException {
        ObjectNode index = JSON.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", Manifest.OCI_INDEX);
        ArrayNode list = index.putArray("manifests");
        for (int i = 0; i < images.size(); i++) {
            ObjectNode d = list.addObject();
            d.put("mediaType", Manifest.OCI_MANIFEST);
            d.put("digest", images.get(i).digest());
            d.put("size", images.get(i).size());
            String[] p = platforms.get(i).split("/");
            ObjectNode pl = d.putObject("platform");
            pl.put("architecture", p[1]);
            pl.put("os", p[0]);
            if (p.length > 2) pl.put("variant", p[2]);
        }
        return manifest(repo, tag, Manifest.OCI_INDEX, JSON.writeValueAsBytes(index));
    }

    Pushed manifest(String repo, String tag, String mediaType, byte[] body) throws IOException, InterruptedException {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/v2/" + repo + "/manifests/" + tag))
                .header("Content-Type", mediaType).PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
        if (r.statusCode() != 201) throw new IOException("manifest PUT " + repo + ":" + tag + ": " + r.statusCode() + " " + r.body());
        return new Pushed(RegistryClient.sha256(body), body.length, body);
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
        if (authorization != null) b.header("Authorization", authorization);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
