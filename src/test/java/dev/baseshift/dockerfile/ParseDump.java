package dev.baseshift.dockerfile;

import java.util.stream.Collectors;

/** A readable, line-oriented dump of a parse, compared against the golden files' expected.txt. */
final class ParseDump {
    private ParseDump() {}

    static String of(Dockerfile file) {
        StringBuilder out = new StringBuilder();
        out.append("escape ").append(file.escape()).append('\n');
        for (Directive d : file.directives()) {
            out.append("directive ").append(d.line()).append(' ').append(d.name()).append('=').append(d.value())
                    .append('\n');
        }
        for (Instruction i : file.instructions()) {
            out.append(i.startLine()).append('-').append(i.endLine()).append(' ').append(i.keyword());
            for (Flag f : i.flags()) {
                out.append(" --").append(f.name());
                if (f.value() != null) out.append('=').append(f.value());
            }
            out.append(" | ").append(quote(i.arguments()));
            if (i.isExecForm()) {
                out.append(" | exec=").append(i.execForm().stream().map(ParseDump::quote)
                        .collect(Collectors.joining(", ", "[", "]")));
            }
            for (Heredoc h : i.heredocs()) {
                out.append(" | <<").append(h.chomp() ? "-" : "").append(h.name())
                        .append(h.expand() ? "" : " (no expansion)")
                        .append(' ').append(h.startLine()).append('-').append(h.endLine())
                        .append(' ').append(quote(h.content()));
            }
            out.append('\n');
        }
        return out.toString();
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }
}
