package dev.baseshift.registry;

import java.io.IOException;

/** A registry could not answer: the message names the registry and the reason. */
public class RegistryException extends IOException {
    private final String registry;

    public RegistryException(String registry, String reason) {
        super(registry + ": " + reason);
        this.registry = registry;
    }

    public RegistryException(String registry, String reason, Throwable cause) {
        super(registry + ": " + reason, cause);
        this.registry = registry;
    }

    /** The registry as the user names it (docker.io, 127.0.0.1:5001). */
    public String registry() {
        return registry;
    }
}
