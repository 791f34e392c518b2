package dev.baseshift.plan;

import dev.baseshift.registry.BaseFactsService.TagCheck;
import dev.baseshift.registry.BaseFactsService.TagStatus;

/**
 * Whether a base the catalog proposes exists (a registry's manifest HEAD). With one, the planner never proposes a
 * tag that does not exist: it falls back along the tier's other templates and says so.
 */
@FunctionalInterface
public interface TagLookup {
    /** No registry asked: every proposal stands as the catalog writes it. */
    TagLookup NONE = reference -> new TagCheck(reference, TagStatus.UNKNOWN, null, "not checked");

    /** Never throws: an unreachable registry answers {@link TagStatus#UNKNOWN}. */
    TagCheck check(String reference);
}
