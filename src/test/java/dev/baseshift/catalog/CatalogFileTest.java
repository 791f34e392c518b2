package dev.baseshift.catalog;

import dev.baseshift.dockerfile.ImageReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Catalog files written by users: clear errors, overlays, the user-level location. */
class CatalogFileTest {

    private static final String ACME = """
            {"families": [{
              "name": "acme-python",
              "description": "our hardened Python",
              "repositories": ["registry.acme.test/base/python"],
              "suites": ["trixie"],
              "tiers": [
                {"tier": "full", "tags": ["{version}", "latest"], "traits": "debian-full"},
                {"tier": "slim", "tags": ["{version}-slim"], "traits": {"like": "debian-slim", "users": ["root", "app"]}},
                {"like": "distroless-base", "repository": "registry.acme.test/base/python-distroless",
                 "matchRepositories": [], "traits": {"like": "distroless-glibc", "languageVersion": "3.12"}}
              ]
            }]}
            """;

    @Test
    void anOverlayAddsFamiliesThatUseTheBundledPresets() throws Exception {
        Catalog c = Catalog.bundled().extendedWith(Catalog.fromJson(ACME, "acme.json"));
        BaseMatch m = c.identify(ImageReference.parse("registry.acme.test/base/python:3.12")).orElseThrow();
        assertThat(m.family().name()).isEqualTo("acme-python");
        assertThat(m.spectrum()).extracting(o -> o.tier().id() + "=" + o.image()).containsExactly(
                "full=registry.acme.test/base/python:3.12", "slim=registry.acme.test/base/python:3.12-slim",
                "distroless=registry.acme.test/base/python-distroless");
        assertThat(m.option(Tier.SLIM).orElseThrow().traits().users()).containsExactly("root", "app");
        assertThat(m.option(Tier.DISTROLESS).orElseThrow().traits().shell()).isFalse();
        // the bundled families are still there
        assertThat(c.identify(ImageReference.parse("python:3.12"))).isPresent();
        assertThat(c.families()).hasSize(Catalog.bundled().families().size() + 1);
    }

