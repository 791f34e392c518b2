package dev.baseshift.advice;

import dev.baseshift.catalog.BaseMatch;
import dev.baseshift.catalog.TierOption;
import dev.baseshift.dockerfile.Dockerfile;
import dev.baseshift.dockerfile.StageGraph;

import java.util.List;

/** Predicts what breaks when the base stage moves to another tier. Stateless and thread-safe. */
public final class Advisor {
    private static final List<Rule> RULES = List.of(
            new PackageManagerMismatchRule(),
            new UserCommandsOnAlpineRule(),
            new BusyboxAdduserRule(),
            new BashMissingRule(),
            new BashismOnDashRule(),
            new ShellFormWithoutShellRule(),
            new NativeBuildsOnMuslRule(),
            new ToolMissingRule(),
            new GlibcBinaryRule(),
            new ScratchNeedsRule(),
            new LanguageVersionDriftRule(),
            new DigestPinDroppedRule(),
            new RetiredSuiteRule(),
            new UserMissingRule(),
            new BuildKitOnlySyntaxRule());

    /**
     * @param original the user's Dockerfile
     * @param graph    its stages (the base stage is the one that moves)
     * @param from     what the catalog knows of the original base, or null when the family is unknown
     * @param target   the base the variant moves to
     * @return findings ordered by line
     */
    public List<Finding> advise(Dockerfile original, StageGraph graph, BaseMatch from, TierOption target) {
        Review review = new Review(original, graph, from, target);
        for (Rule rule : RULES) {
            if (target.traits() != null || !rule.needsTraits()) rule.check(review);
        }
        return review.findings();
    }

    /** The ids of every rule, for documentation and filters. */
    public static List<String> ruleIds() {
        return RULES.stream().map(Rule::id).toList();
    }
}
