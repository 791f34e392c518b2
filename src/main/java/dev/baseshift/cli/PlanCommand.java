package dev.baseshift.cli;

import dev.baseshift.advice.Finding;
import dev.baseshift.dockerfile.Stage;
import dev.baseshift.plan.Plan;
import dev.baseshift.plan.Probe;
import dev.baseshift.plan.Variant;
import dev.baseshift.report.JsonReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import dev.baseshift.app.BaseFactsText;
import dev.baseshift.engine.ContainerEngine;
import dev.baseshift.engine.EngineException;
import dev.baseshift.registry.BaseFacts;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Show the base, the slimmer variants and what is likely to break. Needs no container engine.")
public final class PlanCommand implements Callable<Integer> {

    @Mixin
    PlanOptions options;

    @Option(names = "--json", description = "Print the plan as JSON (the documented contract).")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        options.checkOptions();
        Plan plan = options.plan(options.lookup(null));
        PrintWriter out = spec.commandLine().getOut();
        for (String w : options.missingTiers(plan)) spec.commandLine().getErr().println("baseshift plan: warning: " + w);
        // an engine that answers gives exact local sizes; none is needed
        Map<String, BaseFacts> facts;
        ContainerEngine engine = null;
        try {
            engine = Engines.locate();
        } catch (EngineException e) {
            // no engine: the registry's facts only
        }
        try {
            facts = options.lookup(engine).facts(plan);
        } finally {
            if (engine != null) engine.close();
        }
        if (json) {
            JsonReport.writePlan(plan, facts, out);
        } else {
            printText(plan, facts, out);
        }
        return BaseShiftCommand.OK;
    }

    static void printText(Plan plan, PrintWriter out) {
        printText(plan, Map.of(), out);
    }

    static void printText(Plan plan, Map<String, BaseFacts> facts, PrintWriter out) {
        out.printf("Project:    %s%n", plan.projectDir());
        out.printf("Dockerfile: %s (%d stage%s)%n", plan.dockerfilePath(), plan.graph().stages().size(),
                plan.graph().stages().size() == 1 ? "" : "s");
        for (Stage s : plan.graph().stages()) {
            out.printf("  %s stage %d%s  FROM %s  (line %d)%n", s.index() == plan.graph().finalStage() ? "*" : " ",
                    s.index(), s.name() != null ? " \"" + s.name() + "\"" : "", s.base(), s.line());
        }
        out.printf("Base:       %s  — %s%n", plan.base().ref(), plan.base().note() != null ? plan.base().note()
                : plan.base().family() == null ? "unknown family (add tiers with --base TIER=IMAGE)"
                : "family " + plan.base().family() + ", tier " + plan.base().tier().id()
                        + (plan.base().version() != null ? ", version " + plan.base().version() : ""));
        out.println();
        out.println("Variants:");
        int width = plan.variants().stream().mapToInt(v -> v.base().length()).max().orElse(10);
        for (Variant v : plan.variants()) {
            out.printf("  %-11s %-" + width + "s  %s%n", v.tier().id(), v.base(), summary(v));
            BaseFacts known = facts.get(v.label());
            if (known != null) out.printf("      base    %s%n", BaseFactsText.line(known, false));
            for (Finding f : v.findings()) {
                out.printf("      %-7s line %-4s %s%n", f.severity().id(), f.line() > 0 ? f.line() : "-", f.message());
                if (f.fix() != null && !f.fix().isBlank()) out.printf("                     fix: %s%n", f.fix());
            }
        }
        for (String problem : BaseFactsText.problems(facts.values())) out.printf("  (registry: %s)%n", problem);
        out.println();
        out.println("Probes:");
        for (Probe p : plan.probes()) {
            out.printf("  %s %-24s %s  (%s)%n", p.enabled() ? "+" : "-", p.name(), p.command(), p.source());
        }
        out.flush();
    }

    private static String summary(Variant v) {
        if (v.original()) return "(original)" + (v.findings().isEmpty() ? "" : " " + counts(v));
        return v.findings().isEmpty() ? "no problems predicted" : counts(v) + (v.custom() ? " (your image)" : "");
    }

    private static String counts(Variant v) {
        long e = v.findings().stream().filter(f -> f.severity() == dev.baseshift.advice.Severity.ERROR).count();
        long w = v.findings().stream().filter(f -> f.severity() == dev.baseshift.advice.Severity.WARNING).count();
        long i = v.findings().size() - e - w;
        StringBuilder sb = new StringBuilder();
        if (e > 0) sb.append(e).append(e == 1 ? " error" : " errors");
        if (w > 0) sb.append(sb.length() > 0 ? ", " : "").append(w).append(w == 1 ? " warning" : " warnings");
        if (i > 0) sb.append(sb.length() > 0 ? ", " : "").append(i).append(" note").append(i == 1 ? "" : "s");
        return sb.toString();
    }
}
