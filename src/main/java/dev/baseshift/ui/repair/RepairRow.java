package dev.baseshift.ui.repair;

import dev.baseshift.catalog.Tier;

/**
 * One failing variant in the repair list.
 *
 * @param state   where its repair stands
 * @param summary one line: why it fails now, or the repair's headline / verdict
 */
public record RepairRow(Tier tier, State state, String summary) {

    public enum State {
        /** Fails; no repair tried yet. */
        FAILING,
        /** Waiting for its turn in "Repair all". */
        QUEUED,
        REPAIRING,
        /** A rebuild with the patch passed every probe. */
        PROVEN,
        /** Tried, and no rebuild passed every probe. */
        NOT_REPAIRED;

        public String id() { return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'); }
    }

    /** "slim — proven: slim+fix 301 MB, passes 4/4 — adds python3-numpy" */
    public String text() {
        return tier.id() + " — " + switch (state) {
            case FAILING -> "fails: " + summary;
            case QUEUED -> "waiting (" + summary + ")";
            case REPAIRING -> "repairing: " + summary;
            case PROVEN -> "proven: " + summary;
            case NOT_REPAIRED -> summary;
        };
    }
}
