package dev.baseshift.engine;

import java.util.List;

/** No container engine answered; the message lists every place tried, why it failed, and how to fix it. */
public final class NoEngineException extends EngineException {

    private final transient List<EngineLocator.Attempt> attempts;

    public NoEngineException(List<EngineLocator.Attempt> attempts) {
        super(describe(attempts));
        this.attempts = List.copyOf(attempts);
    }

    public List<EngineLocator.Attempt> attempts() {
        return attempts;
    }

    private static String describe(List<EngineLocator.Attempt> attempts) {
        StringBuilder text = new StringBuilder("No container engine answered. Tried:");
        for (EngineLocator.Attempt attempt : attempts) {
            text.append("\n  - ").append(attempt.where()).append(" (").append(attempt.source()).append("): ")
                    .append(attempt.error());
        }
        text.append("\nStart Docker (Docker Desktop, or `sudo systemctl start docker`), or Podman's socket "
                + "(`systemctl --user start podman.socket`), or point DOCKER_HOST at a running engine, "
                + "e.g. DOCKER_HOST=unix:///var/run/docker.sock or tcp://host:2376 with DOCKER_TLS_VERIFY=1.");
        return text.toString();
    }
}
