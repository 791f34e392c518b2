package dev.baseshift.catalog;

/** A base-image family (python, node, ...), loaded from catalog data. Details live in the catalog package. */
public interface Family {
    String name();
}
