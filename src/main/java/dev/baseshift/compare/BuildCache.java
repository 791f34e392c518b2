package dev.baseshift.compare;

import java.util.Locale;

/** How a variant's image came to be in this comparison. */
public enum BuildCache {
    /** Not built (failed, cancelled or skipped). */
    NONE,
    /** Built by the engine (its layer cache may have served some steps). */
    BUILT,
    /** Not built again: the kept image of the last comparison has exactly the same inputs ({@link BuildInputs}). */
    CACHED;

    /** JSON spelling: "built", "cached", or null. */
    public String id() { return this == NONE ? null : name().toLowerCase(Locale.ROOT); }
}
