package dev.baseshift.dockerfile;

import dev.baseshift.catalog.Tier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VariantFilesTest {

    @Test
    void writesBesideTheOriginal(@TempDir Path project) throws Exception {
        Files.createDirectories(project.resolve("app"));
        Files.writeString(project.resolve("app/Dockerfile"), "FROM python:3.12\n");
        Path written = VariantFiles.save(project, "app/Dockerfile", Tier.SLIM, "FROM python:3.12-slim-trixie\r\n", false);
        assertThat(written).isEqualTo(project.toAbsolutePath().resolve("app/Dockerfile.slim"));
        assertThat(Files.readString(written)).isEqualTo("FROM python:3.12-slim-trixie\r\n");
        assertThat(Files.readString(project.resolve("app/Dockerfile"))).isEqualTo("FROM python:3.12\n");
        assertThat(VariantFiles.target(project, "Containerfile", Tier.DISTROLESS))
                .isEqualTo(project.toAbsolutePath().resolve("Containerfile.distroless"));
        assertThat(VariantFiles.target(project, "./docker/prod.Dockerfile", Tier.ALPINE))
                .isEqualTo(project.toAbsolutePath().resolve("docker/prod.Dockerfile.alpine"));
    }

    @Test
    void neverReplacesAnExistingFileUnlessAsked(@TempDir Path project) throws Exception {
        Path existing = project.resolve("Dockerfile.alpine");
        Files.writeString(existing, "my own edits\n");
        assertThatThrownBy(() -> VariantFiles.save(project, "Dockerfile", Tier.ALPINE, "FROM python:3.12-alpine\n", false))
                .isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining(project.toAbsolutePath().resolve("Dockerfile.alpine").toString());
        assertThat(Files.readString(existing)).isEqualTo("my own edits\n");
        assertThat(leftovers(project)).isEmpty();

        VariantFiles.save(project, "Dockerfile", Tier.ALPINE, "FROM python:3.12-alpine\n", true);
        assertThat(Files.readString(existing)).isEqualTo("FROM python:3.12-alpine\n");
        assertThat(leftovers(project)).isEmpty();
    }

    @Test
    void aDanglingSymlinkCountsAsExisting(@TempDir Path project) throws Exception {
        Files.createSymbolicLink(project.resolve("Dockerfile.slim"), project.resolve("nowhere"));
        assertThatThrownBy(() -> VariantFiles.save(project, "Dockerfile", Tier.SLIM, "x", false))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.exists(project.resolve("nowhere"))).isFalse();
    }

    @Test
    void theFileIsCompleteAndReadableLikeTheOriginal(@TempDir Path project) throws Exception {
        Path original = project.resolve("Dockerfile");
        Files.writeString(original, "FROM node:22\n");
        Files.setPosixFilePermissions(original, PosixFilePermissions.fromString("rw-rw-r--"));
        String big = "FROM node:22-alpine\n" + "RUN echo line\n".repeat(100_000);
        Path written = VariantFiles.save(project, "Dockerfile", Tier.ALPINE, big, false);
        assertThat(Files.readString(written)).isEqualTo(big);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(written))).isEqualTo("rw-rw-r--");
        assertThat(leftovers(project)).isEmpty();
    }

    @Test
    void rejectsPathsOutsideTheProjectAndTheOriginalTier(@TempDir Path project) {
        assertThatThrownBy(() -> VariantFiles.save(project, "../Dockerfile", Tier.SLIM, "x", false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not inside");
        assertThatThrownBy(() -> VariantFiles.save(project, "Dockerfile", Tier.ORIGINAL, "x", false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(project.getParent().resolve("Dockerfile.slim")).doesNotExist();
    }

    @Test
    void aMissingFolderIsAnErrorNotACreatedTree(@TempDir Path project) {
        assertThatThrownBy(() -> VariantFiles.save(project, "nope/Dockerfile", Tier.SLIM, "x", false))
                .isInstanceOf(java.nio.file.NoSuchFileException.class);
        assertThat(project.resolve("nope")).doesNotExist();
    }

    private static java.util.List<Path> leftovers(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }
}
