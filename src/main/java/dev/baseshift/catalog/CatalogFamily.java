package dev.baseshift.catalog;

import java.util.List;
import java.util.Map;

/**
 * A family as loaded from a catalog file.
 *
 * @param repositories the repositories this family owns (matched on the canonical name, e.g. docker.io/library/python)
 * @param aliases      version words that float (node {@code lts}) with the major they mean today ("" when none matters)
 * @param codenames    version words that name one major for good (node {@code jod} = 22)
 * @param latest       the major an untagged or {@code latest} reference means today, for tiers that need one; or null
 * @param suites       distribution suites seen in tags, the default (today's) first; empty when tags have none
 * @param retiredSuites suites past their end of life (buster, stretch): recognised in the original, never proposed
 * @param flavors      flavour words seen in tags (php {@code fpm}, nginx {@code perl}); empty when none
 */
record CatalogFamily(String name, String description, List<Template> repositories, Map<String, String> aliases,
                     Map<String, String> codenames, String latest, List<String> suites, List<String> retiredSuites,
                     List<String> flavors, List<TierSpec> specs) implements Family {

    CatalogFamily {
        repositories = List.copyOf(repositories);
        aliases = Map.copyOf(aliases);
        codenames = Map.copyOf(codenames);
        suites = List.copyOf(suites);
        retiredSuites = List.copyOf(retiredSuites);
        flavors = List.copyOf(flavors);
        specs = List.copyOf(specs);
    }

    @Override
    public List<Tier> tiers() {
        return specs.stream().map(TierSpec::tier).toList();
    }

    boolean owns(String canonicalName) {
        return repositories.stream().anyMatch(t -> t.match(canonicalName).isPresent());
    }

    @Override
    public String toString() {
        return name;
    }

    String defaultSuite() {
        return suites.isEmpty() ? null : suites.get(0);
    }
}
