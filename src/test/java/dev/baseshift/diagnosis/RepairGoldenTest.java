package dev.baseshift.diagnosis;

import dev.baseshift.dockerfile.Dockerfile;
import dev.baseshift.dockerfile.DockerfileParser;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Real-world Dockerfiles (plain variants on alpine, slim, distroless, scratch) and the patched Dockerfile each must
 * become, committed beside it: {@code expected.Dockerfile}, and {@code expected-unresolved.txt} for what the patch
 * says it could not fix (absent = nothing). A mismatch fails with a line diff; nothing here writes the expected files.
 */
class RepairGoldenTest {

    @Test
    void thereAreAtLeastThirtyCases() throws Exception {
        try (Stream<Path> dirs = Files.list(RepairCases.ROOT)) {
            assertTrue(dirs.filter(Files::isDirectory).count() >= 30);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCaseMatchesItsExpectedDockerfile() throws Exception {
        List<Path> dirs;
        try (Stream<Path> s = Files.list(RepairCases.ROOT)) {
            dirs = s.filter(Files::isDirectory).sorted().toList();
        }
        return dirs.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> check(dir)));
    }

    private static void check(Path dir) throws Exception {
        RepairPatch patch = RepairCases.run(dir);
        String expected = RepairCases.expected(dir, "expected.Dockerfile");
        assertFalse(expected.isEmpty(), dir + " has no expected.Dockerfile");
        if (!expected.equals(patch.dockerfile())) {
            fail(dir.getFileName() + ": the repaired Dockerfile differs from expected.Dockerfile\n"
                    + LineDiff.unified("expected.Dockerfile", "actual", expected, patch.dockerfile(), Map.of()));
        }
        String unresolved = RepairCases.unresolvedText(patch);
        String expectedUnresolved = RepairCases.expected(dir, "expected-unresolved.txt");
        if (!expectedUnresolved.equals(unresolved)) {
            fail(dir.getFileName() + ": unresolved differs from expected-unresolved.txt\n"
                    + LineDiff.unified("expected-unresolved.txt", "actual", expectedUnresolved, unresolved, Map.of()));
        }
        Dockerfile back = DockerfileParser.parse("repaired", patch.dockerfile());
        assertFalse(back.instructions().isEmpty());
        assertTrue(patch.changes(), dir + ": every case changes something");
        assertTrue(patch.diff().startsWith("--- "), patch.diff());
        for (RepairPatch.Hunk h : patch.hunks()) {
            assertFalse(h.reason().isBlank(), "hunk at line " + h.line() + " has no reason");
            assertFalse(h.reason().contains("\n"), "a reason is one line: " + h.reason());
        }
        assertEquals(patch.hunks().size(), patch.hunks().stream().distinct().count());
    }
}
