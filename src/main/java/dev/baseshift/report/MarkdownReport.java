package dev.baseshift.report;

import dev.baseshift.compare.ComparisonResult;
import dev.baseshift.compare.ProbeOutcome;
import dev.baseshift.compare.ProbeResult;
import dev.baseshift.compare.Recommendation;
import dev.baseshift.compare.RepairOutcome;
import dev.baseshift.diagnosis.Diagnosis;
import dev.baseshift.compare.Sizes;
import dev.baseshift.compare.VariantResult;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A comparison as GitHub-flavoured Markdown, fit for a pull-request comment. Sizes in the Docker CLI's units. */
public final class MarkdownReport {
    static final String PASS = "✓";
    static final String FAIL = "✗";
    static final String ERROR = "⚠";
    static final String NOT_RUN = "–";

    private MarkdownReport() {}

    public static void write(ComparisonResult result, Path file) throws IOException {
        Files.writeString(file, render(result), StandardCharsets.UTF_8);
    }

    public static String render(ComparisonResult result) {
        StringBuilder md = new StringBuilder();
        md.append("### BaseShift: ").append(escape(result.plan().projectSlug()))
                .append(" (").append(code(result.plan().dockerfilePath())).append(")\n\n");
        Recommendation rec = result.recommendation();
        if (rec != null && rec.present()) {
            md.append("**Recommendation: ").append(rec.label()).append("** — ").append(escape(rec.reason()));
        } else {
            md.append("**No recommendation** — ").append(escape(rec == null ? "nothing was compared" : rec.reason()));
        }
        md.append("\n\n");
        variantTable(result, md);
        probeMatrix(result, md);
        problems(result, md);
        repairs(result, md);
        if (result.engine() != null && result.engine().name() != null) {
            md.append("<sub>Measured on ").append(escape(result.engine().name())).append(' ')
                    .append(escape(nullToEmpty(result.engine().version()))).append(" by BaseShift.</sub>\n");
        }
        return md.toString();
    }

    private static void variantTable(ComparisonResult result, StringBuilder md) {
        Optional<VariantResult> original = result.original().filter(VariantResult::built);
        md.append("| Variant | Base image | Status | Size | vs original | Base | App | Layers | Build | Probes |\n");
        md.append("|---|---|---|--:|--:|--:|--:|--:|--:|:-:|\n");
        for (VariantResult v : result.variants()) {
            boolean recommended = result.recommendation() != null && result.recommendation().isFor(v);
            String name = v.variant().label() + (v.variant().original() ? " (original)" : "")
                    + (v.variant().repaired() ? " (repaired)" : "");
            md.append("| ").append(recommended ? "**" + name + "** ⭐" : name)
                    .append(" | ").append(code(v.variant().base()))
                    .append(" | ").append(v.status().id());
            if (v.built()) {
                md.append(" | ").append(Sizes.format(v.sizeBytes()))
                        .append(" | ").append(original.map(o -> delta(v.sizeBytes(), o.sizeBytes())).orElse(NOT_RUN))
                        .append(" | ").append(Sizes.format(v.baseSizeBytes()))
                        .append(" | ").append(Sizes.format(v.appSizeBytes()))
                        .append(" | ").append(v.layers().size());
            } else {
                md.append(" | ").append(NOT_RUN).append(" | ").append(NOT_RUN).append(" | ").append(NOT_RUN)
                        .append(" | ").append(NOT_RUN).append(" | ").append(NOT_RUN);
            }
            long ran = v.probes().stream().filter(p -> p.outcome() != ProbeOutcome.SKIPPED).count();
            md.append(" | ").append(String.format(Locale.ROOT, "%.1f s", v.buildSeconds()))
                    .append(" | ").append(v.built() ? v.probesPassed() + "/" + ran : NOT_RUN).append(" |\n");
        }
        md.append('\n');
    }

    /** "−812MB (−74%)", "+3.1MB (+2.4%)", "±0B" for the original itself. */
    static String delta(long size, long original) {
        long d = size - original;
        if (d == 0) return "±0B";
        String sign = d < 0 ? "−" : "+";
        String pct = original == 0 ? "" : " (" + sign + Sizes.percent(Math.abs(d), original) + ")";
        return sign + Sizes.format(Math.abs(d)) + pct;
    }

