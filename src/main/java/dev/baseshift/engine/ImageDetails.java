package dev.baseshift.engine;

import java.util.List;
import java.util.Map;

/**
 * @param sizeBytes exactly {@code docker image inspect --format '{{.Size}}'}
 * @param layers    {@code docker history} rows, oldest first
 * @param labels    the image's labels ({@code Config.Labels})
 */
public record ImageDetails(String id, long sizeBytes, List<HistoryEntry> layers, Map<String, String> labels) {
    public ImageDetails {
        layers = List.copyOf(layers);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public ImageDetails(String id, long sizeBytes, List<HistoryEntry> layers) {
        this(id, sizeBytes, layers, Map.of());
    }

    /** One history row. {@code id} is "<missing>" for rows of pulled images, as in the CLI. */
    public record HistoryEntry(String id, long sizeBytes, String createdBy, long created) {}

    /** One image as {@code docker images} lists it: id, tags (none for a dangling image), size, labels, created. */
    public record Summary(String id, List<String> tags, long sizeBytes, Map<String, String> labels, long created) {
        public Summary {
            tags = List.copyOf(tags);
            labels = labels == null ? Map.of() : Map.copyOf(labels);
        }
    }

    /**
     * What the engine knows of a local image without its history: {@code docker image inspect}'s Id, Size, Created,
     * the diff ids of its RootFS layers (oldest first), its platform and the registry digests it was pulled by.
     */
    public record Local(String id, long sizeBytes, String created, List<String> diffIds, String os,
                        String architecture, String variant, List<String> repoDigests) {
        public Local {
            diffIds = diffIds == null ? List.of() : List.copyOf(diffIds);
            repoDigests = repoDigests == null ? List.of() : List.copyOf(repoDigests);
        }

        public int layers() {
            return diffIds.size();
        }
    }
}
