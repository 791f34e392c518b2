package dev.baseshift.dockerfile;

import java.util.List;

/**
 * A parsed Dockerfile. {@code text} is the exact source, so a variant can be produced by splicing.
 *
 * @param name        how the file is named in messages (usually the path relative to the project)
 * @param escape      the escape character, {@code \\} or {@code `}
 */
public record Dockerfile(String name, String text, List<Directive> directives, List<Instruction> instructions,
                         char escape) {
    public Dockerfile {
        directives = List.copyOf(directives);
        instructions = List.copyOf(instructions);
    }

    /** The instruction's exact source text (continuations, comment lines inside them, heredoc bodies included). */
    public String sourceOf(Instruction instruction) {
        return text.substring(instruction.startOffset(), instruction.endOffset());
    }
}
