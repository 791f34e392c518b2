package dev.baseshift.app;

import dev.baseshift.compare.ComparisonService;
import dev.baseshift.compare.Sessions;
import dev.baseshift.engine.ContainerEngine;
import dev.baseshift.engine.EngineException;
import dev.baseshift.engine.ImageDetails;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The images BaseShift keeps in an engine as each project's build cache, for both faces: what they are, how much
 * they hold, and removing them ({@code baseshift clean}, the app's "Remove").
 */
public final class KeptImages {
    private final ContainerEngine engine;
    private final Sessions sessions;

    public KeptImages(ContainerEngine engine, Sessions sessions) {
        this.engine = engine;
        this.sessions = sessions;
    }

    public KeptImages(ContainerEngine engine) {
        this(engine, Sessions.userDefault());
    }

    /**
     * @param projects     the project keys the images belong to
     * @param aboveBases   bytes the images hold above their base images (what removing them frees, roughly)
     */
    public record Held(List<ImageDetails.Summary> images, Set<String> projects, long sizeBytes, long aboveBases) {
        public int count() { return images.size(); }

        public boolean isEmpty() { return images.isEmpty(); }

        /** "3 images, 41.2 MB above their bases" or "no images". */
        public String describe() {
            if (images.isEmpty()) return "no images";
            return images.size() + (images.size() == 1 ? " image, " : " images, ")
                    + dev.baseshift.compare.Sizes.format(aboveBases) + " above their bases";
        }

        /** The tags, sorted: "baseshift/app-1a2b3c4d:slim", … */
        public List<String> tags() {
            Set<String> tags = new TreeSet<>();
            images.forEach(i -> tags.addAll(i.tags()));
            return List.copyOf(tags);
        }
    }

    /** The kept images of one project (by {@link dev.baseshift.plan.Plan#projectKey() key}), or of all when null. */
    public Held list(String projectKey) throws EngineException {
        return held(engine.images(ComparisonService.PROJECT_LABEL, projectKey, false));
    }

    private Held held(List<ImageDetails.Summary> images) {
        Set<String> projects = new LinkedHashSet<>();
        long size = 0;
        long above = 0;
        Map<String, Long> baseSizes = new HashMap<>();
        for (ImageDetails.Summary i : images) {
            projects.add(i.labels().getOrDefault(ComparisonService.PROJECT_LABEL, ""));
            size += i.sizeBytes();
            String base = i.labels().get(ComparisonService.BASE_LABEL);
            long baseSize = base == null ? 0 : baseSizes.computeIfAbsent(base, this::sizeOf);
            above += Math.max(0, i.sizeBytes() - baseSize);
        }
        return new Held(images, projects, size, above);
    }

    /** What {@link #remove} did: the images removed, and the projects skipped because a comparison of them runs. */
    public record Removed(Held removed, List<String> busyProjects, List<String> failures) {}

    /**
     * Removes the kept images of one project (or all when null). A project whose comparison is running right now is
     * left alone (its images are that comparison's), and said so. Base images and anything else are never touched.
     */
    public Removed remove(String projectKey) throws EngineException {
        Held held = list(projectKey);
        Map<String, List<ImageDetails.Summary>> byProject = new HashMap<>();
        for (ImageDetails.Summary i : held.images()) {
            byProject.computeIfAbsent(i.labels().getOrDefault(ComparisonService.PROJECT_LABEL, ""),
                    k -> new ArrayList<>()).add(i);
        }
        List<ImageDetails.Summary> removed = new ArrayList<>();
        List<String> busy = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, List<ImageDetails.Summary>> e : byProject.entrySet()) {
            Sessions.ProjectLock lock;
            try {
                lock = sessions.lockProject(e.getKey(), () -> true, () -> { });
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
            if (lock == null) {
                busy.add(e.getKey());
                continue;
            }
            try (lock) {
                for (ImageDetails.Summary i : e.getValue()) {
                    try {
                        engine.removeImage(i.id());
                        removed.add(i);
                    } catch (EngineException ex) {
                        failures.add(ex.getMessage());
                    }
                }
            }
        }
        return new Removed(held(removed), busy, failures);
    }

    /**
     * Removes the kept images of every project whose folder is gone (deleted, or a temporary folder): nobody can
     * compare it again, so its cache can only take space. Projects whose folder was never recorded are left alone.
     */
    public Removed removeGone() throws EngineException {
        List<ImageDetails.Summary> removed = new ArrayList<>();
        List<String> busy = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (String project : goneProjects()) {
            Removed r = remove(project);
            removed.addAll(r.removed().images());
            busy.addAll(r.busyProjects());
            failures.addAll(r.failures());
        }
        return new Removed(held(removed), busy, failures);
    }

    /** The kept images of projects whose folder is gone (what {@link #removeGone} removes). */
    public Held listGone() throws EngineException {
        Set<String> gone = new java.util.HashSet<>(goneProjects());
        return held(list(null).images().stream()
                .filter(i -> gone.contains(i.labels().getOrDefault(ComparisonService.PROJECT_LABEL, ""))).toList());
    }

    private List<String> goneProjects() throws EngineException {
        List<String> out = new ArrayList<>();
        for (String project : list(null).projects()) {
            java.util.Optional<java.nio.file.Path> folder = sessions.folderOf(project);
            if (folder.isPresent() && !java.nio.file.Files.isDirectory(folder.get())) out.add(project);
        }
        return out;
    }

    private long sizeOf(String imageId) {
        try {
            return engine.inspect("sha256:" + imageId).sizeBytes();
        } catch (EngineException | RuntimeException e) {
            return 0; // the base is gone: all of the image is BaseShift's
        }
    }
}
