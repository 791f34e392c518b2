package dev.baseshift.advice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baseshift.dockerfile.Instruction;

import java.util.List;

/**
 * The command of a {@code HEALTHCHECK [options] CMD …}: exactly one of {@code exec} and {@code shellText} is set.
 * Also reads the instruction carried by {@code ONBUILD}, since both hide an instruction-like text in their arguments.
 */
record HealthCheck(List<String> exec, String shellText) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** null for {@code HEALTHCHECK NONE} or anything without CMD. */
    static HealthCheck of(Instruction healthcheck) {
        String rest = healthcheck.arguments().trim();
        while (rest.startsWith("--")) {
            int space = rest.indexOf(' ');
            if (space < 0) return null;
            rest = rest.substring(space).trim();
        }
        if (!rest.regionMatches(true, 0, "CMD", 0, 3)) return null;
        rest = rest.substring(3).trim();
        List<String> exec = jsonArray(rest);
        return exec != null ? new HealthCheck(exec, null) : new HealthCheck(null, rest);
    }

    /** The JSON array an exec-form text holds, or null when it is shell form (invalid JSON included, as BuildKit). */
    static List<String> jsonArray(String text) {
        if (!text.startsWith("[")) return null;
        try {
            return JSON.readValue(text, new TypeReference<List<String>>() {});
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** The instruction an ONBUILD carries, placed at the ONBUILD's lines. */
    static Instruction trigger(Instruction onbuild) {
        String text = onbuild.arguments().trim();
        int space = text.indexOf(' ');
        String keyword = (space < 0 ? text : text.substring(0, space)).toUpperCase(java.util.Locale.ROOT);
        String rest = space < 0 ? "" : text.substring(space + 1).trim();
        return new Instruction(keyword, List.of(), rest, jsonArray(rest), List.of(), onbuild.startLine(),
                onbuild.endLine(), onbuild.startOffset(), onbuild.endOffset());
    }
}
