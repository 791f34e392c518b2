package dev.baseshift.ui.results;

import dev.baseshift.catalog.Tier;
import dev.baseshift.compare.VariantStatus;

/**
 * One line of the results table. Numbers stay numbers so the table sorts by value; the view formats them.
 *
 * @param label        "slim", or "slim+fix" for BaseShift's repaired variant of slim
 * @param deltaBytes   size minus the original's (negative = smaller), null when either was not built
 * @param deltaPercent the same in percent of the original, null likewise
 * @param cached       not built again: the kept image of the last comparison had the same inputs
 * @param pullBytes    what a pull downloads (base compressed + own layers compressed), null when unknown
 */
public record ResultRow(Tier tier, String label, boolean repaired, String base, VariantStatus status, Long sizeBytes, Long deltaBytes,
                        Double deltaPercent, Long baseBytes, Long appBytes, Integer layers, Double buildSeconds,
                        int probesPassed, int probesRun, boolean recommended, String error, boolean cached,
                        Long pullBytes) {

    /** "cached", "12.3 s", or "" when it did not build. */
    public String buildText() {
        if (cached) return "cached";
        return buildSeconds == null ? "" : String.format(java.util.Locale.ROOT, "%.1f s", buildSeconds);
    }

    /** "2/3" */
    public String probesText() {
        return probesRun == 0 ? "–" : probesPassed + "/" + probesRun;
    }
}
