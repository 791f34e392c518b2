package dev.baseshift.chart;

import java.util.Locale;

/** Sizes in the Docker CLI's decimal units with three significant digits ("123MB", "1.23GB"), as go-units prints them. */
final class DockerUnits {
    private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB", "PB"};

    private DockerUnits() {}

    static String format(long bytes) {
        double v = bytes;
        int i = 0;
        while (v >= 1000 && i < UNITS.length - 1) {
            v /= 1000;
            i++;
        }
        String s = String.format(Locale.ROOT, "%.3g", v);
        if (s.contains(".") && !s.contains("e")) s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        return s + UNITS[i];
    }
}
