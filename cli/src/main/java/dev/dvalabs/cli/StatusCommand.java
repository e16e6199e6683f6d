package dev.dvalabs.cli;

import dev.dvalabs.deploy.DeployedStacks;
import dev.dvalabs.destroy.Teardown;
import dev.dvalabs.targets.Target;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
                Map<String, List<String>> left = new TreeMap<>(new Teardown(t, out).tagged());
                stacks.forEach(s -> left.remove(s.exercise()));
                out.println(t.describe() + ": " + (!stacks.isEmpty() ? stacks.size() + " stack(s)"
                        : left.isEmpty() ? "nothing deployed." : "no stack deployed."));
                // Columns as wide as their longest entry: an exercise id or stack name of any length stays in line.
                int id = stacks.stream().mapToInt(s -> s.exercise().length()).max().orElse(0);
                int stack = stacks.stream().mapToInt(s -> s.stackName().length()).max().orElse(0);
                for (DeployedStacks.Deployed s : stacks) {
                    out.printf(Locale.ROOT, "  %-" + id + "s  %-8s  %-" + stack + "s  %-16s %s ago%n", s.exercise(), s.variant(),
                            s.stackName(), s.status(), DeployedStacks.age(s.age()));
                }
                // What a destroy could not remove carries the exercise's tag with no stack to show it.
                left.forEach((exercise, arns) -> {
                    out.println("  " + exercise + ": left by a destroy that did not finish; labs destroy " + exercise
                            + " removes it once nothing of yours stands in it:");
                    arns.forEach(arn -> out.println("    " + arn));
                });
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
