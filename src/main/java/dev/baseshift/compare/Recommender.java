package dev.baseshift.compare;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Chooses the smallest built variant that passes every probe, and says why in words. */
public final class Recommender {
    private Recommender() {}

    public static Recommendation recommend(List<VariantResult> results) {
        Optional<VariantResult> best = results.stream()
                .filter(VariantResult::passesAll)
                .min(Comparator.comparingLong(VariantResult::sizeBytes));
        return best.map(b -> new Recommendation(b.variant().tier(), reasonFor(b, results), b.variant().repaired()))
                .orElseGet(() -> new Recommendation(null, whyNone(results)));
    }

    private static String reasonFor(VariantResult best, List<VariantResult> results) {
        String tier = best.variant().label();
        String probes = probeSummary(best);
        if (best.variant().original()) {
            return tier + " (the original) is already the smallest variant that " + probes;
        }
        Optional<VariantResult> original = results.stream().filter(r -> r.variant().original() && r.built())
                .findFirst();
        if (original.isEmpty()) {
            return tier + " is the smallest variant that " + probes + " (the original did not build)";
        }
        long saved = original.get().sizeBytes() - best.sizeBytes();
        return tier + " saves " + Sizes.format(saved) + " (" + Sizes.percent(saved, original.get().sizeBytes()) + ") vs "
                + original.get().variant().tier().id() + " and " + probes;
    }

    private static String probeSummary(VariantResult r) {
        long ran = r.probes().stream().filter(p -> p.outcome() != ProbeOutcome.SKIPPED).count();
        if (ran == 0) return "builds (no probes were run)";
        return "passes " + r.probesPassed() + "/" + ran + (ran == 1 ? " probe" : " probes");
    }

    /** The last line of a builder error is where the cause is ("…: pull access denied", "…returned a non-zero code: 1"). */
    private static String cause(String error) {
        if (error == null || error.isBlank()) return "";
        String[] lines = error.strip().split("\\R");
        String last = lines[lines.length - 1].strip();
        return " (" + (last.length() > 160 ? "…" + last.substring(last.length() - 159) : last) + ")";
    }

    /** "full", "full and slim", "full, slim and alpine". */
    private static String names(List<String> tiers) {
        if (tiers.size() == 1) return tiers.get(0);
        return String.join(", ", tiers.subList(0, tiers.size() - 1)) + " and " + tiers.get(tiers.size() - 1);
    }

    private static String whyNone(List<VariantResult> results) {
        if (results.isEmpty()) return "no variants were compared";
        List<String> reasons = new ArrayList<>();
        java.util.Map<String, Integer> failedAt = new java.util.HashMap<>();
        java.util.Map<String, List<String>> failedTiers = new java.util.HashMap<>();
        for (VariantResult r : results) {
            String tier = r.variant().label();
            switch (r.status()) {
                case BUILT -> {
                    String failed = r.probes().stream()
                            .filter(p -> p.outcome() == ProbeOutcome.FAIL || p.outcome() == ProbeOutcome.ERROR)
                            .map(p -> p.outcome() == ProbeOutcome.ERROR ? p.name() + " (error)" : p.name())
                            .collect(Collectors.joining(", "));
                    reasons.add(tier + " fails " + failed);
                }
                case BUILD_FAILED -> {
                    // variants that failed for the same cause are named together, the cause said once
                    String cause = cause(r.error());
                    Integer at = failedAt.get(cause);
                    if (at == null) {
                        failedAt.put(cause, reasons.size());
                        failedTiers.put(cause, new ArrayList<>(List.of(tier)));
                        reasons.add(tier + " did not build" + cause);
                    } else {
                        failedTiers.get(cause).add(tier);
                        reasons.set(at, names(failedTiers.get(cause)) + " did not build" + cause);
                    }
                }
                case CANCELLED -> reasons.add(tier + " was cancelled");
                case SKIPPED -> reasons.add(tier + " was skipped");
                default -> reasons.add(tier + " did not finish");
            }
        }
        boolean anyBuilt = results.stream().anyMatch(VariantResult::built);
        return (anyBuilt ? "no variant passes every probe: " : "no variant was built: ") + String.join("; ", reasons);
    }
}
