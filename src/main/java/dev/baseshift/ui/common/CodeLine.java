package dev.baseshift.ui.common;

import java.util.List;

/**
 * One row of a read-only code view, as view models hand it to views: a plain record, no view type.
 *
 * @param number the line number shown in the gutter (0 = none)
 * @param marker "+", "−" or " " (diffs), may be empty
 * @param styles style classes of the row ({@code from-line}, {@code error-line}, {@code added}, {@code removed})
 */
public record CodeLine(int number, String marker, String text, List<String> styles) {
    public CodeLine {
        styles = List.copyOf(styles);
    }

    public static CodeLine plain(int number, String text) {
        return new CodeLine(number, "", text, List.of());
    }
}
