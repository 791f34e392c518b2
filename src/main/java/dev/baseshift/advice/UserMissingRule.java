package dev.baseshift.advice;

import dev.baseshift.catalog.BaseTraits;

import java.util.Objects;

/**
 * {@code USER name} where the target has no such account and the Dockerfile does not create one. The catalog lists
 * only the accounts that matter for moving (root, nobody, nonroot, family users such as node); an account it does not
 * list but the original base had (www-data on Debian) is taken to exist on another tier of the same distribution.
 */
final class UserMissingRule implements Rule {
    static final String ID = "user-missing";

    @Override
    public String id() { return ID; }

    @Override
    public void check(Review review) {
        BaseTraits t = review.traits();
        if (t.users().isEmpty()) return;   // unknown accounts, or none at all (scratch-needs covers that)
        BaseTraits original = review.originalTraits().orElse(null);
        for (Step step : review.steps()) {
            if (!step.keyword().equals("USER")) continue;
            String user = userName(step);
            if (user == null || t.users().contains(user) || step.before().copied("/etc/passwd")) continue;
            // accounts made by RUN exist only where RUN can run
            if (t.shell() && step.before().hasUser(user)) continue;
            boolean originalHasIt = original != null && original.users().contains(user);
            boolean sameDistribution = original != null && t.shell()
                    && Objects.equals(original.packageManager(), t.packageManager());
            if (!originalHasIt && (sameDistribution || original == null && t.shell())) continue;
            boolean certain = originalHasIt || !t.shell();
            review.report(step, ID, certain ? Severity.ERROR : Severity.WARNING, step.line(), (certain ? "no user '"
                            : "user '") + user + (certain ? "' in " : "' may not exist in ") + review.targetImage()
                            + " (it has " + String.join(", ", t.users()) + "): the steps after this line and the "
                            + "container fail with 'unable to find user " + user + "'",
                    fix(review, t, user));
        }
    }

    private static String fix(Review review, BaseTraits t, String user) {
        if (t.users().contains("nonroot")) return "USER nonroot (uid 65532), or USER 65532:65532";
        if (!t.shell()) return "use a numeric id: USER 65532:65532";
        if (review.busybox()) {
            return "create it first: RUN addgroup -S " + user + " && adduser -S -G " + user + " " + user
                    + ", or use a numeric id (USER 65532)";
        }
        return "create it first: RUN groupadd -r " + user + " && useradd -r -g " + user + " " + user
                + ", or use a numeric id (USER 65532)";
    }

    /** The user part of a USER instruction, or null when it is numeric or a variable (nothing to look up). */
    static String userName(Step step) {
        String arg = step.instruction().arguments().trim();
        String user = arg.contains(":") ? arg.substring(0, arg.indexOf(':')) : arg;
        if (user.isEmpty() || user.matches("\\d+") || user.contains("$")) return null;
        return user;
    }
}
