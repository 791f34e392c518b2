package dev.baseshift.bench;

import dev.baseshift.dockerfile.DockerfileParser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark measures what it claims: a valid file of 1,000 instructions. */
class ParseBenchmarkInputTest {
    @Test
    void generatedFileHasAThousandInstructions() throws Exception {
        String text = ParseBenchmark.generated(ParseBenchmark.INSTRUCTIONS);
        assertThat(DockerfileParser.parse("Dockerfile", text).instructions()).hasSize(ParseBenchmark.INSTRUCTIONS);
    }
}
