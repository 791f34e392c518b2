package dev.baseshift.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Image;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Removes what a failed or cancelled classic build committed. The build log names the steps it committed, but
 * after a cancel the engine may commit a step or two more whose lines were never read: those are found in the
 * engine as untagged images built on the ones the log named, or committed from a builder container the log named.
 * Only untagged images are touched, never with force: an image another build or container still uses stays, as
 * cache, the way a failed {@code docker build} leaves it.
 */
final class BuildLeftovers {

    private static final Duration SETTLE = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(250);

    private final DockerClient client;

    BuildLeftovers(DockerClient client) {
        this.client = client;
    }

    /**
     * @param committed  image ids the log showed as committed by a step of this build (short or long hex)
     * @param containers builder container ids the log showed ("Running in …")
     * @param lastImage  the last image id the log showed for any step (a base or a cache hit included), or null
     * @param cancelled  the log was cut off by a cancel, so the engine may still be committing: wait for it to settle
     */
    void remove(Collection<String> committed, Collection<String> containers, String lastImage, boolean cancelled) {
        try {
            removeOrThrow(committed, containers, lastImage, cancelled);
        } catch (RuntimeException e) {
            // best effort, and never the build's error: an engine listing images while another build removes some
            // may fail (Podman: "image not known"); then at least the steps the log named go, newest first
            List<String> named = new ArrayList<>(committed);
            java.util.Collections.reverse(named);
            for (String id : named) {
                try {
                    client.removeImageCmd(id).withForce(false).exec();
                } catch (RuntimeException ignored) {
                    // in use, or gone: it stays as cache
                }
            }
        }
    }

    private void removeOrThrow(Collection<String> committed, Collection<String> containers, String lastImage,
                               boolean cancelled) {
        if (!cancelled) {
            removeChildrenFirst(find(committed, containers, lastImage));
            return;
        }
        Set<String> ours = Set.of();
        long until = System.nanoTime() + SETTLE.toNanos();
        // a cancelled build may still be committing: wait until none of its containers is left and nothing new shows
        while (true) {
            Set<String> found = find(committed, containers, lastImage);
            boolean busy = builderAlive(found, containers);
            if ((!busy && found.equals(ours)) || System.nanoTime() > until) {
                ours = found;
                break;
            }
            ours = found;
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        removeChildrenFirst(ours);
    }

    private Set<String> find(Collection<String> committed, Collection<String> containers, String lastImage) {
        List<Image> all = client.listImagesCmd().withShowAll(true).exec();
        Map<String, List<Image>> children = new HashMap<>();
        Set<String> ours = new HashSet<>();
        for (Image image : all) {
            children.computeIfAbsent(image.getParentId() == null ? "" : image.getParentId(), k -> new ArrayList<>())
                    .add(image);
            if (untagged(image) && matchesAny(image.getId(), committed)) {
                ours.add(image.getId());
            }
        }
        // the step after the last one the log showed, committed from a builder container the log named
        for (Image image : all) {
            if (lastImage != null && matchesAny(image.getParentId(), List.of(lastImage)) && untagged(image)
                    && !ours.contains(image.getId()) && committedFrom(image.getId(), containers)) {
                ours.add(image.getId());
            }
        }
        // and every untagged image built on one of ours
        List<String> frontier = new ArrayList<>(ours);
        while (!frontier.isEmpty()) {
            String id = frontier.remove(frontier.size() - 1);
            for (Image child : children.getOrDefault(id, List.of())) {
                if (untagged(child) && ours.add(child.getId())) {
                    frontier.add(child.getId());
                }
            }
        }
        return ours;
    }

    private boolean committedFrom(String imageId, Collection<String> containers) {
        if (containers.isEmpty()) return false;
        try {
            String container = client.inspectImageCmd(imageId).exec().getContainer();
            return container != null && matchesAny(container, containers);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private boolean builderAlive(Set<String> ours, Collection<String> containers) {
        for (Container c : client.listContainersCmd().withShowAll(true).exec()) {
            if (matchesAny(c.getId(), containers) || ours.contains(c.getImageId())) {
                return true;
            }
        }
        return false;
    }

    /** Newest first: an image with a child cannot go before the child does. */
    private void removeChildrenFirst(Set<String> ours) {
        Map<String, String> parentOf = new HashMap<>();
        for (Image image : client.listImagesCmd().withShowAll(true).exec()) {
            if (ours.contains(image.getId())) parentOf.put(image.getId(), image.getParentId());
        }
        List<String> order = new ArrayList<>(parentOf.keySet());
        order.sort((a, b) -> Integer.compare(depth(b, parentOf), depth(a, parentOf)));
        for (String id : order) {
            try {
                client.removeImageCmd(id).withForce(false).exec();
            } catch (NotFoundException e) {
                // pruned with its child already
            } catch (RuntimeException e) {
                // in use by another build or container: it stays as cache
            }
        }
    }

    private static int depth(String id, Map<String, String> parentOf) {
        int depth = 0;
        for (String at = parentOf.get(id); at != null && parentOf.containsKey(at) && depth < 10_000;
             at = parentOf.get(at)) {
            depth++;
        }
        return depth;
    }

    private static boolean untagged(Image image) {
        String[] tags = image.getRepoTags();
        if (tags == null) return true;
        for (String tag : tags) {
            if (!"<none>:<none>".equals(tag)) return false;
        }
        return true;
    }

    /** True when the full id starts with (or is) one of the ids, compared without the "sha256:" prefix. */
    private static boolean matchesAny(String fullId, Collection<String> ids) {
        if (fullId == null || fullId.isEmpty()) return false;
        String hex = bare(fullId);
        for (String id : ids) {
            String candidate = bare(id);
            if (!candidate.isEmpty() && hex.startsWith(candidate)) return true;
        }
        return false;
    }

    private static String bare(String id) {
        return id.startsWith("sha256:") ? id.substring(7) : id;
    }
}
