package dev.baseshift.compare;

/**
 * @param exitCode null when the probe did not exit (timeout, server still running)
 * @param output   tail of stdout+stderr
 */
public record ProbeResult(String name, String command, ProbeOutcome outcome, Integer exitCode, double seconds,
                          String output) {}
