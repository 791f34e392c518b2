package dev.baseshift.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A registry login, found the way the Docker CLI finds it: {@code credHelpers[registry]}, else {@code credsStore},
 * else {@code auths[registry]} ({@code auth} = base64 user:password, or {@code username}/{@code password},
 * or {@code identitytoken}).
 *
 * @param identityToken an OAuth refresh token (Docker Desktop logins); null when a password is given
 */
public record Credentials(String username, String secret, String identityToken) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long HELPER_SECONDS = 2;

    public String basicHeader() {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Credentials[" + username + "]"; // never the secret
    }

    /**
     * The login for a registry, or empty when none is configured.
     *
     * @param registry host[:port]; Docker Hub is {@code docker.io} and looked up as {@code https://index.docker.io/v1/}
     * @throws RegistryException when config.json is unreadable or a helper fails (the message names the helper)
     */
    public static Optional<Credentials> lookup(RegistrySettings settings, String registry) throws RegistryException {
        Path file = settings.dockerConfigDir().resolve("config.json");
        if (!Files.isRegularFile(file)) return Optional.empty();
        JsonNode config;
        try {
            config = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new RegistryException(registry, "cannot read " + file + ": " + e.getMessage());
        }
        boolean hub = registry.equals("docker.io");
        String[] keys = hub ? new String[]{"https://index.docker.io/v1/", "index.docker.io", "docker.io",
                "registry-1.docker.io", "https://registry-1.docker.io"} : new String[]{registry, "https://" + registry,
                "http://" + registry};
        JsonNode helpers = config.path("credHelpers");
        for (String k : keys) {
            if (helpers.hasNonNull(k)) return fromHelper(settings, helpers.get(k).asText(), keys[0], registry);
        }
        if (config.hasNonNull("credsStore") && !config.get("credsStore").asText().isBlank()) {
            Optional<Credentials> c = fromHelper(settings, config.get("credsStore").asText(), keys[0], registry);
            if (c.isPresent()) return c;
        }
        JsonNode auths = config.path("auths");
        for (String k : keys) {
            JsonNode a = auths.get(k);
            if (a == null) a = byHost(auths, registry);
            if (a == null) continue;
            return fromAuthEntry(a, registry);
        }
        return Optional.empty();
    }

    /** An {@code auths} key may be a URL with a path (https://host/v1/); match on the host part. */
    private static JsonNode byHost(JsonNode auths, String registry) {
        for (Iterator<Map.Entry<String, JsonNode>> it = auths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String k = e.getKey().replaceFirst("^[a-z]+://", "");
            int slash = k.indexOf('/');
            if (slash >= 0) k = k.substring(0, slash);
            if (k.equals(registry)) return e.getValue();
        }
        return null;
    }

    private static Optional<Credentials> fromAuthEntry(JsonNode a, String registry) throws RegistryException {
        String token = a.path("identitytoken").asText("");
        if (a.hasNonNull("auth") && !a.get("auth").asText().isEmpty()) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(a.get("auth").asText().trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new RegistryException(registry, "the 'auth' entry in config.json is not base64");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) throw new RegistryException(registry, "the 'auth' entry in config.json is not user:password");
            return Optional.of(new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1),
                    token.isEmpty() ? null : token));
        }
        if (a.hasNonNull("username")) {
            return Optional.of(new Credentials(a.get("username").asText(), a.path("password").asText(""),
                    token.isEmpty() ? null : token));
        }
        if (!token.isEmpty()) return Optional.of(new Credentials("<token>", "", token));
        return Optional.empty();
    }

    /** {@code docker-credential-NAME get}, server URL on stdin, {"Username","Secret"} on stdout. */
    private static Optional<Credentials> fromHelper(RegistrySettings settings, String name, String serverUrl,
                                                    String registry) throws RegistryException {
        String exe = "docker-credential-" + name;
        Path helper = settings.findExecutable(exe)
                .orElseThrow(() -> new RegistryException(registry, "credential helper " + exe + " is not on the PATH"));
        Process p;
        try {
            p = new ProcessBuilder(helper.toString(), "get").redirectErrorStream(false).start();
            p.getOutputStream().write(serverUrl.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            if (!p.waitFor(HELPER_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new RegistryException(registry, exe + " did not answer within " + HELPER_SECONDS + " s");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.exitValue() != 0) {
                // The helpers say "credentials not found in native keychain" when there is no login: not an error.
                if (out.toLowerCase().contains("credentials not found")) return Optional.empty();
                String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                throw new RegistryException(registry, exe + " failed (exit " + p.exitValue() + "): "
                        + (out.isEmpty() ? err : out));
            }
            JsonNode n = JSON.readTree(out);
            String user = n.path("Username").asText("");
            String secret = n.path("Secret").asText("");
            if (user.equals("<token>")) return Optional.of(new Credentials(user, "", secret));
            return Optional.of(new Credentials(user, secret, null));
        } catch (IOException e) {
            if (e instanceof RegistryException re) throw re;
            throw new RegistryException(registry, exe + " gave no usable answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(registry, exe + " was interrupted");
        }
    }
}
