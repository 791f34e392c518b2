package dev.baseshift.repair;

import dev.baseshift.diagnosis.ImageFiles;

import java.io.IOException;
import java.util.Collection;

/**
 * The images a repair reads: their file indexes without running them (the engine's indexer behind it). Failures
 * are {@link IOException}s whose message says what could not be read and why.
 */
public interface Images {
    boolean has(String ref) throws IOException;

    void pull(String ref) throws IOException;

    ImageFiles index(String ref) throws IOException;

    /** The index with the ELF facts of {@code paths} added. */
    ImageFiles withElf(String ref, ImageFiles files, Collection<String> paths) throws IOException;

    /** Removes an image; one still in use stays. Never throws. */
    void remove(String ref);
}
