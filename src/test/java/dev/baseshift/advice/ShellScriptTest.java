package dev.baseshift.advice;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ShellScriptTest {

    private static List<List<String>> words(String script) {
        return ShellScript.parse(script).stream().map(Command::words).toList();
    }

    @Test
    void splitsOnOperatorsAndKeepsQuotedWordsWhole() {
        assertThat(words("apt-get update && apt-get install -y 'a b' \"c d\" || true; echo x | tee y &"))
                .containsExactly(List.of("apt-get", "update"), List.of("apt-get", "install", "-y", "a b", "c d"),
                        List.of("true"), List.of("echo", "x"), List.of("tee", "y"));
    }

    @Test
    void skipsKeywordsPrefixesAssignmentsAndRedirections() {
        List<Command> commands = ShellScript.parse(
                "if ! id app >/dev/null 2>&1; then DEBIAN_FRONTEND=noninteractive sudo -E useradd app; fi");
        assertThat(commands).extracting(Command::words)
                .containsExactly(List.of("id", "app"), List.of("useradd", "app"));
        assertThat(commands.get(1).env()).containsEntry("DEBIAN_FRONTEND", "noninteractive");
    }

    @Test
    void commandSubstitutionsCommentsAndContinuationsStayOutOfTheCommandList() {
        assertThat(words("# apt-get install x\necho \"$(apt-get -v)\" `dpkg -l` \\\n  done-ish"))
                .containsExactly(List.of("echo", "$(apt-get -v)", "`dpkg -l`", "done-ish"));
    }

    @Test
    void programIsTheLowerCasedFileName() {
        assertThat(ShellScript.parse("/usr/bin/APT-GET install x").get(0).program()).isEqualTo("apt-get");
    }
}
