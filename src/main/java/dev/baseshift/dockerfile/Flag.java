package dev.baseshift.dockerfile;

/** An instruction flag such as {@code --platform=linux/amd64} (name {@code platform}); value is null for {@code --link}. */
public record Flag(String name, String value) {}
