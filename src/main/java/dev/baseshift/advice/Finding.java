package dev.baseshift.advice;

/**
 * A predicted problem of a variant.
 *
 * @param rule    stable id, e.g. {@code package-manager-mismatch} (see {@link Advisor#ruleIds()})
 * @param line    1-based line in the Dockerfile, 0 when it concerns the file as a whole
 * @param message what will go wrong, in the user's words
 * @param fix     a concrete change that avoids it
 */
public record Finding(String rule, Severity severity, int line, String message, String fix) {}