    private static void probeMatrix(ComparisonResult result, StringBuilder md) {
        Map<String, String> probes = new LinkedHashMap<>();
        for (VariantResult v : result.variants()) {
            for (ProbeResult p : v.probes()) probes.putIfAbsent(p.name(), p.command());
        }
        if (probes.isEmpty()) return;
        md.append("| Probe |");
        result.variants().forEach(v -> md.append(' ').append(v.variant().label()).append(" |"));
        md.append("\n|---|");
        result.variants().forEach(v -> md.append(":-:|"));
        md.append('\n');
        for (Map.Entry<String, String> probe : probes.entrySet()) {
            md.append("| ").append(code(probe.getValue())).append(" |");
            for (VariantResult v : result.variants()) {
                md.append(' ').append(v.probes().stream().filter(p -> p.name().equals(probe.getKey())).findFirst()
                        .map(p -> symbol(p.outcome())).orElse(NOT_RUN)).append(" |");
            }
            md.append('\n');
        }
        md.append('\n').append(PASS).append(" pass · ").append(FAIL).append(" fail · ").append(ERROR)
                .append(" error or timed out · ").append(NOT_RUN).append(" not run\n\n");
    }

    private static void problems(ComparisonResult result, StringBuilder md) {
        List<VariantResult> failed = result.variants().stream().filter(v -> v.error() != null && !v.built()).toList();
        if (failed.isEmpty()) return;
        md.append("<details><summary>What went wrong</summary>\n\n");
        for (VariantResult v : failed) {
            md.append("- **").append(v.variant().label()).append("** ").append(v.status().id()).append(": ")
                    .append(escape(firstLine(v.error()))).append('\n');
        }
        md.append("\n</details>\n\n");
    }

    /** Per repaired tier: the verdict, the diagnoses with their evidence, and the patch as a diff. */
    private static void repairs(ComparisonResult result, StringBuilder md) {
        for (RepairOutcome o : result.repairs()) {
            String tier = escape(o.tier().id());
            md.append("### Why ").append(tier).append(" failed").append(o.proven().isPresent()
                    ? ", and the fix that passes" : "").append("\n\n");
            md.append("Repair of ").append(tier).append(": ").append(escape(o.verdict())).append("\n\n");
            for (Diagnosis d : o.diagnoses()) {
                md.append("- ").append(escape(d.kind().id()))
                        .append(d.missing().isEmpty() ? "" : " " + code(d.missing()));
                if (d.providedBy() != null) {
                    md.append(" — the original has ").append(code(d.providedBy().path()));
                    if (d.providedBy().packageName() != null) {
                        md.append(" from ").append(escape(d.providedBy().manager())).append(' ')
                                .append(code(d.providedBy().packageName()
                                        + (d.providedBy().version() == null ? "" : " " + d.providedBy().version())));
                    }
                }
                md.append(": ").append(code(d.evidence())).append('\n');
            }
            if (o.patch() != null && o.patch().changes()) {
                String diff = o.patch().diff();
                int longest = 2;
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("`+|~+").matcher(diff);
                while (m.find()) longest = Math.max(longest, m.group().length());
                String fence = "`".repeat(longest + 1);
                md.append('\n').append(fence).append("diff\n").append(diff.strip()).append('\n').append(fence)
                        .append('\n');
            }
            if (o.patch() != null) {
                for (String u : o.patch().unresolved()) md.append("- unresolved: ").append(escape(u)).append('\n');
            }
            md.append('\n');
        }
    }

    static String symbol(ProbeOutcome outcome) {
        return switch (outcome) {
            case PASS -> PASS;
            case FAIL -> FAIL;
            case ERROR -> ERROR;
            case SKIPPED -> NOT_RUN;
        };
    }

    /**
     * Text in a table cell, outside code: no raw pipes, no line breaks, no HTML (so a probe's output or an error
     * cannot inject markup into a pull-request comment), and a backtick cannot open a code span.
     */
    static String escape(String text) {
        return text.replace("\\", "\\\\").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("|", "\\|").replace("`", "\\`").replaceAll("\\s*\\R\\s*", " ");
    }

    /**
     * A code span fenced by a backtick run longer than any inside the text, padded with a space on each side when
     * the text has backticks or starts or ends with one, so no command can close the span early; pipes are escaped
     * for the table (GitHub removes that escape inside code). HTML inside a code span is shown, never rendered.
     */
    static String code(String text) {
        String t = nullToEmpty(text).replace("|", "\\|").replaceAll("\\s*\\R\\s*", " ");
        int longest = 0;
        int run = 0;
        for (int i = 0; i < t.length(); i++) {
            run = t.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(longest + 1);
        boolean pad = longest > 0 || t.startsWith(" ") || t.endsWith(" ");
        return pad ? fence + " " + t + " " + fence : fence + t + fence;
    }

    private static String firstLine(String text) {
        String t = text.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
