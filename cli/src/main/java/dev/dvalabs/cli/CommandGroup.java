package dev.dvalabs.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that only groups its subcommands ({@code labs appspec}, {@code labs buildspec}...): alone, it prints
 * its usage. A subcommand written as a method of the group prints through {@link #spec}: picocli hands the
 * group's out and err down to its subcommands.
 */
abstract class CommandGroup implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
