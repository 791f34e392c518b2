package dev.baseshift.diagnosis;

/**
 * A failed build step or probe of one variant: what the diagnosis reads.
 *
 * @param output      the builder's error and log tail (build) or the probe's output (probe), ANSI codes allowed
 * @param exitCode    the probe's exit code, or the failing RUN's code when the builder reports it; else null
 * @param line        1-based Dockerfile line of the failing instruction (build), else 0
 * @param instruction the failing instruction's text (build), else null
 * @param probeName   the probe's name (probe), else null
 * @param command     the probe's command as typed (probe), else null
 */
public record Failure(Where where, String output, Integer exitCode, int line, String instruction, String probeName,
                      String command) {
    public enum Where { BUILD, PROBE }

    public static Failure build(String output, int line, String instruction) {
        return new Failure(Where.BUILD, output, null, line, instruction, null, null);
    }

    public static Failure probe(String name, String command, Integer exitCode, String output) {
        return new Failure(Where.PROBE, output, exitCode, 0, null, name, command);
    }
}
