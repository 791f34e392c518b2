package dev.baseshift.cli;

/** Entry point of the command line. */
public final class BaseShiftCommand {
    private BaseShiftCommand() {}

    /** Runs the command line and returns the exit code. */
    public static int run(String[] args) {
        return 2;
    }
}
