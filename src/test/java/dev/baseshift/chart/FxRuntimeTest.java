package dev.baseshift.chart;

import org.junit.jupiter.api.Test;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** The class-path warning JavaFX prints on every start is kept off the user's terminal; its other warnings are not. */
class FxRuntimeTest {
    @Test
    void onlyTheClassPathWarningIsFilteredOut() {
        FxRuntime.quietClassPathWarning();
        var filter = Logger.getLogger("javafx").getFilter();
        assertThat(filter).isNotNull();
        assertThat(filter.isLoggable(new LogRecord(Level.WARNING, "Unsupported JavaFX configuration: classes were "
                + "loaded from 'unnamed module @69eee410'"))).isFalse();
        assertThat(filter.isLoggable(new LogRecord(Level.WARNING, "Loading FXML document with JavaFX API of version "
                + "22 by JavaFX runtime of version 21"))).isTrue();
    }
}
