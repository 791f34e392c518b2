package dev.baseshift.advice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads the rules' data tables (JSON beside these classes in the jar). A missing or broken table is a build defect. */
final class AdviceData {
    private AdviceData() {}

    static JsonNode read(String resource) {
        try (InputStream in = AdviceData.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing resource " + resource);
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
