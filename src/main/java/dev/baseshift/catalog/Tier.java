package dev.baseshift.catalog;

import java.util.Locale;

/** Places on the spectrum, fullest first. ORIGINAL labels the user's own base when its family is unknown. */
public enum Tier {
    ORIGINAL, FULL, SLIM, ALPINE, DISTROLESS, SCRATCH;

    /** The lower-case name used in the CLI, JSON, tags and file names. */
    public String id() { return name().toLowerCase(Locale.ROOT); }

    /** @throws IllegalArgumentException listing the valid names */
    public static Tier parse(String text) {
        for (Tier t : values()) if (t.id().equalsIgnoreCase(text.trim())) return t;
        throw new IllegalArgumentException("unknown tier '" + text + "' (expected one of full, slim, alpine, distroless, scratch)");
    }
}
