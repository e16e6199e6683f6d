package dev.dvalabs.cli;

import dev.dvalabs.targets.Target;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "env", description = {"Print the shell lines that point the AWS CLI at the target: eval \"$(labs env)\" in bash"
        + " or zsh, labs env --shell fish | source in fish.",
        "On an emulator: its endpoint, region and test credentials, and an aws function that names the endpoint on"
                + " every command (AWS CLI v1 sends SQS to AWS otherwise)."})
final class EnvCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Option(names = "--shell", paramLabel = "SHELL", description = "bash, zsh or fish (default: your login shell's).")
    ShellEnv.Shell shell;

    @Override
    public Integer call() {
        Optional<Target> opened = target.open(TargetOptions.Local.ATTACH, spec.commandLine().getOut());
        if (opened.isEmpty()) {
            spec.commandLine().getErr().println("labs: No local emulator is running; labs deploy <exercise> starts one and keeps it.");
            return ExitCode.TARGET_UNAVAILABLE;
        }
        try (Target t = opened.get()) {
            ShellEnv.lines(t, shell == null ? ShellEnv.ofLoginShell() : shell).forEach(spec.commandLine().getOut()::println);
            return ExitCode.OK;
        }
    }
}
