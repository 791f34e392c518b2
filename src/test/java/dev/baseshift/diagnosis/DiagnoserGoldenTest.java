package dev.baseshift.diagnosis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baseshift.catalog.BaseTraits;
import dev.baseshift.engine.ImageIndexer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The failure corpus ({@code failures/cases.json}): each case is build or probe output as an engine or tool printed
 * it, with the file indexes of real fixture images (snapshots under {@code images/}), and what the diagnosis must
 * say — kind, the missing piece, and where the original has it.
 */
class DiagnoserGoldenTest {
    private static final Map<String, ImageFiles> SNAPSHOTS = new HashMap<>();
    private static final Map<String, BaseTraits> TARGETS = Map.of(
            "slim", new BaseTraits(true, "apt", "glibc", false, false, List.of("root"), null),
            "alpine", new BaseTraits(true, "apk", "musl", true, false, List.of("root"), null),
            "distroless", new BaseTraits(false, null, "glibc", true, true, List.of("root", "nonroot"), null),
            "distroless-py313", new BaseTraits(false, null, "glibc", true, true, List.of("root", "nonroot"), "3.13"),
            "scratch", new BaseTraits(false, null, null, false, false, List.of(), null));

    private final Diagnoser diagnoser = new Diagnoser();

    static synchronized ImageFiles snapshot(String name) {
        ImageFiles known = SNAPSHOTS.get(name);
        if (known != null) return known;
        ImageFiles files;
        if (name.equals("py-distroless-3.13")) {
            files = retagged(snapshot("py-distroless"), "/python3.11", "/python3.13");
        } else {
            try {
                Path p = Path.of(DiagnoserGoldenTest.class.getResource("images/" + name + ".json.gz").toURI());
                files = ImageIndexer.readSnapshot(p);
            } catch (IOException | URISyntaxException e) {
                throw new IllegalStateException("snapshot " + name, e);
            }
        }
        SNAPSHOTS.put(name, files);
        return files;
    }

    /** The same image with its Python's folder renamed: a runtime of another version beside modules of the old. */
    private static ImageFiles retagged(ImageFiles files, String from, String to) {
        Map<String, FileEntry> out = new HashMap<>();
        for (FileEntry e : files.entries()) {
            String p = e.path().replace(from + "/", to + "/");
            if (p.endsWith(from)) p = p.substring(0, p.length() - from.length()) + to;
            out.put(p, new FileEntry(p, e.type(), e.size(), e.mode(), e.linkTarget(), e.layer()));
        }
        return new ImageFiles(files.imageId(), out, files.packages(), files.elfFiles());
    }

    static JsonNode cases() {
        try (InputStream in = DiagnoserGoldenTest.class.getResourceAsStream("failures/cases.json")) {
            return new ObjectMapper().readTree(in).path("cases");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCaseIsDiagnosedAsExpected() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : cases()) tests.add(DynamicTest.dynamicTest(c.path("name").asText(), () -> check(c)));
        return tests.stream();
    }

    @Test
    void theCorpusCoversEveryKindTheIssueNames() {
        List<String> kinds = new ArrayList<>();
        for (JsonNode c : cases()) for (JsonNode e : c.path("expect")) kinds.add(e.path("kind").asText());
        for (Diagnosis.Kind k : Diagnosis.Kind.values()) assertThat(kinds).as("a case of " + k).contains(k.name());
        assertThat(cases().size()).isGreaterThanOrEqualTo(40);
    }

    private void check(JsonNode c) {
        Failure f = c.path("where").asText().equals("build")
                ? new Failure(Failure.Where.BUILD, c.path("output").asText(), intOrNull(c.path("exitCode")),
                c.path("line").asInt(0), c.path("instruction").asText(null), null, null)
                : Failure.probe(c.path("name").asText(), c.path("command").asText(), intOrNull(c.path("exitCode")),
                c.path("output").asText());
        ImageFiles variant = c.path("variant").isTextual() ? snapshot(c.path("variant").asText()) : null;
        if (variant != null && c.has("variantElfFrom")) variant = withBinaryFrom(variant, c.path("variantElfFrom").asText());
        ImageFiles original = c.path("original").isTextual() ? snapshot(c.path("original").asText()) : null;
        BaseTraits target = TARGETS.get(c.path("target").asText());

        List<Diagnosis> got = diagnoser.diagnose(f, variant, original, target);
        JsonNode expect = c.path("expect");
        assertThat(got).as("diagnoses of " + c.path("name").asText() + ": " + got).hasSize(expect.size());
        for (int i = 0; i < expect.size(); i++) {
            JsonNode e = expect.get(i);
            Diagnosis d = got.get(i);
            assertThat(d.kind().name()).as("kind of " + d).isEqualTo(e.path("kind").asText());
            assertThat(d.evidence()).as("evidence is a line of the output").isNotBlank();
            if (e.has("missing")) assertThat(d.missing()).as("missing in " + d).isEqualTo(e.path("missing").asText());
            if (e.has("evidence")) assertThat(d.evidence()).isEqualTo(e.path("evidence").asText());
            if (e.has("line")) assertThat(d.line()).isEqualTo(e.path("line").asInt());
            if (e.path("noProvider").asBoolean()) assertThat(d.providedBy()).as("provider of " + d).isNull();
            if (e.has("package")) {
                assertThat(d.providedBy()).as("provider of " + d).isNotNull();
                assertThat(d.providedBy().packageName()).isEqualTo(e.path("package").asText());
            }
            if (e.has("manager")) assertThat(d.providedBy().manager()).isEqualTo(e.path("manager").asText());
            if (e.has("version")) assertThat(d.providedBy().version()).isEqualTo(e.path("version").asText());
            if (e.has("path")) assertThat(d.providedBy().path()).isEqualTo(e.path("path").asText());
            if (e.has("pathContains")) assertThat(d.providedBy().path()).contains(e.path("pathContains").asText());
            if (f.where() == Failure.Where.PROBE) assertThat(d.probe()).isEqualTo(c.path("name").asText());
        }
    }

    /** "py-full:/usr/bin/python3": the variant also holds that program (and its ELF facts) from another image. */
    private static ImageFiles withBinaryFrom(ImageFiles variant, String spec) {
        String[] p = spec.split(":", 2);
        ImageFiles from = snapshot(p[0]);
        FileEntry real = from.resolve(p[1]).orElseThrow();
        Map<String, FileEntry> files = new HashMap<>();
        for (FileEntry e : variant.entries()) files.put(e.path(), e);
        files.put(p[1], new FileEntry(p[1], FileEntry.Type.FILE, real.size(), 0755, null, 1));
        Map<String, ElfInfo> elf = new HashMap<>(variant.elfFiles());
        elf.put(p[1], from.elf(p[1]).orElseThrow());
        return new ImageFiles(variant.imageId(), files, variant.packages(), elf);
    }

    private static Integer intOrNull(JsonNode n) {
        return n.isInt() ? n.asInt() : null;
    }
}
