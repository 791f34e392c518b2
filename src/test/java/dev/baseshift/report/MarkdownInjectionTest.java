package dev.baseshift.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A report meant for pull-request comments must not carry markup from probe commands, outputs or errors. */
class MarkdownInjectionTest {

    /** The code span as GitHub reads it: the fence is the opening run; the span ends at the next run as long. */
    private static String spanContent(String span) {
        int n = 0;
        while (n < span.length() && span.charAt(n) == '`') n++;
        String fence = "`".repeat(n);
        int close = n;
        while (true) {
            close = span.indexOf(fence, close);
            assertThat(close).as("closing fence of " + span).isPositive();
            boolean longer = close + n < span.length() && span.charAt(close + n) == '`';
            boolean afterTick = span.charAt(close - 1) == '`';
            if (!longer && !afterTick) break;
            close += n;
        }
        assertThat(close + n).as("the span is the whole text: " + span).isEqualTo(span.length());
        return span.substring(n, close);
    }

    @Test
    void backticksInACommandCannotCloseTheCodeSpan() {
        for (String command : new String[] {"sh -c 'x`</code><script>alert(1)</script>`'",
                "echo ``` <img src=x onerror=alert(1)> ``", "a`b``c```d", "`leading", "trailing`"}) {
            String span = MarkdownReport.code(command);
            String inside = spanContent(span);
            assertThat(inside).startsWith(" ").endsWith(" ");
            assertThat(inside.substring(1, inside.length() - 1)).isEqualTo(command);
        }
    }

    @Test
    void pipesAreEscapedInCodeAndText() {
        assertThat(MarkdownReport.code("a | b")).isEqualTo("`a \\| b`");
        assertThat(MarkdownReport.escape("a | b")).isEqualTo("a \\| b");
    }

    @Test
    void htmlOutsideCodeIsEscaped() {
        String text = MarkdownReport.escape("failed: <img src=x onerror=alert(1)> & `rm -rf` &lt;");
        assertThat(text).doesNotContain("<").doesNotContain(">")
                .isEqualTo("failed: &lt;img src=x onerror=alert(1)&gt; &amp; \\`rm -rf\\` &amp;lt;");
    }
}
