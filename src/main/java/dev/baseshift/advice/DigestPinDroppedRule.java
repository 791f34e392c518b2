package dev.baseshift.advice;

/** The original FROM pinned a digest; the variant's base is a tag, which can move under the build. */
final class DigestPinDroppedRule implements Rule {
    static final String ID = "digest-pin-dropped";

    @Override
    public String id() { return ID; }

    @Override
    public boolean needsTraits() { return false; }

    @Override
    public void check(Review review) {
        String original = review.baseStage().base();
        String image = review.targetImage();
        // scratch is no image at all, so there is nothing to pin
        if (original == null || !original.contains("@sha256:") || image.contains("@") || review.scratch()) return;
        review.report(null, ID, Severity.WARNING, review.baseStage().line(), "the original base is pinned by digest ("
                        + original.substring(original.indexOf('@') + 1, Math.min(original.length(), original.indexOf('@') + 20))
                        + "…); " + image + " is a tag, so the variant may change whenever the tag moves",
                "pin the new base by digest after pulling it: docker buildx imagetools inspect " + image
                        + " (or docker inspect --format '{{index .RepoDigests 0}}' " + image + "), then FROM "
                        + image + "@sha256:<digest>");
    }
}
