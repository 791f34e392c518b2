package dev.baseshift.registry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Where registry access finds what the Docker CLI would use: the client config ({@code config.json}: auths,
 * credsStore, credHelpers), CA certificates per registry ({@code certs.d/HOST:PORT/*.crt}), the registries allowed
 * over plain HTTP, the PATH that {@code docker-credential-*} helpers are looked up on, and the facts cache.
 *
 * @param dockerConfigDir folder holding config.json ({@code $DOCKER_CONFIG}, else {@code ~/.docker})
 * @param certsDirs       folders with one subfolder per registry holding CA files, searched in order
 * @param insecure        registries (host[:port]) that may be reached over HTTP; loopback always may
 * @param path            folders searched for credential helpers
 * @param cacheDir        where facts are cached; null = no cache
 * @param timeout         the most one registry may take for one lookup
 */
public record RegistrySettings(Path dockerConfigDir, List<Path> certsDirs, Set<String> insecure, List<Path> path,
                               Path cacheDir, Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

    public RegistrySettings {
        certsDirs = List.copyOf(certsDirs);
        insecure = Set.copyOf(insecure);
        path = List.copyOf(path);
    }

    /** The user's own setup, as the Docker CLI reads it. */
    public static RegistrySettings fromEnvironment() {
        String home = System.getProperty("user.home");
        String dc = System.getenv("DOCKER_CONFIG");
        Path configDir = dc != null && !dc.isBlank() ? Path.of(dc) : Path.of(home, ".docker");
        List<Path> certs = List.of(configDir.resolve("certs.d"), Path.of("/etc/docker/certs.d"));
        List<Path> search = new ArrayList<>();
        String p = System.getenv("PATH");
        if (p != null) for (String s : p.split(java.io.File.pathSeparator)) if (!s.isBlank()) search.add(Path.of(s));
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".cache")).resolve("baseshift/registry");
        return new RegistrySettings(configDir, certs, DaemonConfig.insecureRegistries(Path.of("/etc/docker/daemon.json")),
                search, cache, DEFAULT_TIMEOUT);
    }

    public RegistrySettings withTimeout(Duration t) {
        return new RegistrySettings(dockerConfigDir, certsDirs, insecure, path, cacheDir, t);
    }

    public RegistrySettings withCacheDir(Path dir) {
        return new RegistrySettings(dockerConfigDir, certsDirs, insecure, path, dir, timeout);
    }

    /** An executable named {@code name} on the search path, if any. */
    java.util.Optional<Path> findExecutable(String name) {
        for (Path dir : path) {
            Path f = dir.resolve(name);
            if (Files.isRegularFile(f) && Files.isExecutable(f)) return java.util.Optional.of(f);
        }
        return java.util.Optional.empty();
    }

    /** Reads the engine's {@code insecure-registries} when the daemon config is readable (it usually is not). */
    static final class DaemonConfig {
        private DaemonConfig() {}

        static Set<String> insecureRegistries(Path file) {
            try {
                if (!Files.isReadable(file)) return Set.of();
                var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile()).path("insecure-registries");
                Set<String> out = new java.util.HashSet<>();
                node.forEach(n -> out.add(n.asText()));
                return out;
            } catch (java.io.IOException | RuntimeException e) {
                return Set.of();
            }
        }
    }
}
