package dev.baseshift.catalog;

/** A catalog file that cannot be used: the message names the file, where in it, and what is wrong. */
public class CatalogException extends Exception {
    private final String source;

    public CatalogException(String source, String problem) {
        super(source + ": " + problem);
        this.source = source;
    }

    public CatalogException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
    }

    /** The file (or resource) the problem is in. */
    public String source() { return source; }
}
