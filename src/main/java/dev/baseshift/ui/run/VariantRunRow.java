package dev.baseshift.ui.run;

import dev.baseshift.catalog.Tier;
import dev.baseshift.compare.VariantStatus;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.Locale;

/** One variant of the running comparison: status, progress, elapsed time and its live build log. */
public final class VariantRunRow {
    /** Enough to scroll back through a long build without unbounded memory. */
    static final int MAX_LOG_LINES = 5000;

    private final Tier tier;
    private final String base;
    private final ReadOnlyObjectWrapper<VariantStatus> status = new ReadOnlyObjectWrapper<>(this, "status", VariantStatus.PENDING);
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper(this, "detail", "waiting");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper elapsed = new ReadOnlyStringWrapper(this, "elapsed", "");
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private final ObservableList<String> logReadOnly = FXCollections.unmodifiableObservableList(log);
    private long startedNanos = -1;
    private long finishedNanos = -1;
    int probesDone;
    int probesTotal;

    VariantRunRow(Tier tier, String base, int probesTotal) {
        this.tier = tier;
        this.base = base;
        this.probesTotal = probesTotal;
    }

    public Tier tier() { return tier; }
    public String base() { return base; }
    public ReadOnlyObjectProperty<VariantStatus> statusProperty() { return status.getReadOnlyProperty(); }
    public ReadOnlyStringProperty detailProperty() { return detail.getReadOnlyProperty(); }
    /** 0..1, or -1 while building (indeterminate). */
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }
    public ReadOnlyStringProperty elapsedProperty() { return elapsed.getReadOnlyProperty(); }
    public ObservableList<String> log() { return logReadOnly; }

    public boolean finished() { return status.get().finished(); }

    void started(long now) {
        if (startedNanos < 0) startedNanos = now;
    }

    void status(VariantStatus s, String text, long now) {
        if (s != VariantStatus.PENDING) started(now);
        status.set(s);
        if (text != null && !text.isBlank()) detail.set(text);
        switch (s) {
            case PENDING -> progress.set(0);
            case BUILDING -> progress.set(-1);
            case PROBING -> progress.set(probesTotal == 0 ? 0.9 : 0.5 + 0.5 * probesDone / probesTotal);
            default -> {
                progress.set(1);
                if (finishedNanos < 0) finishedNanos = now;
            }
        }
        tick(now);
    }

    void append(String line) {
        log.add(line);
        if (log.size() > MAX_LOG_LINES) log.remove(0, log.size() - MAX_LOG_LINES);
    }

    void tick(long now) {
        if (startedNanos < 0) return;
        long end = finishedNanos >= 0 ? finishedNanos : now;
        elapsed.set(String.format(Locale.ROOT, "%.1f s", (end - startedNanos) / 1e9));
    }
}
