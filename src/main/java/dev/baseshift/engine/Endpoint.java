package dev.baseshift.engine;

import java.nio.file.Path;

/**
 * Where an engine listens.
 *
 * @param uri    {@code unix:///…} or {@code tcp://host:port}
 * @param source how it was found, e.g. "DOCKER_HOST", "context remote", "well-known socket"
 * @param tlsDir folder with ca.pem, cert.pem, key.pem for a TLS-verified tcp endpoint; null without TLS
 */
public record Endpoint(String uri, String source, Path tlsDir) {}
