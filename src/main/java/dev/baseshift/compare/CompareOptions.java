package dev.baseshift.compare;

import dev.baseshift.plan.Probe;

import java.time.Duration;
import java.util.List;

/**
 * @param probes         the probes to run (enabled ones only are run)
 * @param parallel       variants built at once (default 2)
 * @param timeout        the whole comparison; null = none
 * @param probeTimeout   per probe (default 30 s)
 * @param serverGrace    a default probe that is still running after this counts as a pass (a server)
 * @param keepImages     leave the variant images in the engine as the project's build cache (the default); false
 *                       removes them at the end ({@code --rm-images})
 * @param buildNetwork   the network of RUN steps ({@code docker build --network}), null for the engine's default
 * @param measureDownloads measure each built variant's own layers compressed (its pull size's part above the base;
 *                         an export of the image the first time a layer is seen) — worth it where the bases'
 *                         download sizes are known
 * @param platform       os/arch[/variant] to build for, null for the engine's own
 */
public record CompareOptions(List<Probe> probes, int parallel, Duration timeout, Duration probeTimeout,
                             Duration serverGrace, boolean keepImages, String buildNetwork, boolean measureDownloads,
                             String platform) {
    public CompareOptions {
        probes = List.copyOf(probes);
        if (parallel < 1) throw new IllegalArgumentException("--parallel must be at least 1");
        if (buildNetwork != null && buildNetwork.isBlank()) buildNetwork = null;
    }

    public CompareOptions(List<Probe> probes, int parallel, Duration timeout, Duration probeTimeout,
                          Duration serverGrace, boolean keepImages, String buildNetwork) {
        this(probes, parallel, timeout, probeTimeout, serverGrace, keepImages, buildNetwork, false, null);
    }

    public CompareOptions(List<Probe> probes, int parallel, Duration timeout, Duration probeTimeout,
                          Duration serverGrace, boolean keepImages) {
        this(probes, parallel, timeout, probeTimeout, serverGrace, keepImages, null);
    }

    /** The same options, measuring the variants' own layers compressed or not. */
    public CompareOptions measuringDownloads(boolean measure) {
        return new CompareOptions(probes, parallel, timeout, probeTimeout, serverGrace, keepImages, buildNetwork,
                measure, platform);
    }

    /** The same options, building for {@code os/arch[/variant]} (null: the engine's own platform). */
    public CompareOptions forPlatform(String p) {
        return new CompareOptions(probes, parallel, timeout, probeTimeout, serverGrace, keepImages, buildNetwork,
                measureDownloads, p);
    }

    public static CompareOptions defaults(List<Probe> probes) {
        return new CompareOptions(probes, 2, null, Duration.ofSeconds(30), Duration.ofSeconds(3), true);
    }

    /** The same options, keeping the images (the repair reads them) or not. */
    public CompareOptions keepingImages(boolean keep) {
        return new CompareOptions(probes, parallel, timeout, probeTimeout, serverGrace, keep, buildNetwork,
                measureDownloads, platform);
    }
}
