package dev.baseshift.compare;

import dev.baseshift.catalog.Tier;

/** A running comparison. */
public interface ComparisonRun {
    /** Stops every build and probe and removes what they made; finished variants are kept. */
    void cancel();

    /** Stops one variant. */
    void cancel(Tier tier);

    /** Waits for the end (after cancel too) and returns the result. */
    ComparisonResult await() throws InterruptedException;

    boolean isDone();
}
