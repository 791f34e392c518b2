package dev.baseshift.cli;

import dev.baseshift.catalog.Tier;
import dev.baseshift.compare.ComparisonEvent;
import dev.baseshift.compare.ProbeOutcome;
import dev.baseshift.compare.Sizes;
import dev.baseshift.compare.VariantResult;
import dev.baseshift.compare.VariantStatus;
import dev.baseshift.plan.Variant;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Shows a comparison's progress. On a terminal one line per variant is redrawn in place (status, elapsed time,
 * the latest build step); otherwise each step is printed once as a plain line, fit for CI logs.
 */
final class ProgressDisplay implements Consumer<ComparisonEvent> {
    private static final long REDRAW_MILLIS = 100;
    private static final int WIDTH = 100;

    private final PrintWriter out;
    private final boolean live;
    private final Map<Tier, Row> rows = new LinkedHashMap<>();
    private final java.util.Set<String> warnings = new java.util.LinkedHashSet<>();
    private int drawnLines;
    private long lastDraw;

    ProgressDisplay(PrintWriter out, boolean live, List<Variant> variants) {
        this.out = out;
        this.live = live;
        for (Variant v : variants) rows.put(v.tier(), new Row(v.tier().id()));
        if (live) draw();
    }

    private static final class Row {
        final String tier;
        String status = "waiting";
        String detail = "";
        long startNanos;
        double seconds = -1;

        Row(String tier) { this.tier = tier; }
    }

    @Override
    public synchronized void accept(ComparisonEvent event) {
        if (event instanceof ComparisonEvent.VariantStarted e) {
            Row r = rows.get(e.tier());
            r.startNanos = System.nanoTime();
            r.status = "building";
        } else if (event instanceof ComparisonEvent.StatusChanged e) {
            Row r = rows.get(e.tier());
            if (!e.status().finished()) {
                r.status = e.status() == VariantStatus.PROBING ? "probing" : e.status().id();
                if (e.detail() != null) r.detail = e.detail();
                plain(r.tier + ": " + r.status + (e.detail() != null ? " " + e.detail() : ""));
            }
        } else if (event instanceof ComparisonEvent.BuildLog e) {
            String line = e.line().strip();
            if (!line.isEmpty()) rows.get(e.tier()).detail = line;
            if (line.startsWith("warning: ")) {
                if (live) warnings.add(rows.get(e.tier()).tier + ": " + line);
                plain(rows.get(e.tier()).tier + ": " + line);
            }
        } else if (event instanceof ComparisonEvent.BuildFinished e) {
            plain(rows.get(e.tier()).tier + ": " + (e.cached() ? "cached (inputs unchanged; not built again)"
                    : e.success() ? String.format(Locale.ROOT, "built in %.1f s", e.seconds())
                    : "build failed (the cause follows in the summary)"));
            if (e.cached()) rows.get(e.tier()).status = "cached";
        } else if (event instanceof ComparisonEvent.Notice e) {
            if (live) warnings.add(e.message());
            out.println(e.message());
            out.flush();
        } else if (event instanceof ComparisonEvent.ProbeFinished e) {
            Row r = rows.get(e.tier());
            r.detail = "probe " + e.probe().name() + ": " + e.probe().outcome().id();
            plain(r.tier + ": " + r.detail + (e.probe().outcome() == ProbeOutcome.PASS ? ""
                    : " — " + lastLine(e.probe().output())));
        } else if (event instanceof ComparisonEvent.VariantFinished e) {
            VariantResult v = e.result();
            Row r = rows.get(v.variant().tier());
            r.status = v.status().id();
            r.seconds = r.startNanos == 0 ? 0 : (System.nanoTime() - r.startNanos) / 1e9;
            r.detail = summary(v);
            // a build's cause is said once, in the summary; a short reason (cancelled, skipped) here
            boolean failedBuild = v.status() == dev.baseshift.compare.VariantStatus.BUILD_FAILED;
            plain(r.tier + ": " + r.status + (failedBuild || r.detail == null || r.detail.equals(r.status) ? ""
                    : " — " + r.detail));
        } else if (event instanceof ComparisonEvent.ComparisonFinished) {
            if (live) {
                draw();
                warnings.forEach(out::println);
                out.flush();
            }
            return;
        }
        if (live) {
            long now = System.currentTimeMillis();
            boolean minor = event instanceof ComparisonEvent.BuildLog;
            if (!minor || now - lastDraw >= REDRAW_MILLIS) draw();
        }
    }

    static String summary(VariantResult v) {
        if (v.built()) {
            long ran = v.probes().stream().filter(p -> p.outcome() != ProbeOutcome.SKIPPED).count();
            return Sizes.format(v.sizeBytes()) + (v.cached() ? " (cached)" : "") + ", probes " + v.probesPassed() + "/"
                    + ran + " passed";
        }
        return firstLine(v.error());
    }

    private void plain(String line) {
        if (live) return;
        out.println(line);
        out.flush();
    }

    /** Moves the cursor back over the previous frame and rewrites every row, each cleared first. */
    private void draw() {
        StringBuilder sb = new StringBuilder();
        if (drawnLines > 0) sb.append("\033[").append(drawnLines).append('F');
        for (Row r : rows.values()) {
            double secs = r.seconds >= 0 ? r.seconds : r.startNanos == 0 ? 0 : (System.nanoTime() - r.startNanos) / 1e9;
            String time = r.startNanos == 0 ? "" : String.format(Locale.ROOT, "%5.1f s", secs);
            String head = String.format(Locale.ROOT, "  %-11s %-13s %8s  ", r.tier, r.status, time);
            String detail = r.detail;
            int room = WIDTH - head.length();
            if (detail.length() > room) {
                // a builder's error says what went wrong at its end ("exec: python3: not found"), a log line at its start
                detail = r.status.equals("build-failed") ? "…" + detail.substring(detail.length() - room + 1)
                        : detail.substring(0, room - 1) + "…";
            }
            String line = head + detail;
            sb.append("\033[2K").append(line).append('\n');
        }
        drawnLines = rows.size();
        lastDraw = System.currentTimeMillis();
        out.print(sb);
        out.flush();
    }

    /** The last non-blank line: where a traceback says what went wrong. */
    private static String lastLine(String text) {
        if (text == null) return "";
        String[] lines = text.strip().split("\\R");
        return lines[lines.length - 1].strip();
    }

    private static String firstLine(String text) {
        if (text == null) return "";
        String t = text.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }
}
