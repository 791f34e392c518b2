package dev.baseshift.compare;

/** The engine a comparison ran on, as reported in results. */
public record EngineSummary(String name, String version, String apiVersion, String endpoint) {}
