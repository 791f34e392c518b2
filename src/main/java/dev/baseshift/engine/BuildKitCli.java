package dev.baseshift.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a {@code docker} CLI that can really build with BuildKit: one with the buildx plugin, or a client from
 * 18.09 to 22.x whose builder has BuildKit built in (from 23 on, {@code DOCKER_BUILDKIT=1} needs buildx). Probed
 * once per PATH and cached.
 */
final class BuildKitCli {

    private static final Pattern CLIENT_VERSION = Pattern.compile("Docker version (\\d+)\\.(\\d+)");
    private static final Map<String, Optional<Path>> CACHE = new ConcurrentHashMap<>();

    private BuildKitCli() {}

    /** {@code BASESHIFT_DOCKER_CLI} names the one CLI to use; otherwise PATH, then the usual install places. */
    static final String OVERRIDE = "BASESHIFT_DOCKER_CLI";

    static Optional<Path> find(Map<String, String> env) {
        String chosen = env.get(OVERRIDE);
        if (chosen != null && !chosen.isBlank()) {
            return CACHE.computeIfAbsent("cli:" + chosen, c -> probe(List.of(Path.of(chosen))));
        }
        String path = env.getOrDefault("PATH", "");
        return CACHE.computeIfAbsent("path:" + path, p -> probe(candidates(path)));
    }

    private static List<Path> candidates(String path) {
        Set<Path> seen = new LinkedHashSet<>();
        for (String dir : path.split(":")) {
            if (!dir.isEmpty()) {
                seen.add(Path.of(dir, "docker"));
            }
        }
        seen.add(Path.of("/usr/bin/docker"));
        seen.add(Path.of("/usr/local/bin/docker"));
        List<Path> existing = new ArrayList<>();
        Set<Path> real = new LinkedHashSet<>();
        for (Path candidate : seen) {
            try {
                if (Files.isExecutable(candidate) && real.add(candidate.toRealPath())) {
                    existing.add(candidate);
                }
            } catch (IOException e) {
                // a dangling link is simply no candidate
            }
        }
        return existing;
    }

    private static Optional<Path> probe(List<Path> candidates) {
        for (Path cli : candidates) {
            if (exitsZero(cli, "buildx", "version")) {
                return Optional.of(cli);
            }
            Matcher m = CLIENT_VERSION.matcher(output(cli, "--version"));
            if (m.find()) {
                int major = Integer.parseInt(m.group(1));
                int minor = Integer.parseInt(m.group(2));
                boolean builtIn = (major == 18 && minor >= 9) || (major >= 19 && major < 23);
                if (builtIn) {
                    return Optional.of(cli);
                }
            }
        }
        return Optional.empty();
    }

    private static boolean exitsZero(Path cli, String... args) {
        Result result = run(cli, args);
        return result != null && result.exit == 0;
    }

    private static String output(Path cli, String... args) {
        Result result = run(cli, args);
        return result == null ? "" : result.output;
    }

    private record Result(int exit, String output) {}

    private static Result run(Path cli, String... args) {
        List<String> command = new ArrayList<>();
        command.add(cli.toString());
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] out;
            try (InputStream in = process.getInputStream()) {
                out = in.readNBytes(64 * 1024);
            }
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return null;
            }
            return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
