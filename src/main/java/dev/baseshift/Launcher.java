package dev.baseshift;

import dev.baseshift.cli.BaseShiftCommand;
import dev.baseshift.ui.BaseShiftApp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Main-Class of the jar. A plain class (not the JavaFX Application) so the shaded jar starts without the module path.
 * No arguments, or a single folder: the desktop app. Anything else: the command line.
 */
public final class Launcher {
    private static final Set<String> COMMANDS = Set.of("plan", "compare", "help");

    private Launcher() {}

    public static void main(String[] args) {
        if (args.length == 0) {
            BaseShiftApp.launchApp(null);
            return;
        }
        if (args.length == 1 && !args[0].startsWith("-") && !COMMANDS.contains(args[0])) {
            Path folder = Path.of(args[0]);
            if (!Files.isDirectory(folder)) {
                System.err.println("baseshift: not a folder: " + args[0]
                        + " (give a project folder, or a command: plan, compare; --help lists them)");
                System.exit(BaseShiftCommand.BAD_INPUT);
            }
            BaseShiftApp.launchApp(folder);
            return;
        }
        System.exit(BaseShiftCommand.run(args));
    }
}
