package dev.baseshift.plan;

import dev.baseshift.catalog.Catalog;
import dev.baseshift.dockerfile.DockerfileException;

import java.io.IOException;

/** Folder → {@link Plan}: parse, resolve ARGs, find the family, build the spectrum, rewrite FROM, advise. */
public final class Planner {
    private final Catalog catalog;

    public Planner(Catalog catalog) {
        this.catalog = catalog;
    }

    /**
     * @throws DockerfileException bad Dockerfile (file:line in the message)
     * @throws IOException         unreadable project or no Dockerfile found (the message says where it looked)
     */
    public Plan plan(PlanRequest request) throws DockerfileException, IOException {
        throw new IOException("pending " + catalog);
    }
}
