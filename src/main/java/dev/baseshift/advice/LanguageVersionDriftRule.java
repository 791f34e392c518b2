package dev.baseshift.advice;

import dev.baseshift.catalog.BaseMatch;

import java.util.Locale;
import java.util.Map;

/**
 * A tier that ships its own language version (distroless python3 is Debian 13's 3.13; nodejs22, java21) while the
 * original pinned another one.
 */
final class LanguageVersionDriftRule implements Rule {
    static final String ID = "language-version-drift";
    private static final Map<String, String> LANGUAGES = Map.of("python", "Python", "node", "Node.js",
            "eclipse-temurin", "Java", "openjdk", "Java", "ruby", "Ruby", "php", "PHP", "golang", "Go", "rust", "Rust");

    @Override
    public String id() { return ID; }

    @Override
    public void check(Review review) {
        BaseMatch from = review.from();
        String shipped = review.traits().languageVersion();
        if (from == null || from.version() == null || shipped == null) return;
        String pinned = from.version();
        if (sameVersion(pinned, shipped)) return;
        String family = from.family() == null ? "" : from.family().name();
        String language = LANGUAGES.getOrDefault(family.toLowerCase(Locale.ROOT), family);
        boolean newer = compare(shipped, pinned) > 0;
        review.report(null, ID, Severity.WARNING, review.baseStage().line(), language + " " + pinned + " → "
                        + shipped + ": " + review.targetImage() + " ships " + language + " " + shipped
                        + ", not the " + pinned + " the original pins" + (newer ? "" : " (an older version)")
                        + "; dependencies and compiled modules built for " + pinned + " may not work",
                "test the app on " + language + " " + shipped + " (build and install dependencies with "
                        + shipped + " too), or keep a tier that offers " + pinned);
    }

    /** Equal on the parts both name: 3.13.1 matches 3.13, 21 matches 21.0.2. */
    static boolean sameVersion(String a, String b) {
        String[] x = a.split("[.-]");
        String[] y = b.split("[.-]");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            if (!x[i].equals(y[i])) return false;
        }
        return true;
    }

    private static int compare(String a, String b) {
        String[] x = a.split("[.-]");
        String[] y = b.split("[.-]");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            if (x[i].matches("\\d+") && y[i].matches("\\d+")) {
                int c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
                if (c != 0) return c;
            } else if (!x[i].equals(y[i])) {
                return x[i].compareTo(y[i]);
            }
        }
        return 0;
    }
}
