package dev.baseshift.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "compare", description = "Build, measure and probe every variant on the container engine.")
public final class CompareCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 2;
    }
}
