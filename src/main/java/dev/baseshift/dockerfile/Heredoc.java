package dev.baseshift.dockerfile;

/**
 * A here-document attached to RUN, COPY or ADD.
 *
 * @param name      the delimiter word without quotes
 * @param chomp     true for {@code <<-} (leading tabs stripped)
 * @param expand    false when the delimiter was quoted (no variable expansion)
 * @param content   the body, lines joined with '\n', including the final newline; tabs already stripped for chomp
 * @param startLine line of the first body line (1-based)
 * @param endLine   line of the closing delimiter
 */
public record Heredoc(String name, boolean chomp, boolean expand, String content, int startLine, int endLine) {}
