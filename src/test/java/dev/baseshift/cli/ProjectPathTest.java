package dev.baseshift.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The project folder as users type it, and Dockerfiles that point elsewhere. */
class ProjectPathTest {
    @TempDir
    Path tmp;

    record Run(int code, String out) {}

    /** The real command line in its own JVM, started in {@code cwd}, so {@code .} means what it means to a user. */
    static Run inFolder(Path cwd, String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String[] cmd = new String[args.length + 4];
        cmd[0] = java;
        cmd[1] = "-cp";
        cmd[2] = System.getProperty("java.class.path");
        cmd[3] = "dev.baseshift.Launcher";
        System.arraycopy(args, 0, cmd, 4, args.length);
        Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }

    private Path project(String name) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.writeString(dir.resolve("Dockerfile"), "FROM python:3.12\nCMD [\"python3\"]\n");
        return dir;
    }

    @Test
    void planDotAndItsSpellingsWork() throws Exception {
        Path dir = project("app");
        for (String spelling : new String[] {".", "./", "./.", "../app/"}) {
            Run r = inFolder(dir, "plan", spelling, "--dockerfile", "Dockerfile");
            assertThat(r.code()).as(spelling + ": " + r.out()).isZero();
            assertThat(r.out()).as(spelling).contains("Base:       python:3.12");
        }
        Run found = inFolder(dir, "plan", ".");
        assertThat(found.code()).as(found.out()).isZero();
    }

    @Test
    void aSymlinkedProjectFolderWorks() throws Exception {
        Path dir = project("real");
        Path link = Files.createSymbolicLink(tmp.resolve("link"), dir);
        Run r = inFolder(tmp, "plan", "link/", "--dockerfile", "Dockerfile");
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(PlanCommandTest.run("plan", link.toString()).code()).isZero();
    }

    @Test
    void aDockerfileLinkedOutsideTheProjectIsRefusedAndNotEchoed() throws Exception {
        Path secret = tmp.resolve("secret.txt");
        Files.writeString(secret, "root:$6$hashhashhash:19000:0:99999:7:::\n");
        Path dir = Files.createDirectories(tmp.resolve("hostile"));
        Files.createSymbolicLink(dir.resolve("Dockerfile"), secret);
        PlanCommandTest.Run named = PlanCommandTest.run("plan", dir.toString(), "--dockerfile", "Dockerfile");
        assertThat(named.code()).isEqualTo(BaseShiftCommand.BAD_INPUT);
        assertThat(named.err()).contains("outside the project folder").doesNotContain("hashhash")
                .doesNotContainIgnoringCase("root:");
        // found by looking: a link is not taken for a Dockerfile at all
        PlanCommandTest.Run found = PlanCommandTest.run("plan", dir.toString());
        assertThat(found.code()).isEqualTo(BaseShiftCommand.BAD_INPUT);
        assertThat(found.err()).doesNotContain("hashhash").doesNotContainIgnoringCase("root:");
    }

    @Test
    void aLineThatIsNoInstructionIsNotEchoed() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("notdockerfile"));
        Files.writeString(dir.resolve("Dockerfile"), "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n");
        PlanCommandTest.Run r = PlanCommandTest.run("plan", dir.toString());
        assertThat(r.code()).isEqualTo(BaseShiftCommand.BAD_INPUT);
        assertThat(r.err()).contains("Dockerfile:1: unknown instruction").doesNotContainIgnoringCase("nologin")
                .doesNotContainIgnoringCase("daemon");
    }
}
