package dev.baseshift.dockerfile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArgExpanderTest {
    private static final Map<String, String> VARS = Map.of("PY", "3.12", "EMPTY", "", "VARIANT", "slim",
            "REG", "registry.example.com:5000");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "python:$PY                     | python:3.12",
            "python:${PY}-slim              | python:3.12-slim",
            "python:${NOPE}                 | python:",
            "python:$NOPE-x                 | python:-x",
            "${REG}/app:${PY:-3.11}         | registry.example.com:5000/app:3.12",
            "python:${NOPE:-3.11}           | python:3.11",
            "python:${EMPTY:-3.11}          | python:3.11",
            "python:${EMPTY-3.11}x          | python:x",
            "python:${NOPE-3.11}            | python:3.11",
            "python:3${VARIANT:+-$VARIANT}  | python:3-slim",
            "python:3${EMPTY:+-alt}         | python:3",
            "python:3${EMPTY+-alt}          | python:3-alt",
            "python:3${NOPE+-alt}           | python:3",
            "python:${NOPE:-${PY}}          | python:3.12",
            "\\$PY                          | $PY",
            "'$PY'                          | $PY",
            "\"$PY\"                        | 3.12",
            "\"a b\"                        | a b",
            "cost$                          | cost$",
            "a$-b                           | a$-b",
            "$1x                            | x",
    })
    void expandsLikeBuildKit(String word, String expected) {
        assertThat(ArgExpander.expand(word.strip(), VARS)).isEqualTo(expected.strip());
    }

    @Test
    void backtickEscapeLeavesBackslashesAlone() {
        assertThat(ArgExpander.expand("C:\\img\\`$PY$PY", VARS, '`')).isEqualTo("C:\\img\\$PY3.12");
    }

    @Test
    void questionMarkModifierFailsWhenUnset() {
        assertThatThrownBy(() -> ArgExpander.expand("${NOPE:?set NOPE}", VARS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NOPE: set NOPE");
        assertThatThrownBy(() -> ArgExpander.expand("${EMPTY:?}", VARS))
                .hasMessageContaining("EMPTY: is not allowed to be unset");
        assertThat(ArgExpander.expand("${EMPTY?}", VARS)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "${PY                | missing '}'",
            "${}                 | bad substitution",
            "${PY/3/4}           | unsupported modifier",
            "'open               | single-quote",
            "\"open              | double-quote",
    })
    void malformedWordsAreRejected(String word, String reason) {
        assertThatThrownBy(() -> ArgExpander.expand(word.strip(), VARS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reason.strip());
    }
}
