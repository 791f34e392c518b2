package dev.baseshift.engine;

/**
 * Which engine answered: e.g. "Docker Engine" 20.10.24, API 1.41, at unix:///var/run/docker.sock (via DOCKER_HOST).
 *
 * @param os   the engine's operating system as {@code /version} reports it ("linux"), or null
 * @param arch the engine's architecture as {@code /version} reports it ("amd64", "arm64", "x86_64"), or null
 */
public record EngineInfo(String name, String version, String apiVersion, String endpoint, String foundVia,
                         boolean buildKitCli, String passedOver, String os, String arch) {
    public EngineInfo(String name, String version, String apiVersion, String endpoint, String foundVia,
                      boolean buildKitCli) {
        this(name, version, apiVersion, endpoint, foundVia, buildKitCli, null, null, null);
    }

    /** Podman's Docker-compatible API: no BuildKit, its own builder and storage quirks. */
    public boolean podman() {
        return "Podman".equals(name);
    }

    /**
     * "DOCKER_HOST unix:///x.sock did not answer (no socket there); using /var/run/docker.sock" when an engine the
     * user named was passed over for a fallback; null when the first place asked answered.
     */
    public String fallbackNote() {
        return passedOver == null ? null : passedOver + "; using " + endpoint;
    }
}
