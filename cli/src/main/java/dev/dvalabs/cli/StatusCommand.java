package dev.dvalabs.cli;

import dev.dvalabs.deploy.DeployedStacks;
import dev.dvalabs.targets.Target;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "status", description = "List what the toolkit has deployed on the target, with its age.")
final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        List<Target> targets = target.openAll(out);
        if (targets.isEmpty()) {
            out.println("No local emulator is running, so nothing is deployed on it.");
            return ExitCode.OK;
        }
        try {
            for (Target t : targets) {
                List<DeployedStacks.Deployed> stacks = DeployedStacks.on(t);
                out.println(t.describe() + ": " + (stacks.isEmpty() ? "nothing deployed." : stacks.size() + " stack(s)"));
                for (DeployedStacks.Deployed s : stacks) {
                    out.printf(Locale.ROOT, "  %-20s %-9s %-36s %-16s %s ago%n", s.exercise(), s.variant(), s.stackName(), s.status(), DeployedStacks.age(s.age()));
                }
                if (t.endpoint().isPresent()) {
                    ShellEnv.howToUse(t).forEach(out::println);
                }
            }
            return ExitCode.OK;
        } finally {
            targets.forEach(Target::close);
        }
    }
}
