package dev.baseshift.plan;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandLineSplitterTest {
    @Test
    void splitsLikeAShell() {
        assertThat(CommandLineSplitter.split("python -c \"import numpy\""))
                .containsExactly("python", "-c", "import numpy");
        assertThat(CommandLineSplitter.split("  sh -c 'echo \"$HOME\" | wc -c'  "))
                .containsExactly("sh", "-c", "echo \"$HOME\" | wc -c");
        assertThat(CommandLineSplitter.split("a\\ b \"c\\\"d\" ''")).containsExactly("a b", "c\"d", "");
        assertThat(CommandLineSplitter.split("node -e \"require('express')\""))
                .containsExactly("node", "-e", "require('express')");
        assertThat(CommandLineSplitter.split("")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"python -c 'x|unterminated single quote", "echo \"x|unterminated double quote",
            "echo x\\|trailing backslash"})
    void rejectsUnbalancedInput(String input, String message) {
        assertThatThrownBy(() -> CommandLineSplitter.split(input)).hasMessageContaining(message);
    }

    @Test
    void joinIsTheInverseOfSplit() {
        for (List<String> argv : List.of(List.of("python", "-c", "import numpy"), List.of("sh", "-c", "echo 'a' \"b\""),
                List.of("x", ""), List.of("it's", "$HOME", "a;b"))) {
            assertThat(CommandLineSplitter.split(CommandLineSplitter.join(argv))).isEqualTo(argv);
        }
    }
}
