package dev.baseshift.dockerfile;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Seeded mutations of every golden and negative input: each mutant either parses (with consistent spans and a
 * stage graph) or is rejected with a {@link DockerfileException} at a line of the file. Reproduce a failure with
 * {@code -Dfuzz.seed=<seed printed in the failure>}.
 */
class ParserFuzzTest {
    private static final int MUTANTS = 6_000;
    private static final String[] NOISE = {"\\", "`", "\"", "'", "[", "]", "{", "}", "$", "${", "<<", "<<EOF",
            "<<-", "--", "--mount=", "#", "\r", "\t", "\u0000", "\uFEFF", "\u00A0", "\uD83D\uDE00", "=", " AS ",
            "\n", "\r\n", "\\\n", "`\n", "\uD800"};
    private static final String[] LINES = {"RUN <<EOF", "COPY <<A <<B /x", "# escape=`", "# escape=\\",
            "# syntax=docker/dockerfile:1", "FROM", "FROM a AS", "ARG X=${Y:-z}", "FROM ${X}", "RUN \\", "EOF",
            "ONBUILD RUN <<EOF", "CMD [\"a\", 1]", "SHELL sh", "HEALTHCHECK", "COPY --from", "  \\", "`", "RUN [\"x\"",
            "FROM scratch", "RUN <<-'EOF' sh", "\tEOF"};

    @Test
    void mutantsParseOrFailWithALine() {
        long seed = Long.getLong("fuzz.seed", 0x5EEDBA5EL);
        List<String> seeds = Stream.concat(GoldenParseTest.cases("golden").stream(),
                        GoldenParseTest.cases("negative").stream())
                .map(dir -> GoldenParseTest.read(dir.resolve("Dockerfile"))).toList();
        assertThat(seeds).hasSizeGreaterThan(40);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            Random random = new Random(seed);
            int parsed = 0;
            for (int n = 0; n < MUTANTS; n++) {
                String original = seeds.get(random.nextInt(seeds.size()));
                String mutant = original;
                int rounds = 1 + random.nextInt(3);
                for (int r = 0; r < rounds; r++) mutant = mutate(mutant, random);
                if (check(mutant, seed, n)) parsed++;
            }
            // Both outcomes must really occur, or the mutations are too weak (or too destructive) to test anything.
            assertThat(parsed).isBetween(MUTANTS / 10, MUTANTS - MUTANTS / 10);
        }, "fuzz seed " + seed);
    }

    private static boolean check(String text, long seed, int n) {
        try {
            Dockerfile file = DockerfileParser.parse("Dockerfile", text);
            GoldenParseTest.assertOffsets(file);
            try {
                StageGraph.of(file, Map.of(), null);
            } catch (DockerfileException e) {
                assertLine(e, text, seed, n);
            }
            return true;
        } catch (DockerfileException e) {
            assertLine(e, text, seed, n);
            return false;
        } catch (RuntimeException | AssertionError e) {
            throw new AssertionError("fuzz seed " + seed + ", mutant " + n + ": " + e + "\n--- input ---\n"
                    + ParseDump.quote(text), e);
        }
    }

    private static void assertLine(DockerfileException e, String text, long seed, int n) {
        int lines = (int) text.chars().filter(c -> c == '\n').count() + 1;
        if (e.line() < 1 || e.line() > lines + 1 || !e.getMessage().startsWith("Dockerfile:" + e.line() + ": ")) {
            fail("fuzz seed " + seed + ", mutant " + n + ": bad location in \"" + e.getMessage() + "\" for "
                    + lines + " lines\n--- input ---\n" + ParseDump.quote(text));
        }
    }

    static String mutate(String text, Random random) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int at = random.nextInt(lines.size());
        switch (random.nextInt(10)) {
            case 0 -> { // cut a run of lines
                int end = Math.min(lines.size(), at + 1 + random.nextInt(4));
                lines.subList(at, end).clear();
            }
            case 1 -> lines.add(at, lines.get(at)); // duplicate a line
            case 2 -> { // shuffle a window of lines
                int end = Math.min(lines.size(), at + 2 + random.nextInt(6));
                Collections.shuffle(lines.subList(at, end), random);
            }
            case 3 -> { // stray noise at a random character
                String line = lines.get(at);
                int pos = random.nextInt(line.length() + 1);
                lines.set(at, line.substring(0, pos) + NOISE[random.nextInt(NOISE.length)] + line.substring(pos));
            }
            case 4 -> lines.set(at, lines.get(at) + (random.nextBoolean() ? " \\" : "`")); // continuation at line end
            case 5 -> lines.add(at, LINES[random.nextInt(LINES.length)]); // a hostile line
            case 6 -> { // random characters
                StringBuilder b = new StringBuilder(lines.get(at));
                for (int k = random.nextInt(6); k >= 0; k--) {
                    b.insert(random.nextInt(b.length() + 1), (char) random.nextInt(0x3000));
                }
                lines.set(at, b.toString());
            }
            case 7 -> { // truncate the file anywhere
                String joined = String.join("\n", lines);
                return joined.substring(0, random.nextInt(joined.length() + 1));
            }
            case 8 -> lines.replaceAll(l -> random.nextInt(3) == 0 ? l + "\r" : l); // mixed line endings
            default -> { // drop a heredoc terminator or a closing bracket/quote
                String line = lines.get(at);
                int cut = Math.max(line.lastIndexOf(']'), Math.max(line.lastIndexOf('"'), line.lastIndexOf("EOF")));
                lines.set(at, cut < 0 ? "" : line.substring(0, cut));
            }
        }
        return String.join("\n", lines);
    }

    @Test
    void pathologicalInputsFinishQuickly() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            String manyContinuations = "FROM a\nRUN x \\\n" + " y \\\n".repeat(50_000);
            assertThat(DockerfileParser.parse("Dockerfile", manyContinuations).instructions()).hasSize(2);
            String longJson = "FROM a\nCMD [" + "\"x\",".repeat(50_000) + "\"y\"]\n";
            assertThat(DockerfileParser.parse("Dockerfile", longJson).instructions().get(1).execForm())
                    .hasSize(50_001);
            String longDirective = "# syntax=x" + " ".repeat(200_000) + "y\nFROM a\n";
            assertThat(DockerfileParser.parse("Dockerfile", longDirective).directives().get(0).value())
                    .hasSize(200_002);
            String manyHeredocs = "FROM a\nRUN " + "<<E ".repeat(2_000) + "\n" + "E\n".repeat(2_000);
            assertThat(DockerfileParser.parse("Dockerfile", manyHeredocs).instructions().get(1).heredocs())
                    .hasSize(2_000);
        });
    }

    @Test
    void pathOfResources() {
        assertThat(Path.of("src/test/resources/dockerfile/golden")).isDirectory();
    }
}
