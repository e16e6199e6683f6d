package dev.dvalabs.cli;

import dev.dvalabs.cdk.Variant;
import dev.dvalabs.exercise.Exercise;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true, description = "Deploy an exercise (the solution unless --variant starter), verify it and destroy it.")
final class RunCommand extends ExerciseCommand {

    @Option(names = "--variant", paramLabel = "VARIANT", defaultValue = "solution",
            description = "solution (default) or starter.", converter = VariantConverter.class)
    Variant variant = Variant.SOLUTION;

    @Override
    public Integer call() throws Exception {
        Exercise exercise = exercise();
        return onTarget(TargetOptions.Local.START, t -> {
            int verified;
            try {
                DeployCommand.deploy(exercise, variant, t, out(), timings);
                verified = VerifyCommand.verify(exercise, Map.of(), t, out()).passed() ? ExitCode.OK : ExitCode.CHECKS_FAILED;
                timings.lap("verify");
            } catch (RuntimeException failure) {
                // Whatever went wrong, nothing is left behind; the first failure is the one reported.
                try {
                    DestroyCommand.destroy(exercise, t, out());
                } catch (RuntimeException alsoFailed) {
                    failure.addSuppressed(alsoFailed);
                }
                throw failure;
            }
            int destroyed = DestroyCommand.destroy(exercise, t, out());
            timings.lap("destroy");
            return verified != ExitCode.OK ? verified : destroyed;
        }, () -> ExitCode.TARGET_UNAVAILABLE);
    }
}
