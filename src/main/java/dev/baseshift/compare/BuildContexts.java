package dev.baseshift.compare;

import dev.baseshift.engine.BuildContext;
import dev.baseshift.engine.EngineException;
import dev.baseshift.plan.Plan;
import dev.baseshift.plan.Variant;

import java.io.IOException;

/** Makes a plan's build context once per comparison and hands each variant the context with its Dockerfile in it. */
interface BuildContexts {

    /** What a variant builds from: the context and the Dockerfile's path inside it. */
    record ForVariant(BuildContext context, String dockerfile) {}

    interface Opened {
        ForVariant forVariant(Variant variant) throws IOException, EngineException;
    }

    Opened open(Plan plan) throws IOException, EngineException;

    BuildContexts DEFAULT = plan -> {
        throw new EngineException("build contexts need the engine package's BuildContext");
    };
}
