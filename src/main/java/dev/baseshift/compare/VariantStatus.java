package dev.baseshift.compare;

import java.util.Locale;

public enum VariantStatus {
    PENDING, BUILDING, PROBING, BUILT, BUILD_FAILED, CANCELLED, SKIPPED;

    /** JSON/CSV spelling: built, build-failed, cancelled, skipped. */
    public String id() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }

    public boolean finished() { return this == BUILT || this == BUILD_FAILED || this == CANCELLED || this == SKIPPED; }
}
