package dev.baseshift.advice;

/** One compatibility check. Rules read a {@link Review} and report what they find into it. */
interface Rule {

    /** The stable id findings carry, e.g. {@code package-manager-mismatch}. */
    String id();

    /** False for rules that judge the Dockerfile alone, so they also run when the target's traits are unknown. */
    default boolean needsTraits() { return true; }

    void check(Review review);
}
