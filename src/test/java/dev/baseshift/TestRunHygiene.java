package dev.baseshift;

import dev.baseshift.app.KeptImages;
import dev.baseshift.engine.DockerEngine;
import dev.baseshift.engine.EngineLocator;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

import java.util.Set;

/**
 * The tests compare temporary projects, and every comparison keeps its variant images as that project's build cache
 * — a cache nobody will use once the temporary folder is gone. At the end of the test run this removes the kept
 * images of every project that had none when the run started, the way {@code baseshift clean} would; the caches of
 * projects that existed before (your own) are left alone. Without an engine it does nothing.
 */
public final class TestRunHygiene implements TestExecutionListener {

    private Set<String> before;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        try (DockerEngine engine = EngineLocator.fromSystem().locate()) {
            before = new KeptImages(engine).list(null).projects();
        } catch (Exception e) {
            before = null; // no engine: the run makes no images either
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (before == null) return;
        try (DockerEngine engine = EngineLocator.fromSystem().locate()) {
            KeptImages kept = new KeptImages(engine);
            for (String project : kept.list(null).projects()) {
                if (!before.contains(project)) kept.remove(project);
            }
        } catch (Exception e) {
            System.err.println("TestRunHygiene: could not remove the test projects' images: " + e.getMessage());
        }
    }
}
