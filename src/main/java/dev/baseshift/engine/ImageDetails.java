package dev.baseshift.engine;

import java.util.List;

/**
 * @param sizeBytes exactly {@code docker image inspect --format '{{.Size}}'}
 * @param layers    {@code docker history} rows, oldest first
 */
public record ImageDetails(String id, long sizeBytes, List<HistoryEntry> layers) {
    public ImageDetails {
        layers = List.copyOf(layers);
    }

    /** One history row. {@code id} is "<missing>" for rows of pulled images, as in the CLI. */
    public record HistoryEntry(String id, long sizeBytes, String createdBy, long created) {}
}
