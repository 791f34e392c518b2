package dev.baseshift.app;

import dev.baseshift.diagnosis.ImageFiles;
import dev.baseshift.engine.ContainerEngine;
import dev.baseshift.engine.EngineException;
import dev.baseshift.engine.ImageIndexer;
import dev.baseshift.repair.Images;

import java.io.IOException;
import java.util.Collection;

/** The repair's view of images: the engine's, indexed by {@link ImageIndexer} (cached per image id). */
public final class EngineImages implements Images {
    private final ContainerEngine engine;
    private final ImageIndexer indexer;

    public EngineImages(ContainerEngine engine) {
        this.engine = engine;
        this.indexer = new ImageIndexer(engine, ImageIndexer.defaultCacheDir());
    }

    @Override
    public boolean has(String ref) throws IOException {
        try {
            return engine.hasImage(ref);
        } catch (EngineException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public void pull(String ref) throws IOException {
        try {
            engine.pull(ref, m -> { });
        } catch (EngineException e) {
            throw new IOException("cannot pull " + ref + ": " + e.getMessage(), e);
        }
    }

    @Override
    public ImageFiles index(String ref) throws IOException {
        try {
            return indexer.index(ref);
        } catch (EngineException e) {
            throw new IOException("cannot read the files of " + ref + ": " + e.getMessage(), e);
        }
    }

    @Override
    public ImageFiles withElf(String ref, ImageFiles files, Collection<String> paths) throws IOException {
        try {
            return indexer.withElf(ref, files, paths);
        } catch (EngineException e) {
            throw new IOException("cannot read ELF headers in " + ref + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void remove(String ref) {
        try {
            engine.removeImage(ref);
        } catch (EngineException | RuntimeException e) {
            // in use elsewhere: it stays
        }
    }
}
