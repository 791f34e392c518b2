package dev.baseshift.dockerfile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Docker's .dockerignore semantics, case by case (patterns joined with '|' stand for lines). */
class DockerIgnoreTest {

    @ParameterizedTest(name = "[{0}] excludes {1}: {2}")
    @CsvSource(delimiter = ';', textBlock = """
            # plain names match at the root only, and everything inside a matched folder
            node_modules;                node_modules;                 true
            node_modules;                node_modules/a/b.js;          true
            node_modules;                src/node_modules;             false
            # leading / and ./ are normalised away, as are . segments and trailing slashes
            /build;                      build/out.o;                  true
            ./build;                     build;                        true
            build/;                      build/x;                      true
            a/./b;                       a/b;                          true
            # * and ? stay within one segment
            *.log;                       app.log;                      true
            *.log;                       logs/app.log;                 false
            */*.log;                     logs/app.log;                 true
            ?.txt;                       a.txt;                        true
            ?.txt;                       ab.txt;                       false
            ?;                           a/b;                          true
            # ** spans any number of segments, including none
            **/*.pyc;                    app.pyc;                      true
            **/*.pyc;                    pkg/sub/app.pyc;              true
            **/__pycache__;              pkg/__pycache__/x.pyc;        true
            docs/**;                     docs/a/b.md;                  true
            docs/**/*.md;                docs/a.md;                    true
            docs/**/*.md;                docs/a/b/c.md;                true
            docs/**/*.md;                src/a.md;                     false
            **;                          anything/at/all;              true
            # a folder pattern with * covers what is inside it
            a/*;                         a/b/c;                        true
            # character classes
            file[0-9].txt;               file7.txt;                    true
            file[0-9].txt;               filex.txt;                    false
            file[^0-9].txt;              filex.txt;                    true
            # backslash escapes a special character
            \\*.txt;                     *.txt;                        true
            \\*.txt;                     a.txt;                        false
            # exceptions: the last matching pattern wins
            *.md|!README.md;             README.md;                    false
            *.md|!README.md;             CHANGES.md;                   true
            !README.md|*.md;             README.md;                    true
            docs|!docs/keep.md;          docs/keep.md;                 false
            docs|!docs/keep.md;          docs/drop.md;                 true
            **|!src;                     src/main.py;                  false
            **|!src|src/secret;          src/secret/key;               true
            # a # inside a pattern is part of it (comment lines are tested below: CSV rows cannot start with #)
            b#.txt;                      b#.txt;                       true
            # Dockerfile and .dockerignore can be excluded like any file
            Dockerfile;                  Dockerfile;                   true
            .dockerignore;               .dockerignore;                true
            """)
    void matchesLikeDocker(String patterns, String path, boolean excluded) {
        DockerIgnore ignore = DockerIgnore.parse(String.join("\n", patterns.split("\\|")));
        assertThat(ignore.excludes(path)).isEqualTo(excluded);
    }

    @Test
    void commentsAndBlankLinesAreIgnoredButOnlyAtTheLineStart() {
        DockerIgnore ignore = DockerIgnore.parse("\uFEFF# comment\n\n   \n#a.txt\n #b.txt\n  c.txt  \n");
        assertThat(ignore.excludes("#a.txt")).isFalse();
        assertThat(ignore.excludes("#b.txt")).isTrue();
        assertThat(ignore.excludes("c.txt")).isTrue();
        assertThat(ignore.patterns()).containsExactly("#b.txt", "c.txt");
    }

    @Test
    void noFileExcludesNothing() {
        assertThat(DockerIgnore.none().excludes("anything")).isFalse();
        assertThat(DockerIgnore.none().isEmpty()).isTrue();
    }

    @Test
    void exceptionsAreKnownSoExcludedFoldersGetWalked() {
        assertThat(DockerIgnore.parse("docs\n").hasExceptions()).isFalse();
        assertThat(DockerIgnore.parse("docs\n!docs/keep.md\n").hasExceptions()).isTrue();
    }

    @Test
    void patternsAreNormalised() {
        assertThat(DockerIgnore.parse("# c\n\n  /a/b/  \n! ./c\r\n").patterns()).containsExactly("a/b", "!c");
    }

    @Test
    void aBadPatternNamesItsLine() {
        assertThatThrownBy(() -> DockerIgnore.parse("ok\n# fine\nbad[\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(".dockerignore:3: bad pattern 'bad['");
    }
}
