package dev.dvalabs.cli;

import dev.dvalabs.cdk.Variant;
import dev.dvalabs.deploy.Deployer;
import dev.dvalabs.exercise.Exercise;
import dev.dvalabs.loop.Loop;
import dev.dvalabs.targets.Target;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "deploy", description = "Deploy an exercise's stack (the starter unless --variant solution).")
final class DeployCommand extends ExerciseCommand {

    @Option(names = "--variant", paramLabel = "VARIANT", defaultValue = "starter",
            description = "starter (what you start from) or solution (the reference answer); default: ${DEFAULT-VALUE}.",
            converter = VariantConverter.class)
    Variant variant = Variant.STARTER;

    @Option(names = "--dry-run", description = "Show what would be created or updated, and write nothing.")
    boolean dryRun;

    @Mixin
    NameOverrides names;

    @Override
    public Integer call() throws Exception {
        Map<String, String> overrides = names.of(exercise());
        if (dryRun) {
            return onTarget(TargetOptions.Local.START, t -> {
                new Deployer(t, out()).dryRun(exercise(), variant).forEach(out()::println);
                return ExitCode.OK;
            }, () -> ExitCode.OK);
        }
        return onTarget(TargetOptions.Local.START_AND_KEEP, t -> deploy(exercise(), variant, overrides, t, out(), timings), () -> ExitCode.OK);
    }

    static int deploy(Exercise exercise, Variant variant, Map<String, String> names, Target target, PrintWriter out,
                      Timings timings) {
        Deployer.Deployed deployed = new Loop(target, out).deploy(exercise, variant, names);
        timings.lap("deploy");
        timings.note("synthesis (in deploy)", deployed.synthesis());
        timings.at("first CloudFormation call", deployed.firstCloudFormationCall());
        return ExitCode.OK;
    }
}
