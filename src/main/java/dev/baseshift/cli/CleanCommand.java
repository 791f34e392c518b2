package dev.baseshift.cli;

import dev.baseshift.app.KeptImages;
import dev.baseshift.engine.ContainerEngine;
import dev.baseshift.engine.EngineException;
import dev.baseshift.engine.ImageDetails;
import dev.baseshift.plan.Plan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code baseshift clean [DIR | --all | --gone] [--dry-run]}: removes the images BaseShift keeps as a project's cache. */
@Command(name = "clean", mixinStandardHelpOptions = true,
        description = {"Remove the variant images BaseShift keeps as a project's build cache "
                + "(baseshift/<project>:<tier>). Base images, your own images and containers are never touched."})
public final class CleanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "DIR", description = "The project folder (default: the current one).")
    Path dir;

    @Option(names = "--all", description = "Every project's images on this engine.")
    boolean all;

    @Option(names = "--gone", description = "The images of every project whose folder no longer exists.")
    boolean gone;

    @Option(names = {"-n", "--dry-run"}, description = "Only list what would be removed.")
    boolean dryRun;

    private final CompareCommand.EngineConnector engines;

    public CleanCommand() {
        this(Engines::locate);
    }

    public CleanCommand(CompareCommand.EngineConnector engines) {
        this.engines = engines;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if ((all ? 1 : 0) + (gone ? 1 : 0) + (dir != null ? 1 : 0) > 1) {
            err.println("baseshift clean: give one of a project folder, --all or --gone");
            return BaseShiftCommand.BAD_INPUT;
        }
        String key = null;
        String what = gone ? "projects whose folder is gone" : "every project";
        if (!all && !gone) {
            Path project = dir != null ? dir : Path.of(".");
            if (!Files.isDirectory(project)) {
                err.println("baseshift clean: not a folder: " + project);
                return BaseShiftCommand.BAD_INPUT;
            }
            key = Plan.projectKey(project);
            what = "baseshift/" + key;
        }
        ContainerEngine engine;
        try {
            engine = engines.connect();
        } catch (EngineException e) {
            err.println("baseshift clean: " + e.getMessage());
            return BaseShiftCommand.NO_ENGINE;
        }
        try (engine) {
            KeptImages kept = new KeptImages(engine);
            KeptImages.Held held = gone ? kept.listGone() : kept.list(key);
            if (held.isEmpty()) {
                out.println("BaseShift keeps no images of " + what + " on " + engine.info().endpoint());
                return BaseShiftCommand.OK;
            }
            if (dryRun) {
                out.println("Would remove " + held.describe() + ":");
                for (ImageDetails.Summary i : held.images()) out.println("  " + describe(i));
                return BaseShiftCommand.OK;
            }
            KeptImages.Removed r = gone ? kept.removeGone() : kept.remove(key);
            out.println("Removed " + r.removed().describe() + (r.removed().isEmpty() ? "" : ":"));
            for (ImageDetails.Summary i : r.removed().images()) out.println("  " + describe(i));
            for (String busy : r.busyProjects()) {
                err.println("baseshift clean: left baseshift/" + busy + ": a comparison of it is running");
            }
            for (String f : r.failures()) err.println("baseshift clean: " + f);
            return r.failures().isEmpty() ? BaseShiftCommand.OK : BaseShiftCommand.BAD_INPUT;
        } catch (EngineException e) {
            err.println("baseshift clean: " + e.getMessage());
            return BaseShiftCommand.NO_ENGINE;
        }
    }

    private static String describe(ImageDetails.Summary i) {
        String hex = i.id().replaceFirst("^sha256:", "");
        return (i.tags().isEmpty() ? "<untagged>" : String.join(", ", i.tags())) + "  "
                + hex.substring(0, Math.min(12, hex.length())) + "  " + dev.baseshift.compare.Sizes.format(i.sizeBytes());
    }
}
