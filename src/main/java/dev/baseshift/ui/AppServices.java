package dev.baseshift.ui;

import dev.baseshift.app.BaseLookup;
import dev.baseshift.compare.ComparisonService;
import dev.baseshift.engine.ContainerEngine;
import dev.baseshift.plan.Planner;
import dev.baseshift.repair.Images;
import dev.baseshift.ui.export.ExportViewModel;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What the app's view models use from the layers below, in one place, so tests can run the same view models with a
 * synchronous runner, a temporary recent-projects file or an engine locator that finds nothing.
 *
 * @param planner       called off the FX thread; the app loads the catalog while the toolkit starts
 * @param images        the engine's images as a repair reads them (file indexes without running them)
 * @param sampleProject copies the bundled sample out of the jar and returns its folder
 * @param bases         base facts and tag checks with the engine as the local source (the engine may be null) for a
 *                      platform (null: the engine's own)
 */
public record AppServices(TaskRunner runner, Supplier<Planner> planner, EngineConnector engines,
                          Function<ContainerEngine, ComparisonService> comparisons,
                          Function<ContainerEngine, Images> images,
                          Map<ExportViewModel.Format, ExportViewModel.ReportWriter> reportWriters,
                          ExportViewModel.VariantSaver variantSaver, Callable<Path> sampleProject,
                          RecentProjects recentProjects, LongSupplier clock,
                          java.util.function.BiFunction<ContainerEngine, dev.baseshift.registry.Platform, BaseLookup> bases) {
}
