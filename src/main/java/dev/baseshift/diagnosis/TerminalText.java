package dev.baseshift.diagnosis;

import java.util.regex.Pattern;

/** Build logs and probe output as a person reads them in a terminal. */
public final class TerminalText {
    private static final Pattern ANSI = Pattern.compile(
            "\u001B\\[[0-?]*[ -/]*[@-~]|\u001B\\][^\u0007\u001B]*(?:\u0007|\u001B\\\\)|\u001B[@-Z\\\\-_]|\u009B[0-?]*[ -/]*[@-~]");

    private TerminalText() {}

    /**
     * Text without terminal escape codes (colours, cursor moves), and for a line redrawn with carriage returns only
     * what it finally showed; null stays null.
     */
    public static String plain(String text) {
        if (text == null) return null;
        String s = ANSI.matcher(text).replaceAll("");
        if (s.indexOf('\r') < 0) return s;
        StringBuilder out = new StringBuilder(s.length());
        for (String line : s.split("\n", -1)) {
            String l = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            int cr = l.lastIndexOf('\r');
            if (out.length() > 0) out.append('\n');
            out.append(cr >= 0 ? l.substring(cr + 1) : l);
        }
        return out.toString();
    }
}
