package dev.baseshift.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baseshift.advice.Finding;
import dev.baseshift.compare.ComparisonResult;
import dev.baseshift.compare.EngineSummary;
import dev.baseshift.compare.LayerMeasure;
import dev.baseshift.compare.ProbeResult;
import dev.baseshift.compare.Recommendation;
import dev.baseshift.compare.RepairOutcome;
import dev.baseshift.diagnosis.Diagnosis;
import dev.baseshift.compare.VariantResult;
import dev.baseshift.dockerfile.Stage;
import dev.baseshift.plan.Plan;
import dev.baseshift.plan.Variant;
import dev.baseshift.registry.BaseFacts;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The JSON contract of ARCHITECTURE.md: {@code plan --json} prints a plan; {@code compare --json} adds the results. */
public final class JsonReport {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private JsonReport() {}

    public static ObjectNode planNode(Plan plan) {
        return planNode(plan, java.util.Map.of());
    }

    /** The plan with each variant's {@code baseFacts} (by variant label) where known. */
    public static ObjectNode planNode(Plan plan, java.util.Map<String, BaseFacts> facts) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("dockerfile", plan.dockerfilePath());
        ArrayNode stages = root.putArray("stages");
        for (Stage s : plan.graph().stages()) {
            ObjectNode n = stages.addObject();
            n.put("index", s.index());
            n.put("name", s.name());
            n.put("base", s.base());
            n.put("line", s.line());
        }
        root.put("finalStage", plan.graph().finalStage());
        ObjectNode base = root.putObject("base");
        base.put("ref", plan.base().ref());
        base.put("family", plan.base().family());
        base.put("tier", plan.base().tier().id());
        base.put("version", plan.base().version());
        if (plan.base().note() != null) base.put("note", plan.base().note());
        ArrayNode variants = root.putArray("variants");
        for (Variant v : plan.variants()) {
            ObjectNode n = variants.addObject();
            variantNode(n, v);
            BaseFacts f = facts.get(v.label());
            if (f != null) baseFactsNode(n.putObject("baseFacts"), f);
        }
        ArrayNode probes = root.putArray("probes");
        plan.probes().forEach(p -> {
            ObjectNode n = probes.addObject();
            n.put("name", p.name());
            n.put("command", p.command());
            n.put("source", p.source());
            n.put("enabled", p.enabled());
        });
        return root;
    }

    private static void variantNode(ObjectNode n, Variant v) {
        n.put("tier", v.tier().id());
        n.put("label", v.label());
        n.put("base", v.base());
        n.put("original", v.original());
        n.put("repaired", v.repaired());
        n.put("custom", v.custom());
        n.put("dockerfile", v.dockerfile());
        ArrayNode findings = n.putArray("findings");
        for (Finding f : v.findings()) {
            ObjectNode fn = findings.addObject();
            fn.put("rule", f.rule());
            fn.put("severity", f.severity().id());
            fn.put("line", f.line());
            fn.put("message", f.message());
            fn.put("fix", f.fix());
        }
    }

    /** The documented {@code baseFacts} object (README, "JSON"). */
    static void baseFactsNode(ObjectNode n, BaseFacts f) {
        n.put("reference", f.reference());
        if (f.source() == null) n.putNull("source"); else n.put("source", f.source().id());
        n.put("digest", f.digest());
        n.put("compressedBytes", f.compressedBytes());
        n.put("sizeBytes", f.sizeBytes());
        n.put("layers", f.layers());
        ArrayNode platforms = n.putArray("platforms");
        f.platforms().forEach(platforms::add);
        n.put("platform", f.platform());
        n.put("platformAvailable", f.platformAvailable());
        n.put("created", f.created());
        n.put("tagExists", f.tagExists());
        n.put("stale", f.stale());
        n.put("readAt", f.readAt());
        n.put("problem", f.problem());
    }

    public static ObjectNode comparisonNode(ComparisonResult result) {
        ObjectNode root = planNode(result.plan());
        ArrayNode variants = root.putArray("variants");
        long originalSize = result.original().filter(VariantResult::built).map(VariantResult::sizeBytes).orElse(-1L);
        for (VariantResult r : result.variants()) {
            ObjectNode n = variants.addObject();
            variantNode(n, r.variant());
            n.put("status", r.status().id());
            n.put("imageId", r.imageId());
            n.put("tag", r.tag());
            if (r.built()) {
                n.put("sizeBytes", r.sizeBytes());
                n.put("baseSizeBytes", r.baseSizeBytes());
                n.put("appSizeBytes", r.appSizeBytes());
                if (originalSize >= 0) n.put("deltaBytes", r.sizeBytes() - originalSize); else n.putNull("deltaBytes");
            } else {
                n.putNull("sizeBytes");
                n.putNull("baseSizeBytes");
                n.putNull("appSizeBytes");
                n.putNull("deltaBytes");
            }
            result.baseFacts(r).ifPresent(f -> baseFactsNode(n.putObject("baseFacts"), f));
            if (r.built()) n.put("pullBytes", result.pullBytes(r).orElse(null));
            n.put("buildSeconds", r.buildSeconds());
            n.put("buildCache", r.buildCache().id());
            n.put("error", r.error());
            ArrayNode layers = n.putArray("layers");
            for (LayerMeasure l : r.layers()) {
                ObjectNode ln = layers.addObject();
                ln.put("index", l.index());
                ln.put("id", l.id());
                ln.put("sizeBytes", l.sizeBytes());
                ln.put("createdBy", l.createdBy());
                ln.put("fromBase", l.fromBase());
            }
            probes(n.putArray("probes"), r.probes());
            if (!r.variant().repaired()) result.repair(r.tier()).ifPresent(o -> repairNode(n, o));
        }
        Recommendation rec = result.recommendation();
        ObjectNode rn = root.putObject("recommendation");
        rn.put("tier", rec.tier() == null ? null : rec.tier().id());
        rn.put("label", rec.label());
        rn.put("repaired", rec.repaired());
        rn.put("reason", rec.reason());
        EngineSummary e = result.engine();
        if (e != null) {
            ObjectNode en = root.putObject("engine");
            en.put("name", e.name());
            en.put("version", e.version());
            en.put("apiVersion", e.apiVersion());
            en.put("endpoint", e.endpoint());
        }
        return root;
    }

    private static void probes(ArrayNode probes, List<ProbeResult> results) {
        for (ProbeResult p : results) {
            ObjectNode pn = probes.addObject();
            pn.put("name", p.name());
            pn.put("command", p.command());
            pn.put("outcome", p.outcome().id());
            if (p.exitCode() == null) pn.putNull("exitCode"); else pn.put("exitCode", p.exitCode());
            pn.put("seconds", p.seconds());
            pn.put("output", p.output());
        }
    }

    /** Why the plain variant failed and what the repair did: {@code diagnoses[]} and {@code repair}. */
    private static void repairNode(ObjectNode n, RepairOutcome o) {
        ArrayNode ds = n.putArray("diagnoses");
        for (Diagnosis d : o.diagnoses()) {
            ObjectNode dn = ds.addObject();
            dn.put("kind", d.kind().id());
            dn.put("evidence", d.evidence());
            dn.put("missing", d.missing());
            if (d.line() > 0) dn.put("line", d.line()); else dn.putNull("line");
            dn.put("probe", d.probe());
            if (d.providedBy() == null) {
                dn.putNull("providedBy");
            } else {
                ObjectNode pb = dn.putObject("providedBy");
                pb.put("path", d.providedBy().path());
                pb.put("package", d.providedBy().packageName());
                pb.put("manager", d.providedBy().manager());
                pb.put("version", d.providedBy().version());
            }
        }
        ObjectNode rn = n.putObject("repair");
        rn.put("proven", o.proven().isPresent());
        rn.put("verdict", o.verdict());
        rn.put("dockerfile", o.patch() == null ? null : o.patch().dockerfile());
        rn.put("patch", o.patch() == null ? null : o.patch().diff());
        ArrayNode un = rn.putArray("unresolved");
        if (o.patch() != null) o.patch().unresolved().forEach(un::add);
        ArrayNode attempts = rn.putArray("attempts");
        for (RepairOutcome.Attempt a : o.attempts()) {
            ObjectNode an = attempts.addObject();
            an.put("round", a.round());
            an.put("status", a.result().status().id());
            if (a.result().built()) an.put("sizeBytes", a.result().sizeBytes()); else an.putNull("sizeBytes");
            an.put("buildSeconds", a.result().buildSeconds());
            an.put("error", a.result().error());
            probes(an.putArray("probes"), a.result().probes());
            ArrayNode found = an.putArray("found");
            for (Diagnosis d : a.found()) found.add(d.kind().id() + (d.missing().isEmpty() ? "" : " " + d.missing()));
        }
    }

    public static void writePlan(Plan plan, Writer out) throws IOException {
        writePlan(plan, java.util.Map.of(), out);
    }

    public static void writePlan(Plan plan, java.util.Map<String, BaseFacts> facts, Writer out) throws IOException {
        MAPPER.writeValue(out, planNode(plan, facts));
        out.write(System.lineSeparator());
        out.flush();
    }

    public static void writeComparison(ComparisonResult result, Writer out) throws IOException {
        MAPPER.writeValue(out, comparisonNode(result));
        out.write(System.lineSeparator());
        out.flush();
    }

    public static void write(ComparisonResult result, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writeComparison(result, w);
        }
    }
}
