package dev.baseshift.advice;

/**
 * Files built on a glibc stage copied into a base without glibc (Alpine's musl, scratch, distroless/static):
 * dynamically linked binaries and native modules fail to load there.
 */
final class GlibcBinaryRule implements Rule {
    static final String ID = "glibc-binary";

    @Override
    public String id() { return ID; }

    @Override
    public void check(Review review) {
        String libc = review.libc();
        if ("glibc".equals(libc)) return;
        String where = review.targetImage() + (libc == null ? " (no C library)" : " (" + libc + ")");
        for (Step step : review.steps()) {
            CopySource.of(review, step).ifPresent(src -> {
                if (src.stage() != null && review.affected(src.stage())) return;
                String what = src.stage() != null ? "stage '" + src.from() + "' (" + src.image() + ")" : src.image();
                if (src.go()) {
                    if (src.musl() || src.staticEvident(review)) return;
                    review.report(step, ID, Severity.WARNING, step.line(), "the Go binary from " + what
                                    + " is built with cgo on (the default there) and links glibc; on " + where
                                    + " it fails to start with 'no such file or directory'",
                            "build it static in that stage: CGO_ENABLED=0 go build … (or ENV CGO_ENABLED=0)");
                } else if (src.rust()) {
                    if (src.musl() || src.staticEvident(review)) return;
                    review.report(step, ID, Severity.WARNING, step.line(), "the Rust binary from " + what
                                    + " links glibc; on " + where + " it fails to start",
                            "build for musl: rustup target add x86_64-unknown-linux-musl && cargo build --release "
                                    + "--target x86_64-unknown-linux-musl, or use a rust:alpine builder");
                } else if (!src.portable() && !(src.musl() && libc != null) && !src.staticEvident(review)) {
                    review.report(step, ID, Severity.INFO, step.line(), "files from " + what + " were built "
                                    + (src.musl() ? "against musl" : "on glibc") + "; binaries or native modules among "
                                    + String.join(" ", src.sources()) + " may not load on " + where,
                            "build them in a stage on the same libc as the target, or copy only static binaries");
                }
            });
        }
    }
}
