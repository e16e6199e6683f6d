package dev.dvalabs.cli;

import dev.dvalabs.cdk.Variant;
import dev.dvalabs.exercise.Exercise;
import dev.dvalabs.loop.Loop;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run", description = "Deploy an exercise (the solution unless --variant starter), verify it and destroy it;"
        + " refuses (exit 4) while either variant of it is deployed, which it would destroy.")
final class RunCommand extends ExerciseCommand {

    @Override
    boolean destroys() {
        return true;
    }

    @Option(names = "--variant", paramLabel = "VARIANT", defaultValue = "solution",
            description = "solution (default) or starter.", converter = VariantConverter.class)
    Variant variant = Variant.SOLUTION;

    @Mixin
    NameOverrides names;

    @Override
    public Integer call() throws Exception {
        Exercise exercise = exercise();
        Map<String, String> overrides = names.of(exercise);
        return onTarget(TargetOptions.Local.START, t -> {
            // Whatever goes wrong, the loop destroys what it deployed; the first failure is the one reported.
            Loop.Ran ran = new Loop(t, out()).run(exercise, variant, overrides, () -> timings.lap("deploy"), report -> {
                timings.lap("verify");
                ConsoleReport.print(report, t.describe(), out());
            });
            timings.lap("destroy");
            timings.note("synthesis (in deploy)", ran.deployed().synthesis());
            timings.at("first CloudFormation call", ran.deployed().firstCloudFormationCall());
            if (!ran.report().passed()) {
                return ExitCode.CHECKS_FAILED;
            }
            return ran.teardown().clean() ? ExitCode.OK : ExitCode.DEPLOY_FAILED;
        }, () -> ExitCode.TARGET_UNAVAILABLE);
    }
}
