package dev.baseshift.dockerfile;

/** A parser directive at the top of the file, e.g. {@code # syntax=docker/dockerfile:1}. Name is lower-case. */
public record Directive(String name, String value, int line) {}
