package dev.baseshift.dockerfile;

import java.util.List;

/**
 * One instruction with its exact place in the source.
 *
 * @param keyword     upper-cased instruction name (FROM, RUN, ...)
 * @param flags       leading {@code --name=value} flags, in order
 * @param arguments   the text after keyword and flags, continuations joined (escape+newline removed,
 *                    comment lines inside a continuation dropped), trimmed
 * @param execForm    the JSON array when the instruction is in exec (JSON) form, otherwise null
 * @param heredocs    here-documents opened on this instruction (RUN/COPY/ADD only), in order
 * @param startLine   1-based line of the keyword
 * @param endLine     1-based last line that belongs to the instruction (continuations and heredoc bodies included)
 * @param startOffset char offset in the source text where the keyword starts
 * @param endOffset   char offset just past the instruction's last character (before the line break)
 */
public record Instruction(String keyword, List<Flag> flags, String arguments, List<String> execForm,
                          List<Heredoc> heredocs, int startLine, int endLine, int startOffset, int endOffset) {

    public Instruction {
        flags = List.copyOf(flags);
        execForm = execForm == null ? null : List.copyOf(execForm);
        heredocs = List.copyOf(heredocs);
    }

    public boolean isExecForm() { return execForm != null; }

    /** The value of the named flag, if present; {@code ""} for a flag given without a value. */
    public java.util.Optional<String> flag(String name) {
        return flags.stream().filter(f -> f.name().equalsIgnoreCase(name))
                .map(f -> f.value() == null ? "" : f.value()).findFirst();
    }
}
