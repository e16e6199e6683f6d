package dev.dvalabs.cli;

import dev.dvalabs.cdk.Variant;
import dev.dvalabs.deploy.AfterDeploy;
import dev.dvalabs.deploy.DeployException;
import dev.dvalabs.deploy.Deployer;
import dev.dvalabs.exercise.Exercise;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.target.Target;
import java.io.PrintWriter;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "deploy", mixinStandardHelpOptions = true, description = "Deploy an exercise's stack (the starter unless --variant solution).")
final class DeployCommand extends ExerciseCommand {

    @Option(names = "--variant", paramLabel = "VARIANT", defaultValue = "starter",
            description = "starter (what you start from) or solution (the reference answer); default: ${DEFAULT-VALUE}.",
            converter = VariantConverter.class)
    Variant variant = Variant.STARTER;

    @Option(names = "--dry-run", description = "Show what would be created or updated, and write nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        if (dryRun) {
            return onTarget(TargetOptions.Local.START, t -> {
                new Deployer(t, out()).dryRun(exercise(), variant).forEach(out()::println);
                return ExitCode.OK;
            }, () -> ExitCode.OK);
        }
        return onTarget(TargetOptions.Local.START_AND_KEEP, t -> deploy(exercise(), variant, t, out(), timings), () -> ExitCode.OK);
    }

    static int deploy(Exercise exercise, Variant variant, Target target, PrintWriter out, Timings timings) {
        out.println("Deploying the " + variant.label() + " of " + exercise.id() + " (" + exercise.cost().describe() + ")");
        Deployer.Deployed deployed;
        try {
            deployed = new Deployer(target, out).deploy(exercise, variant);
        } catch (AwsServiceException e) {
            // Emulators refuse whole stacks they cannot build; say where to look, not only what they said.
            String said = Fact.messageOf(e);
            throw new DeployException(target.describe() + " refused the " + variant.label() + " stack of " + exercise.id()
                    + ": " + said + (target.endpoint().isPresent()
                    ? " (docs/compatibility.md says which exercises deploy on which emulator)" : ""));
        }
        out.println("Deployed " + deployed.stackName() + " (run " + deployed.runId() + ")");
        timings.lap("deploy");
        timings.note("synthesis (in deploy)", deployed.synthesis());
        timings.at("first CloudFormation call", deployed.firstCloudFormationCall());
        deployed.outputs().forEach((k, v) -> out.println("  " + k + " = " + v));
        AfterDeploy.of(exercise.id()).ifPresent(step -> step.run(target, variant, deployed, out));
        return ExitCode.OK;
    }
}
