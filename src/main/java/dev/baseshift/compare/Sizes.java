package dev.baseshift.compare;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Sizes as the Docker CLI prints them ({@code docker images}): decimal units (kB = 10^3, MB = 10^6) and three
 * significant digits, exactly like go-units' {@code HumanSizeWithPrecision(size, 3)}, which formats with Go's
 * {@code %.3g}. So "128MB", "1.2GB", "5.6kB", and the CLI's own oddity "1e+03kB" for 999,999 bytes.
 */
public final class Sizes {
    private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};
    private static final int PRECISION = 3;

    private Sizes() {}

    public static String format(long bytes) {
        // Same float64 divisions as go-units, so values on a rounding edge land where the CLI's do.
        double size = bytes;
        int unit = 0;
        while (size >= 1000.0 && unit < UNITS.length - 1) {
            size /= 1000.0;
            unit++;
        }
        return formatG(size) + UNITS[unit];
    }

    /** Go's {@code %.3g} for a non-negative finite value. */
    static String formatG(double value) {
        if (value < 0) return "-" + formatG(-value);
        if (value == 0) return "0";
        // Go rounds the exact binary value half-to-even to PRECISION significant digits.
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(PRECISION, RoundingMode.HALF_EVEN))
                .stripTrailingZeros();
        String digits = rounded.unscaledValue().toString();
        int nd = digits.length();
        int dp = nd - rounded.scale(); // position of the decimal point relative to the first digit
        int eprec = PRECISION;
        if (eprec > nd && nd >= dp) eprec = nd;
        int exp = dp - 1;
        if (exp < -4 || exp >= eprec) {
            StringBuilder sb = new StringBuilder().append(digits.charAt(0));
            if (nd > 1) sb.append('.').append(digits, 1, nd);
            sb.append('e').append(exp < 0 ? '-' : '+');
            int abs = Math.abs(exp);
            if (abs < 10) sb.append('0');
            return sb.append(abs).toString();
        }
        int prec = PRECISION > dp ? nd : PRECISION;
        int decimals = Math.max(prec - dp, 0);
        return rounded.setScale(decimals, RoundingMode.UNNECESSARY).toPlainString();
    }

    /** Whole percent, or one decimal below 10 % so small savings do not read as 0 %: "74%", "4.2%". */
    public static String percent(long part, long whole) {
        if (whole <= 0) return "0%";
        double p = 100.0 * part / whole;
        return Math.abs(p) < 10 ? String.format(java.util.Locale.ROOT, "%.1f%%", p) : Math.round(p) + "%";
    }

    /**
     * A size a user typed, e.g. {@code 200MB}, {@code 1.5GB}, {@code 512kB}, {@code 300M}, {@code 1GiB} or plain
     * bytes. Decimal units as the Docker CLI uses them; the binary ones (KiB, MiB, GiB, TiB) are accepted too.
     *
     * @throws IllegalArgumentException saying what is accepted
     */
    public static long parse(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("(?i)\\s*([0-9]+(?:\\.[0-9]+)?)\\s*(b|k|kb|m|mb|g|gb|t|tb|kib|mib|gib|tib)?\\s*")
                .matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size (examples: 200MB, 1.5GB, 512kB, 1GiB)");
        }
        String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(java.util.Locale.ROOT);
        long factor = switch (unit) {
            case "b" -> 1L;
            case "k", "kb" -> 1_000L;
            case "m", "mb" -> 1_000_000L;
            case "g", "gb" -> 1_000_000_000L;
            case "t", "tb" -> 1_000_000_000_000L;
            case "kib" -> 1L << 10;
            case "mib" -> 1L << 20;
            case "gib" -> 1L << 30;
            default -> 1L << 40;
        };
        return new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(factor)).setScale(0, RoundingMode.HALF_UP)
                .longValueExact();
    }

    /** Megabytes (10^6 bytes) as a number, for spreadsheets. */
    public static double megabytes(long bytes) {
        return bytes / 1_000_000.0;
    }
}
