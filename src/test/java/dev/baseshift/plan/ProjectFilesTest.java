package dev.baseshift.plan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ProjectFilesTest {
    @TempDir
    Path dir;

    @Test
    void findsEveryKindOfDockerfileMostLikelyFirst() throws IOException {
        for (String f : new String[] {"api/Dockerfile", "web.Dockerfile", "Dockerfile.slim", "Containerfile",
                "Dockerfile", "node_modules/x/Dockerfile", "README.md", "deploy/worker.dockerfile", "Dockerfile.swp"}) {
            Path p = dir.resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "FROM scratch\n");
        }
        assertThat(ProjectFiles.findDockerfiles(dir)).containsExactly("Dockerfile", "Containerfile",
                "Dockerfile.slim", "web.Dockerfile", "api/Dockerfile", "deploy/worker.dockerfile");
    }

    @Test
    void anEmptyFolderHasNone() throws IOException {
        assertThat(ProjectFiles.findDockerfiles(dir)).isEmpty();
    }
}
