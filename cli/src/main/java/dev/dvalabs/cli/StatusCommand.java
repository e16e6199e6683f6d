package dev.dvalabs.cli;

import dev.dvalabs.deploy.DeployedStacks;
import dev.dvalabs.destroy.RetainedRoles;
import dev.dvalabs.destroy.Teardown;
import dev.dvalabs.exercise.Catalog;
import dev.dvalabs.report.Shown;
import dev.dvalabs.targets.Target;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
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
        // A tag is whatever a resource carries: only an exercise's id is shown as one, and offered to destroy.
        List<String> ids = Catalog.load().ids();
        try {
            for (Target t : targets) {
                List<DeployedStacks.Deployed> stacks = DeployedStacks.on(t);
                Map<String, List<String>> left = new TreeMap<>(leftBehind(t, out));
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
                retained(t, stacks, ids).forEach(out::println);
                // What a destroy could not remove carries the exercise's tag with no stack to show it.
                left.forEach((exercise, arns) -> {
                    out.println(ids.contains(exercise)
                            ? "  " + exercise + ": left by a destroy that did not finish; " + destroy(exercise)
                                    + " removes it once nothing of yours stands in it:"
                            : "  " + noExercise(exercise) + ":");
                    arns.forEach(arn -> out.println("    " + Shown.line(arn)));
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

    /**
     * What carries an exercise's tag with no stack to show it; a target that refuses to list tagged resources costs
     * one line, not the listing of its stacks.
     */
    private static Map<String, List<String>> leftBehind(Target t, java.io.PrintWriter out) {
        try {
            return new Teardown(t, out).tagged();
        } catch (software.amazon.awssdk.awscore.exception.AwsServiceException e) {
            out.println("  (could not list what a destroy may have left: "
                    + Shown.line(dev.dvalabs.verify.Fact.refusalOf(e)) + ")");
            return Map.of();
        }
    }

    /**
     * The roles an exercise's stack left when it went (CDK retains a RestApi's CloudWatch role), each with the command
     * that removes it: no stack lists them any more, and on AWS they stay in the account.
     */
    private static List<String> retained(Target t, List<DeployedStacks.Deployed> stacks, List<String> ids) {
        Set<String> deployed = stacks.stream().map(DeployedStacks.Deployed::exercise).collect(Collectors.toSet());
        List<RetainedRoles.Role> left;
        try {
            left = RetainedRoles.on(t).stream().filter(r -> !deployed.contains(r.exercise())).toList();
        } catch (software.amazon.awssdk.awscore.exception.AwsServiceException e) {
            // The stacks are the answer status owes; roles it cannot list are said, not a failure.
            return List.of("  (could not list IAM roles a gone stack may have left: "
                    + Shown.line(dev.dvalabs.verify.Fact.messageOf(e)) + ")");
        }
        if (left.isEmpty()) {
            return List.of();
        }
        List<String> lines = new java.util.ArrayList<>(List.of("  left by a stack that is gone (IAM roles, which no stack lists):"));
        left.forEach(r -> lines.add(ids.contains(r.exercise())
                ? "    role " + Shown.line(r.name()) + " of " + r.exercise() + ": " + destroy(r.exercise()) + " removes it"
                : "    role " + Shown.line(r.name()) + ", " + noExercise(r.exercise())));
        return lines;
    }

    private static String destroy(String exercise) {
        return ShellEnv.command() + " destroy " + exercise;
    }

    /** A tag naming no exercise, escaped: the toolkit offers nothing to remove what it cannot call its own. */
    private static String noExercise(String tag) {
        return "tagged for '" + Shown.line(tag) + "', which is no exercise: no labs command removes it";
    }
}
