package dev.baseshift.dockerfile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageReferenceTest {
    private static final String SHA = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(nullValues = "-", delimiter = '|', value = {
            // text                                   | registry            | repository               | tag             | digest | domain            | path                    | familiar
            "python                                   | -                   | python                   | -               | -      | docker.io         | library/python          | python",
            "python:3.12                              | -                   | python                   | 3.12            | -      | docker.io         | library/python          | python",
            "python:3.12-slim-trixie                  | -                   | python                   | 3.12-slim-trixie| -      | docker.io         | library/python          | python",
            "library/python:3                         | -                   | library/python           | 3               | -      | docker.io         | library/python          | python",
            "docker.io/python:3.12                    | docker.io           | python                   | 3.12            | -      | docker.io         | library/python          | python",
            "docker.io/library/python                 | docker.io           | library/python           | -               | -      | docker.io         | library/python          | python",
            "index.docker.io/library/python:3         | index.docker.io     | library/python           | 3               | -      | docker.io         | library/python          | python",
            "registry-1.docker.io/library/node        | registry-1.docker.io| library/node             | -               | -      | docker.io         | library/node            | node",
            "bitnami/redis:7.2                        | -                   | bitnami/redis            | 7.2             | -      | docker.io         | bitnami/redis           | bitnami/redis",
            "docker.io/bitnami/redis                  | docker.io           | bitnami/redis            | -               | -      | docker.io         | bitnami/redis           | bitnami/redis",
            "gcr.io/distroless/python3-debian13       | gcr.io              | distroless/python3-debian13 | -            | -      | gcr.io            | distroless/python3-debian13 | gcr.io/distroless/python3-debian13",
            "gcr.io/distroless/static-debian13:nonroot| gcr.io              | distroless/static-debian13 | nonroot       | -      | gcr.io            | distroless/static-debian13 | gcr.io/distroless/static-debian13",
            "localhost/app                            | localhost           | app                      | -               | -      | localhost         | app                     | localhost/app",
            "localhost:5000/team/app:dev              | localhost:5000      | team/app                 | dev             | -      | localhost:5000    | team/app                | localhost:5000/team/app",
            "127.0.0.1:5000/app:1                     | 127.0.0.1:5000      | app                      | 1               | -      | 127.0.0.1:5000    | app                     | 127.0.0.1:5000/app",
            "[::1]:5000/app                           | [::1]:5000          | app                      | -               | -      | [::1]:5000        | app                     | [::1]:5000/app",
            "registry.example.com/a/b/c/d:v1          | registry.example.com| a/b/c/d                  | v1              | -      | registry.example.com | a/b/c/d              | registry.example.com/a/b/c/d",
            "Registry.Example.com/app                 | Registry.Example.com| app                      | -               | -      | Registry.Example.com | app                  | Registry.Example.com/app",
            "my-registry:443/app                      | my-registry:443     | app                      | -               | -      | my-registry:443   | app                     | my-registry:443/app",
            "ghcr.io/acme/my_app__x.y-z:1.0_rc-2      | ghcr.io             | acme/my_app__x.y-z       | 1.0_rc-2        | -      | ghcr.io           | acme/my_app__x.y-z      | ghcr.io/acme/my_app__x.y-z",
            "a--b/c---d                               | -                   | a--b/c---d               | -               | -      | docker.io         | a--b/c---d              | a--b/c---d",
            "python:_under                            | -                   | python                   | _under          | -      | docker.io         | library/python          | python",
            "python:LATEST                            | -                   | python                   | LATEST          | -      | docker.io         | library/python          | python",
            "quay.io/org/img:tag@" + SHA + "          | quay.io             | org/img                  | tag             | " + SHA + " | quay.io | org/img          | quay.io/org/img",
            "python@" + SHA + "                       | -                   | python                   | -               | " + SHA + " | docker.io | library/python   | python",
            "python:3.12@" + SHA + "                  | -                   | python                   | 3.12            | " + SHA + " | docker.io | library/python   | python",
            "scratch                                  | -                   | scratch                  | -               | -      | docker.io         | library/scratch         | scratch",
    })
    void parsesValidReferences(String text, String registry, String repository, String tag, String digest,
                               String domain, String path, String familiar) {
        ImageReference r = ImageReference.parse(text);
        assertThat(r.registry()).isEqualTo(registry);
        assertThat(r.repository()).isEqualTo(repository);
        assertThat(r.tag()).isEqualTo(tag);
        assertThat(r.digest()).isEqualTo(digest);
        assertThat(r.domain()).isEqualTo(domain);
        assertThat(r.path()).isEqualTo(path);
        assertThat(r.familiarName()).isEqualTo(familiar);
        assertThat(r.canonicalName()).isEqualTo(domain + "/" + path);
        assertThat(r.toString()).isEqualTo(text).isEqualTo(r.original());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "''                               | the image reference is empty",
            "Python:3.12                      | uppercase letters are not allowed in a repository name",
            "library/Python                   | uppercase letters are not allowed in a repository name",
            "gcr.io/Distroless/static         | uppercase letters are not allowed in a repository name",
            "python:                          | the tag after ':' is empty",
            "python:.hidden                   | invalid tag '.hidden'",
            "python:-dash                     | invalid tag '-dash'",
            "python:3.12+1                    | invalid tag '3.12+1'",
            "python:a:b                       | invalid repository name component 'python:a'",
            "python@                          | the digest after '@' is empty",
            "python@sha256:abc                | invalid digest 'sha256:abc'",
            "python@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdefff | a sha256 digest has exactly 64 hex digits",
            "python@md5                       | invalid digest 'md5'",
            ":3.12                            | the repository name is empty",
            "-python                          | invalid repository name component '-python'",
            "python-                          | invalid repository name component 'python-'",
            "py..thon                         | invalid repository name component 'py..thon'",
            "py___thon                        | invalid repository name component 'py___thon'",
            "a//b                             | empty path component",
            "example.com/                     | the repository name after the registry is empty",
            "-bad.example.com/app             | invalid registry host '-bad.example.com'",
            "example.com:port/app             | invalid registry host 'example.com:port'",
            "python:${PY}                     | unexpanded variable",
            "${BASE}                          | unexpanded variable",
            "python:$PY                       | unexpanded variable",
            "'python 3'                       | whitespace is not allowed",
    })
    void rejectsInvalidReferencesWithAReason(String text, String reason) {
        assertThatThrownBy(() -> ImageReference.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason)
                .hasMessageContaining("'" + text + "'");
    }

    @Test
    void rejectsOverlongTagsAndNames() {
        assertThatThrownBy(() -> ImageReference.parse("python:" + "a".repeat(129))).hasMessageContaining("invalid tag");
        assertThat(ImageReference.parse("python:" + "a".repeat(128)).tag()).hasSize(128);
        assertThatThrownBy(() -> ImageReference.parse("a".repeat(256))).hasMessageContaining("longer than 255");
    }

    @Test
    void sameRepositoryWhateverTheSpelling() {
        assertThat(ImageReference.parse("python:3").canonicalName())
                .isEqualTo(ImageReference.parse("docker.io/library/python").canonicalName())
                .isEqualTo(ImageReference.parse("index.docker.io/python:3.12").canonicalName())
                .isEqualTo("docker.io/library/python");
    }

    @Test
    void withTagKeepsTheUsersSpellingAndDropsTheDigest() {
        assertThat(ImageReference.parse("docker.io/library/python:3.12@" + SHA).withTag("3.12-slim").toString())
                .isEqualTo("docker.io/library/python:3.12-slim");
        assertThat(ImageReference.parse("python").withTag("3.12-alpine").toString()).isEqualTo("python:3.12-alpine");
        assertThat(ImageReference.parse("localhost:5000/app:1").withTag(null).toString()).isEqualTo("localhost:5000/app");
        ImageReference pinned = ImageReference.parse("python:3.12@" + SHA).withoutDigest();
        assertThat(pinned.toString()).isEqualTo("python:3.12");
        assertThat(pinned.digest()).isNull();
    }

    @Test
    void withRepositoryCarriesTheDockerHubStyle() {
        assertThat(ImageReference.parse("debian:12").withRepository("alpine").toString()).isEqualTo("alpine");
        assertThat(ImageReference.parse("docker.io/library/debian:12").withRepository("alpine").toString())
                .isEqualTo("docker.io/library/alpine");
        assertThat(ImageReference.parse("docker.io/debian").withRepository("alpine").toString()).isEqualTo("docker.io/alpine");
        assertThat(ImageReference.parse("docker.io/library/debian").withRepository("bitnami/redis").toString())
                .isEqualTo("docker.io/bitnami/redis");
        assertThat(ImageReference.parse("docker.io/library/python").withRepository("gcr.io/distroless/python3-debian13:nonroot")
                .toString()).isEqualTo("gcr.io/distroless/python3-debian13");
        assertThat(ImageReference.parse("ghcr.io/acme/base").withRepository("alpine").toString()).isEqualTo("alpine");
    }
}
