package dev.baseshift.catalog;

import java.util.List;

/** A base-image family (python, node, ...), loaded from catalog data. Details live in the catalog package. */
public interface Family {
    String name();

    /** One line for people: what the family is. */
    String description();

    /** The tiers this family has, in the family's spectrum order (fullest first). */
    List<Tier> tiers();
}
