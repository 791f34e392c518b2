package dev.baseshift.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** The {@code baseshift} command line: {@code plan}, {@code compare} and {@code clean}. With no command the launcher opens the GUI. */
@Command(name = "baseshift", mixinStandardHelpOptions = true, versionProvider = BaseShiftCommand.Version.class,
        description = "How much would a slimmer base image save, and does the app still work there?",
        subcommands = {PlanCommand.class, CompareCommand.class, CleanCommand.class},
        footer = {"", "Without a command, BaseShift opens the desktop app (on DIR, or on the bundled sample).",
                "Exit codes: 0 done, 1 a --max-size or probe gate failed, 2 bad usage or input, 3 no container engine."})
public final class BaseShiftCommand implements Runnable {

    /** Exit codes of the contract. */
    public static final int OK = 0, GATE_FAILED = 1, BAD_INPUT = 2, NO_ENGINE = 3, ENGINE_LOST = 4;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: plan, compare or clean");
    }

    /** Runs the command line and returns the exit code; never throws, never prints a stack trace. */
    public static int run(String[] args) {
        return run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new BaseShiftCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            // picocli says "option option '--build-arg' (K=V)" for a bad map value
            err.println("baseshift: " + String.valueOf(ex.getMessage()).replace("option option", "option"));
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try 'baseshift " + subcommandName(ex.getCommandLine()) + "--help' for more information.");
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            err.println("baseshift: " + (ex.getMessage() != null ? ex.getMessage() : ex.toString()));
            return BAD_INPUT;
        });
        return cl.execute(args);
    }

    private static String subcommandName(CommandLine cl) {
        return cl.getParent() == null ? "" : cl.getCommandName() + " ";
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = BaseShiftCommand.class.getPackage().getImplementationVersion();
            return new String[] {"BaseShift " + (v != null ? v : "(development build)")};
        }
    }
}
