package dev.baseshift.compare;

import dev.baseshift.dockerfile.DockerfileParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Which Dockerfiles go through the BuildKit path: decided from the parsed file, never from a text search. */
class NeedsBuildKitTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "FROM alpine\nRUN <<EOF\necho hi\nEOF\n",
            "FROM alpine\nCOPY <<EOF /etc/motd\nhello\nEOF\n",
            "FROM alpine\nRUN --mount=type=cache,target=/root/.cache pip install x\n",
            "FROM alpine\nCOPY --link app /app\n",
            "FROM alpine\nCOPY --chmod=755 run.sh /run.sh\n",
            "FROM alpine\nADD --chmod=644 a /a\n",
            "FROM alpine\nCOPY --exclude=*.md . /src\n",
            "FROM alpine\nRUN --network=none make\n",
    })
    void buildKitOnlySyntax(String text) throws Exception {
        assertThat(RunningComparison.needsBuildKit(DockerfileParser.parse("Dockerfile", text))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "FROM alpine\nRUN echo '<<EOF' --mount=x\n",
            "FROM alpine AS build\nCOPY --from=build --chown=1:1 /a /b\n",
            "# syntax=docker/dockerfile:1\nFROM --platform=linux/amd64 alpine\nRUN echo hi\n",
            "FROM alpine\nENV X=\"--link\"\nCMD [\"sh\", \"-c\", \"echo --chmod\"]\n",
    })
    void classicBuilderSyntax(String text) throws Exception {
        assertThat(RunningComparison.needsBuildKit(DockerfileParser.parse("Dockerfile", text))).isFalse();
    }
}
