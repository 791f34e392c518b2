package dev.baseshift.advice;

/**
 * The original names a Debian suite past its end of life (buster, stretch): no variant is proposed on it, so every
 * variant moves to today's suite too — a different release, whose package names and versions the RUN steps meet.
 */
final class RetiredSuiteRule implements Rule {
    static final String ID = "retired-suite";

    @Override
    public String id() { return ID; }

    @Override
    public boolean needsTraits() { return false; }

    @Override
    public void check(Review review) {
        if (review.from() == null || review.from().retiredSuite() == null || review.scratch()) return;
        // Alpine is another distribution altogether: the package-manager rules speak for it
        if ("musl".equalsIgnoreCase(review.libc())) return;
        String suite = review.from().retiredSuite();
        review.report(null, ID, Severity.WARNING, review.baseStage().line(), "the original is on Debian " + suite
                        + ", which is past its end of life and gets no more images; " + review.targetImage()
                        + " is on today's release, so packages the RUN steps install may have other names or versions",
                "compare the full tier on today's release too, or pin an old tag with --base TIER=IMAGE");
    }
}
