package dev.baseshift.catalog;

import java.util.List;

/**
 * One tier of a family as the catalog file describes it.
 *
 * @param repository        where this tier's images live (may hold {major}); the family's own repository for most tiers
 * @param matchRepositories every repository spelling recognised as this tier, {@code repository} first
 * @param tags              tag templates: the first that can be filled is written, all of them are recognised;
 *                          {@code ""} stands for "no tag"
 * @param versions          majors the tier exists for (distroless java17/21/25), or null for every version
 * @param flavors           family flavours the tier exists for (php alpine has no apache), or null for all
 * @param tagTraits         traits that differ for some tags (distroless {@code :debug} has a shell)
 */
record TierSpec(Tier tier, String note, Template repository, List<Template> matchRepositories, List<Template> tags,
                List<String> versions, List<String> flavors, BaseTraits traits, List<TagTraits> tagTraits) {

    /** Tags whose base has other traits than the tier's default. */
    record TagTraits(List<Template> tags, BaseTraits traits) {}

    TierSpec {
        matchRepositories = List.copyOf(matchRepositories);
        tags = List.copyOf(tags);
        versions = versions == null ? null : List.copyOf(versions);
        flavors = flavors == null ? null : List.copyOf(flavors);
        tagTraits = List.copyOf(tagTraits);
    }

    /** The traits of a concrete tag of this tier. */
    BaseTraits traitsFor(String tag) {
        String t = tag == null ? "" : tag;
        for (TagTraits tt : tagTraits) {
            if (tt.tags().stream().anyMatch(p -> p.match(t).isPresent())) return tt.traits();
        }
        return traits;
    }
}
