package dev.baseshift;

import dev.baseshift.app.KeptImages;
import dev.baseshift.engine.DockerEngine;
import dev.baseshift.engine.EngineLocator;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;


/**
 * The tests compare temporary projects, and every comparison keeps its variant images as that project's build cache
 * — a cache nobody will use once the temporary folder is gone. At the end of the test run this removes the kept
 * images of every project whose folder no longer exists, as {@code baseshift clean --gone} does: never those of a
 * project that is still there (yours, or another test run's in progress). Without an engine it does nothing.
 */
public final class TestRunHygiene implements TestExecutionListener {

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        try (DockerEngine engine = EngineLocator.fromSystem().locate()) {
            new KeptImages(engine).removeGone();
        } catch (Exception e) {
            // no engine: the run made no images either
        }
    }
}
