package dev.baseshift.bench;

import dev.baseshift.diagnosis.ImageFiles;
import dev.baseshift.engine.DockerEngine;
import dev.baseshift.engine.EngineLocator;
import dev.baseshift.engine.ImageIndexer;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Indexing an image (its files, package databases) against {@code docker save IMAGE > /dev/null} — the bare export
 * the indexer reads — in the same run, alternating, on a cold index cache each round; and the heap the indexing
 * needs: the peak of the heap pools above the settled heap before, and what the finished index retains.
 * Run by {@code src/test/bench/index-vs-save.sh}; usage: IndexBenchmark IMAGE [ROUNDS].
 */
public final class IndexBenchmark {
    private IndexBenchmark() {}

    public static void main(String[] args) throws Exception {
        String image = args[0];
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<Double> save = new ArrayList<>();
        List<Double> index = new ArrayList<>();
        long peakGrowth = 0;
        long retained = 0;
        int files = 0;
        try (DockerEngine engine = EngineLocator.fromSystem().locate()) {
            long bytes = engine.inspect(image).sizeBytes();
            System.out.printf(Locale.ROOT, "image %s: %.0f MB, %d rounds%n", image, bytes / 1e6, rounds);
            ImageFiles warm = indexCold(engine, image); // JIT and page cache, not counted
            files = warm.entries().size();
            warm = null;
            for (int r = 0; r < rounds; r++) {
                save.add(dockerSave(image));
                settle();
                long before = heapUsed();
                resetPeaks();
                long t0 = System.nanoTime();
                ImageFiles f = indexCold(engine, image);
                index.add((System.nanoTime() - t0) / 1e9);
                peakGrowth = Math.max(peakGrowth, heapPeak() - before);
                settle();
                retained = Math.max(retained, heapUsed() - before);
                if (f.entries().size() != files) throw new IllegalStateException("index differs between rounds");
            }
        }
        double s = median(save);
        double i = median(index);
        System.out.printf(Locale.ROOT, "docker save > /dev/null: median %.2f s %s%n", s, save);
        System.out.printf(Locale.ROOT, "index (cold cache):      median %.2f s %s, %d entries%n", i, index, files);
        System.out.printf(Locale.ROOT, "ratio index / save: %.2f (goal <= 1.5)%n", i / s);
        System.out.printf(Locale.ROOT, "heap: peak growth %.1f MB while indexing, %.1f MB retained by the index"
                + " (goal: growth <= 64 MB; max heap %.0f MB)%n", peakGrowth / 1e6, retained / 1e6,
                Runtime.getRuntime().maxMemory() / 1e6);
    }

    private static ImageFiles indexCold(DockerEngine engine, String image) throws Exception {
        Path cache = Files.createTempDirectory("bs-index-bench");
        try {
            return new ImageIndexer(engine, cache).index(image);
        } finally {
            try (var walk = Files.walk(cache)) {
                walk.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static double dockerSave(String image) throws Exception {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder("docker", "save", image).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (p.waitFor() != 0) throw new IllegalStateException("docker save " + image + " failed");
        return (System.nanoTime() - t0) / 1e9;
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    }

    private static void settle() throws InterruptedException {
        for (int k = 0; k < 3; k++) {
            System.gc();
            Thread.sleep(50);
        }
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void resetPeaks() {
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** The sum of the heap pools' peaks since the reset: an upper bound of the heap in use at any moment. */
    private static long heapPeak() {
        return heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }
}
