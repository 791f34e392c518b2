package dev.baseshift.compare;

import java.util.Locale;

public enum ProbeOutcome {
    PASS, FAIL, ERROR, SKIPPED;

    public String id() { return name().toLowerCase(Locale.ROOT); }
}