    @Test
    void anOverlayFamilyReplacesTheBundledOneOfTheSameName() throws Exception {
        String onlyAlpine = """
                {"families": [{"name": "python", "description": "alpine only here", "repositories": ["python"],
                  "tiers": [{"tier": "full", "tags": ["{version}"], "traits": "debian-full"},
                            {"tier": "alpine", "tags": ["{version}-alpine3.22"], "traits": "alpine"}]}]}
                """;
        Catalog c = Catalog.bundled().extendedWith(Catalog.fromJson(onlyAlpine, "mine.json"));
        BaseMatch m = c.identify(ImageReference.parse("python:3.13")).orElseThrow();
        assertThat(m.family().description()).isEqualTo("alpine only here");
        assertThat(m.spectrum()).extracting(TierOption::image).containsExactly("python:3.13", "python:3.13-alpine3.22");
        assertThat(c.families()).hasSize(Catalog.bundled().families().size());
        assertThat(Catalog.bundled().identify(ImageReference.parse("python:3.13")).orElseThrow().spectrum()).hasSize(4);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "{\"families\": [}                                      | broken.json: line 1, column 15: invalid JSON",
            "{\"families\": []} {}                                  | broken.json: line 1, column 18: invalid JSON",
            "[]                                                     | broken.json: $: the file must hold a JSON object",
            "{\"familys\": []}                                      | broken.json: $: unknown field 'familys'",
            "{\"families\": {}}                                     | $.families: expected an array of families",
            "{\"schemaVersion\": 2, \"families\": []}               | unsupported schema version 2",
            "{\"families\": [{\"name\": \"x\"}]}                    | $.families[0] (x).repositories: at least one repository is required",
            "{\"families\": [{\"name\": \"x\", \"repositories\": [\"x\"], \"tiers\": [{\"tier\": \"thin\", \"tags\": [\"\"], \"traits\": \"alpine\"}]}]} | $.families[0] (x).tiers[0].tier: unknown tier 'thin'",
            "{\"families\": [{\"name\": \"x\", \"repositories\": [\"x\"], \"tiers\": [{\"tier\": \"full\", \"tags\": [\"\"], \"traits\": \"roomy\"}]}]} | unknown traits preset 'roomy'",
            "{\"families\": [{\"name\": \"x\", \"repositories\": [\"x\"], \"tiers\": [{\"tier\": \"full\", \"tags\": [\"{vers}\"], \"traits\": \"alpine\"}]}]} | $.families[0] (x).tiers[0].tags[0]: unknown placeholder {vers}",
            "{\"families\": [{\"name\": \"x\", \"repositories\": [\"x\"], \"tiers\": [{\"tier\": \"full\", \"tags\": [\"\"]}]}]} | $.families[0] (x).tiers[0].traits: every tier needs its traits",
            "{\"families\": [{\"name\": \"x\", \"repositories\": [\"x\"], \"tiers\": [{\"tier\": \"full\", \"tags\": [\"\"], \"traits\": {\"shell\": \"yes\"}}]}]} | .traits.shell: expected true or false",
            "{\"families\": [{\"name\": \"x\", \"repositories\": [\"x\"], \"tiers\": [{\"tier\": \"full\", \"tags\": [\"\"], \"traits\": {\"like\": \"alpine\", \"libc\": \"bionic\"}}]}]} | expected glibc, musl or none, not 'bionic'",
            "{\"families\": [{\"name\": \"x\", \"repositories\": [\"X\"], \"tiers\": []}]} | uppercase letters are not allowed",
            "{\"families\": [{\"name\": \"x\", \"repositories\": [\"x/{major}\"], \"tiers\": []}]} | must start with its registry host",
            "{\"families\": [{\"name\": \"x\", \"version\": \"(\", \"repositories\": [\"x\"], \"tiers\": []}]} | $.families[0] (x).version: invalid regular expression",
            "{\"families\": [{\"name\": \"x\", \"repositories\": [\"x\"], \"tiers\": [{\"like\": \"scratch\"}, {\"like\": \"scratch\"}]}]} | tier 'scratch' appears twice",
            "{\"families\": [{\"name\": \"x\", \"repositories\": [\"x\"], \"tiers\": [{\"like\": \"scratch\"}]}, {\"name\": \"x\", \"repositories\": [\"y\"], \"tiers\": [{\"like\": \"scratch\"}]}]} | family 'x' is defined twice",
    })
    void aMalformedFileIsNamedWithItsProblem(String json, String expected) {
        assertThatThrownBy(() -> Catalog.fromJson(json, "broken.json"))
                .isInstanceOf(CatalogException.class)
                .hasMessageStartingWith("broken.json: ")
                .hasMessageContaining(expected)
                .satisfies(e -> assertThat(((CatalogException) e).source()).isEqualTo("broken.json"));
    }

    @Test
    void theLineOfAJsonErrorIsReportedFromAStream() {
        String json = "{\n  \"families\": [\n    {\"name\": \"x\",,}\n  ]\n}\n";
        assertThatThrownBy(() -> Catalog.fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "/home/u/cat.json"))
                .isInstanceOf(CatalogException.class)
                .hasMessageStartingWith("/home/u/cat.json: line 3, column ");
    }

    @Test
    void userFileFollowsXdg() {
        assertThat(Catalog.userFile("/xdg", "/home/u")).isEqualTo(Path.of("/xdg/baseshift/catalog.json"));
        assertThat(Catalog.userFile(null, "/home/u")).isEqualTo(Path.of("/home/u/.config/baseshift/catalog.json"));
        assertThat(Catalog.userFile("", "/home/u")).isEqualTo(Path.of("/home/u/.config/baseshift/catalog.json"));
        assertThat(Catalog.userFile("relative/dir", "/home/u")).isEqualTo(Path.of("/home/u/.config/baseshift/catalog.json"));
        assertThat(Catalog.userFile()).hasFileName("catalog.json");
    }

    @Test
    void theUserFileExtendsTheBundledCatalogWhenPresent(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("baseshift/catalog.json");
        assertThat(Catalog.withUserFile(Catalog.bundled(), file)).isSameAs(Catalog.bundled());
        Files.createDirectories(file.getParent());
        Files.writeString(file, ACME);
        Catalog c = Catalog.withUserFile(Catalog.bundled(), file);
        assertThat(c.family("acme-python")).isPresent();
        Files.writeString(file, "{\"families\": [");
        assertThatThrownBy(() -> Catalog.withUserFile(Catalog.bundled(), file))
                .isInstanceOf(CatalogException.class).hasMessageStartingWith(file + ": line 1");
    }

    @Test
    void aUserSuppliedBaseGetsKnownTraitsOrTheTiersUsualOnes() throws Exception {
        Catalog c = Catalog.bundled();
        TierOption known = c.customOption(Tier.SLIM, "gcr.io/distroless/python3-debian13:debug");
        assertThat(known.custom()).isTrue();
        assertThat(known.image()).isEqualTo("gcr.io/distroless/python3-debian13:debug");
        assertThat(known.traits().shell()).isTrue();
        assertThat(known.traits().languageVersion()).isEqualTo("3.13");
        assertThat(known.note()).contains("python distroless");

        TierOption unknown = c.customOption(Tier.DISTROLESS, "cgr.dev/chainguard/python:latest");
        assertThat(unknown.tier()).isEqualTo(Tier.DISTROLESS);
        assertThat(unknown.traits().shell()).isFalse();
        assertThat(unknown.traits().libc()).isEqualTo("glibc");
        assertThat(unknown.note()).contains("assumed");
        assertThat(c.customOption(Tier.ALPINE, "ghcr.io/acme/base:1").traits().packageManager()).isEqualTo("apk");
        assertThat(c.customOption(Tier.SCRATCH, "ghcr.io/acme/empty").traits().users()).isEmpty();
        assertThat(c.customOption(Tier.ORIGINAL, "ghcr.io/acme/base:1").traits().packageManager()).isEqualTo("apt");
        assertThatThrownBy(() -> c.customOption(Tier.SLIM, "Not A Reference")).isInstanceOf(IllegalArgumentException.class);

        Catalog mine = c.extendedWith(Catalog.fromJson(
                "{\"tierTraits\": {\"distroless\": {\"like\": \"distroless-glibc\", \"shell\": true}}, \"families\": []}", "mine.json"));
        assertThat(mine.customOption(Tier.DISTROLESS, "cgr.dev/chainguard/python").traits().shell()).isTrue();
        assertThatThrownBy(() -> Catalog.fromJson("{\"tierTraits\": {\"tiny\": \"alpine\"}, \"families\": []}", "x.json"))
                .hasMessageContaining("$.tierTraits.tiny: unknown tier 'tiny'");
    }

    @Test
    void anUnknownFamilyGetsNothing() {
        assertThat(Catalog.bundled().identify(ImageReference.parse("ghcr.io/acme/python:3.12"))).isEmpty();
        assertThat(Catalog.bundled().identify(ImageReference.parse("acme/python:3.12"), "python")).isEmpty();
    }
}
