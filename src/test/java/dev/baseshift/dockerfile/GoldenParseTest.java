package dev.baseshift.dockerfile;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Golden-file tests in BuildKit's layout: {@code golden/<case>/Dockerfile} with {@code expected.txt} (the
 * {@link ParseDump}), and {@code negative/<case>/Dockerfile} with {@code expected-error.txt} (line, then a part of
 * the message). Run with {@code -Dgolden.update=true} to rewrite expected.txt files; review every change.
 */
class GoldenParseTest {
    static final Path ROOT = Path.of("src/test/resources/dockerfile");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    static List<Path> cases(String kind) {
        try (Stream<Path> dirs = Files.list(ROOT.resolve(kind))) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @TestFactory
    Stream<DynamicTest> goldenCases() {
        assertThat(cases("golden")).hasSizeGreaterThanOrEqualTo(45);
        return cases("golden").stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            String text = read(dir.resolve("Dockerfile"));
            Dockerfile parsed = DockerfileParser.parse("Dockerfile", text);
            assertOffsets(parsed);
            String actual = ParseDump.of(parsed);
            Path expectedFile = dir.resolve("expected.txt");
            if (UPDATE) Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
            String expected = Files.exists(expectedFile) ? read(expectedFile) : "";
            if (!expected.equals(actual)) fail("parse of " + dir + " differs:\n" + diff(expected, actual));
        }));
    }

    @TestFactory
    Stream<DynamicTest> negativeCases() {
        assertThat(cases("negative")).hasSizeGreaterThanOrEqualTo(12);
        return cases("negative").stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            String text = read(dir.resolve("Dockerfile"));
            List<String> expected = read(dir.resolve("expected-error.txt")).lines().toList();
            DockerfileException e = catchThrowableOfType(DockerfileException.class,
                    () -> DockerfileParser.parse("Dockerfile", text));
            assertThat(e).as("%s must be rejected", dir).isNotNull();
            assertThat(e.line()).as("line of: %s", e.getMessage()).isEqualTo(Integer.parseInt(expected.get(0).trim()));
            assertThat(e.reason()).contains(expected.get(1));
            assertThat(e.getMessage()).startsWith("Dockerfile:" + e.line() + ": ");
        }));
    }

    /** Every instruction's span starts at its keyword and ends at the end of its last line. */
    static void assertOffsets(Dockerfile file) {
        String text = file.text();
        int previousEnd = 0;
        for (Instruction i : file.instructions()) {
            String span = text.substring(i.startOffset(), i.endOffset());
            // The keyword itself may be split by a continuation (BuildKit joins first), so compare up to one.
            String head = span.toUpperCase(Locale.ROOT).split("[\\\\`]?\\r*\\n", 2)[0];
            assertThat(i.keyword()).as("span of %s", i).startsWith(head.length() < i.keyword().length()
                    ? head : head.substring(0, i.keyword().length()));
            assertThat(head).as("span of %s", i).isNotEmpty();
            assertThat(i.startOffset()).isGreaterThanOrEqualTo(previousEnd);
            assertThat(lineOf(text, i.startOffset())).as("start line of %s", i).isEqualTo(i.startLine());
            assertThat(lineOf(text, i.endOffset())).as("end line of %s", i).isEqualTo(i.endLine());
            // Only carriage returns may sit between the end and the line break (BuildKit strips them all).
            int after = i.endOffset();
            while (after < text.length() && text.charAt(after) == '\r') after++;
            boolean atLineEnd = after == text.length() || text.charAt(after) == '\n';
            assertThat(atLineEnd).as("%s ends at a line break", i).isTrue();
            assertThat(i.endOffset() == 0 || text.charAt(i.endOffset() - 1) != '\r').as("%s keeps CR out", i)
                    .isTrue();
            previousEnd = i.endOffset();
        }
    }

    static int lineOf(String text, int offset) {
        int line = 1;
        for (int k = 0; k < offset; k++) if (text.charAt(k) == '\n') line++;
        return line;
    }

    /** A small line diff: lines only in expected start with '-', only in actual with '+'. */
    static String diff(String expected, String actual) {
        List<String> a = expected.lines().toList();
        List<String> b = actual.lines().toList();
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int x = a.size() - 1; x >= 0; x--) {
            for (int y = b.size() - 1; y >= 0; y--) {
                lcs[x][y] = a.get(x).equals(b.get(y)) ? lcs[x + 1][y + 1] + 1 : Math.max(lcs[x + 1][y], lcs[x][y + 1]);
            }
        }
        List<String> out = new ArrayList<>();
        int x = 0;
        int y = 0;
        while (x < a.size() || y < b.size()) {
            if (x < a.size() && y < b.size() && a.get(x).equals(b.get(y))) {
                out.add("  " + a.get(x++));
                y++;
            } else if (y < b.size() && (x == a.size() || lcs[x][y + 1] >= lcs[x + 1][y])) {
                out.add("+ " + b.get(y++));
            } else {
                out.add("- " + a.get(x++));
            }
        }
        return String.join("\n", out);
    }
}
