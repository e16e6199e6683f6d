package dev.dvalabs.cli;

import dev.dvalabs.destroy.Teardown;
import dev.dvalabs.exercise.Exercise;
import dev.dvalabs.target.LocalEmulator;
import dev.dvalabs.target.Target;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;

@Command(name = "destroy", mixinStandardHelpOptions = true, description = "Remove an exercise's stacks and anything left with its tags; safe to run again.")
final class DestroyCommand extends ExerciseCommand {

    @Override
    public Integer call() throws Exception {
        return onTarget(TargetOptions.Local.ATTACH, t -> {
            int code = destroy(exercise(), t, out());
            timings.lap("destroy");
            if (t instanceof LocalEmulator emulator && emulator.kept() && !target.keep && noStacksLeft(t)) {
                emulator.stop();
                LocalEmulator.forget(target.localOptions());
                out().println("Stopped the local emulator: no exercise is deployed on it any more.");
            }
            return code;
        }, () -> {
            out().println("No local emulator is running, so nothing of " + exerciseId + " is left on it.");
            return ExitCode.OK;
        });
    }

    static int destroy(Exercise exercise, Target target, PrintWriter out) {
        Teardown.Result result = new Teardown(target, out).destroy(exercise.id());
        result.removed().forEach(r -> out.println("  removed " + r));
        if (result.clean()) {
            out.println("Nothing of " + exercise.id() + " is left on " + target.describe() + ".");
            return ExitCode.OK;
        }
        out.println("Still there after destroy:");
        result.remaining().forEach(r -> out.println("  " + r));
        return ExitCode.DEPLOY_FAILED;
    }

    private static boolean noStacksLeft(Target target) {
        try (CloudFormationClient cloudFormation = target.client(CloudFormationClient.builder())) {
            return cloudFormation.listStacksPaginator().stackSummaries().stream()
                    .filter(s -> s.stackStatus() != StackStatus.DELETE_COMPLETE)
                    .noneMatch(s -> s.stackName().startsWith("DvaLabs-"));
        }
    }
}
