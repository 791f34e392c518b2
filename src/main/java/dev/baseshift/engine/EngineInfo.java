package dev.baseshift.engine;

/** Which engine answered: e.g. "Docker Engine" 20.10.24, API 1.41, at unix:///var/run/docker.sock (via DOCKER_HOST). */
public record EngineInfo(String name, String version, String apiVersion, String endpoint, String foundVia,
                         boolean buildKitCli) {}
