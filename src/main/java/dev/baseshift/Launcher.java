package dev.baseshift;

import dev.baseshift.cli.BaseShiftCommand;

/**
 * Main-Class of the jar. A plain class (not the JavaFX Application) so the shaded jar starts without the module path.
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) {
        System.exit(BaseShiftCommand.run(args));
    }
}
