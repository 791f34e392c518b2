package dev.baseshift.compare;

import dev.baseshift.catalog.Tier;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The tail of each variant's build log as the comparison streams it: what a failure's diagnosis reads (the
 * builder's error alone often names only the exit code). Thread-safe; a listener to chain before another.
 */
public final class BuildLogs implements Consumer<ComparisonEvent> {
    private final int keep;
    private final Consumer<ComparisonEvent> next;
    private final Map<Tier, Deque<String>> logs = new EnumMap<>(Tier.class);

    /** @param keep lines kept per variant (the last ones) */
    public BuildLogs(int keep, Consumer<ComparisonEvent> next) {
        this.keep = keep;
        this.next = next == null ? e -> { } : next;
    }

    @Override
    public void accept(ComparisonEvent event) {
        if (event instanceof ComparisonEvent.BuildLog b) {
            synchronized (logs) {
                Deque<String> d = logs.computeIfAbsent(b.tier(), t -> new ArrayDeque<>());
                d.addLast(b.line());
                while (d.size() > keep) d.removeFirst();
            }
        } else if (event instanceof ComparisonEvent.VariantStarted s) {
            synchronized (logs) {
                logs.remove(s.tier());
            }
        }
        next.accept(event);
    }

    /** The kept lines of a variant's last build, oldest first. */
    public List<String> lines(Tier tier) {
        synchronized (logs) {
            Deque<String> d = logs.get(tier);
            return d == null ? List.of() : new ArrayList<>(d);
        }
    }
}
