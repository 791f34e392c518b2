package dev.baseshift.registry;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * One loopback registry per test run, filled once: the tiny fixture images pushed by the engine under several
 * names ({@code docker tag} + {@code docker push}, the local tags removed again), and a two-platform image index
 * put together through the registry API. Tests get it as a parameter through {@link Extension}; it is stopped
 * and its storage deleted when the run ends.
 */
public final class RegistryFixtures implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    /** The fixture images pushed, as the engine names them, and the repository:tag each is pushed as. */
    public static final List<String[]> PUSHED = List.of(
            new String[]{"bsfixture/tiny:full", "bsfixture/tiny:full"},
            new String[]{"bsfixture/tiny:musl", "bsfixture/tiny:musl"},
            new String[]{"bsfixture/tiny:noshell", "bsfixture/tiny:noshell"},
            new String[]{"bsfixture/tiny:full", "another/name:v1"});
    public static final String INDEX = "multi/app:1";

    private final LoopbackRegistry registry;
    private final RegistryUpload.Pushed amd64;
    private final RegistryUpload.Pushed arm64;
    private final RegistryUpload.Pushed index;

    private RegistryFixtures(LoopbackRegistry registry, RegistryUpload.Pushed amd64, RegistryUpload.Pushed arm64,
                             RegistryUpload.Pushed index) {
        this.registry = registry;
        this.amd64 = amd64;
        this.arm64 = arm64;
        this.index = index;
    }

    public String host() {
        return registry.host();
    }

    /** {@code 127.0.0.1:PORT/NAME}. */
    public String ref(String name) {
        return host() + "/" + name;
    }

    /** The manifest of NAME:TAG exactly as the registry serves it to the Docker CLI. */
    public byte[] manifest(String nameAndTag) throws IOException, InterruptedException {
        int colon = nameAndTag.lastIndexOf(':');
        java.net.URI uri = java.net.URI.create("http://" + host() + "/v2/" + nameAndTag.substring(0, colon)
                + "/manifests/" + nameAndTag.substring(colon + 1));
        return HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(uri)
                .header("Accept", Manifest.ACCEPT).build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    /** The sum of a manifest's layer sizes: what a pull of it downloads. */
    public static long layerSum(byte[] manifest) throws IOException {
        long sum = 0;
        for (var l : new com.fasterxml.jackson.databind.ObjectMapper().readTree(manifest).path("layers")) {
            sum += l.path("size").asLong();
        }
        return sum;
    }

    public RegistryUpload.Pushed amd64() { return amd64; }

    public RegistryUpload.Pushed arm64() { return arm64; }

    public RegistryUpload.Pushed index() { return index; }

    static RegistryFixtures start() throws IOException, InterruptedException {
        LoopbackRegistry r = LoopbackRegistry.plain();
        try {
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            for (String[] p : PUSHED) {
                String target = r.host() + "/" + p[1];
                // A tag of our own (random suffix) so parallel runs never touch each other's names.
                String tmp = target + "-" + suffix;
                docker("tag", p[0], tmp);
                try {
                    docker("tag", p[0], target);
                    docker("push", "-q", target);
                } finally {
                    docker("rmi", target);
                    docker("rmi", tmp);
                }
            }
            RegistryUpload up = new RegistryUpload(HttpClient.newHttpClient(), "http://" + r.host(), null);
            RegistryUpload.Pushed a = up.image("multi/app", "amd64-only", "linux", "amd64", null,
                    List.of(RegistryUpload.layer(300_000, 1), RegistryUpload.layer(20_000, 2)));
            RegistryUpload.Pushed b = up.image("multi/app", "arm64-only", "linux", "arm64", "v8",
                    List.of(RegistryUpload.layer(250_000, 3)));
            RegistryUpload.Pushed i = up.index("multi/app", "1", List.of(a, b), List.of("linux/amd64", "linux/arm64/v8"));
            return new RegistryFixtures(r, a, b, i);
        } catch (IOException | InterruptedException | RuntimeException e) {
            r.close();
            throw e;
        }
    }

    static String docker(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("docker"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " timed out");
        }
        if (p.exitValue() != 0) throw new IOException(String.join(" ", cmd) + " failed: " + out);
        return out.trim();
    }

    @Override
    public void close() {
        registry.close();
    }

    /** Resolves a {@link RegistryFixtures} parameter; one instance per run, closed at its end. */
    public static final class Extension implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
            return p.getParameter().getType() == RegistryFixtures.class;
        }

        @Override
        public Object resolveParameter(ParameterContext p, ExtensionContext c) {
            return c.getRoot().getStore(ExtensionContext.Namespace.create(RegistryFixtures.class))
                    .getOrComputeIfAbsent("fixtures", k -> {
                        try {
                            return start();
                        } catch (IOException e) {
                            throw new ParameterResolutionException("loopback registry: " + e.getMessage(), e);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new ParameterResolutionException("interrupted");
                        }
                    }, RegistryFixtures.class);
        }
    }
}
