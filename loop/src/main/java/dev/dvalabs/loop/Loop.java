package dev.dvalabs.loop;

import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.cdk.Variant;
import dev.dvalabs.deploy.Compensations;
import dev.dvalabs.deploy.DeployException;
import dev.dvalabs.deploy.Deployer;
import dev.dvalabs.deploy.RefusedException;
import dev.dvalabs.deploy.StackProgress;
import dev.dvalabs.deploy.Synthesizer;
import dev.dvalabs.deploy.DeployedStacks;
import dev.dvalabs.destroy.LeftByName;
import dev.dvalabs.destroy.Teardown;
import dev.dvalabs.exercise.Exercise;
import dev.dvalabs.targets.LocalEmulator;
import dev.dvalabs.targets.ShutdownHooks;
import dev.dvalabs.targets.Target;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Names;
import dev.dvalabs.verify.Report;
import dev.dvalabs.verify.Session;
import dev.dvalabs.verify.StateDirectory;
import dev.dvalabs.verify.Verification;
import dev.dvalabs.verify.Verifier;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;

/**
 * One run of the loop on one target: deploy (with the exercise's after-deploy step), verify, destroy.
 * {@code labs deploy}, {@code verify}, {@code destroy} and {@code run}, the matrix, the classroom and
 * the tests all go through it, so each does exactly what a learner's command does.
 */
public final class Loop {

    private final Target target;
    private final PrintWriter out;

    public Loop(Target target, PrintWriter out) {
        this.target = target;
        this.out = out;
    }

    /** What {@link #run} found: the checklist, or null when deploy failed, and what destroy left. */
    public record Ran(Deployer.Deployed deployed, Report report, Teardown.Result teardown) {}

    /** Deploys the variant's stack, then runs the exercise's after-deploy step. */
    public Deployer.Deployed deploy(Exercise exercise, Variant variant) {
        return deploy(exercise, variant, Map.of());
    }

    /**
     * Deploys with {@code overrides} laid over the instructions' names, which the template's parameters of
     * the same keys receive (a learner's own email address, say), then runs the after-deploy step.
     */
    public Deployer.Deployed deploy(Exercise exercise, Variant variant, Map<String, String> overrides) {
        ShutdownHooks.Registration interrupted = sayWhatStays(exercise, "Interrupted: what labs deploy created of "
                + exercise.id() + " so far");
        try {
            return deployed(exercise, variant, overrides);
        } finally {
            interrupted.remove();
        }
    }

    private Deployer.Deployed deployed(Exercise exercise, Variant variant, Map<String, String> overrides) {
        Map<String, String> names = names(exercise, overrides);
        out.println("Deploying the " + variant.label() + " of " + exercise.id() + " (" + exercise.cost().describe() + ")");
        Deployer.Deployed deployed;
        try {
            deployed = new Deployer(target, out).deploy(exercise, variant, names);
        } catch (AwsServiceException e) {
            // Emulators refuse whole stacks they cannot build; say where to look, not only what they said.
            throw new DeployException(target.describe() + " refused the " + variant.label() + " stack of " + exercise.id()
                    + ": " + Fact.refusalOf(e) + (target.endpoint().isPresent()
                    ? " (docs/compatibility.md says which exercises deploy on which emulator)" : ""));
        }
        out.println("Deployed " + deployed.stackName() + " (run " + deployed.runId() + ")");
        deployed.outputs().forEach((k, v) -> out.println("  " + k + " = " + v));
        Compensations.apply(target, deployed.stackName(), Synthesizer.template(exercise.lab(), variant, target), out);
        exercise.lab().afterDeploy().ifPresent(step ->
                step.run(target, variant, deployed.stackName(), deployed.outputs(), out));
        return deployed;
    }

    /**
     * Verifies the exercise's resources, found by the instructions' names with {@code overrides} laid
     * over them; a recorded deviation of this target's emulator makes its check SKIP unless it passes.
     * The verify's session undoes its writes when verify ends, however it ends, Ctrl-C included, and first
     * what earlier verifies on this target journaled and left.
     */
    public Report verify(Exercise exercise, Map<String, String> overrides) {
        Names names = Names.of(exercise.names(), names(exercise, overrides));
        target.approveWrites("write and remove the verifier's own test data in " + names.asMap().values());
        Verifier<?> verifier = exercise.lab().verifier();
        Session session = Session.on(target, exercise.id(), names).open();
        try (VerifierCleanup watch = VerifierCleanup.around(session, out)) {
            session.recovered().forEach(w -> out.println("Removed what an earlier verify left: " + w));
            return Verification.run(session, verifier, exercise.deviationsOn(target.emulator().orElse(null)));
        }
    }

    /**
     * One sentence when the exercise does not seem to be deployed on the target, to say before its checklist: no stack
     * of it stands, and nothing stands under the names its templates give. Empty when either is found, and when the
     * learner gave names of their own (--name), as what stands under those names cannot be told here.
     */
    public Optional<String> notDeployed(Exercise exercise, Map<String, String> overrides) {
        if (!overrides.isEmpty() || DeployedStacks.on(target).stream().anyMatch(s -> s.exercise().equals(exercise.id()))
                || !LeftByName.find(target, exercise.lab()).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(exercise.id() + " does not seem to be deployed on " + target.describe() + ": no stack of it and"
                + " none of its named resources were found. Deploy it with labs deploy " + exercise.id()
                + " (or build it by hand under the instructions' names); this verify does not count in labs progress.");
    }

    /** An address SES makes an email identity of: a local part, an @, a domain with a dot; no spaces. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");

    /**
     * The instructions' names with {@code --name} overrides laid over them, each override one of them;
     * the command line calls it before opening the target, so that a bad name is judged as bad input first.
     */
    public static Map<String, String> names(Exercise exercise, Map<String, String> overrides) {
        for (Map.Entry<String, String> override : overrides.entrySet()) {
            if (!exercise.names().containsKey(override.getKey())) {
                throw new BadInputException("--name " + override.getKey() + " is not a resource of " + exercise.id()
                        + "; its names are: " + String.join(", ", exercise.names().keySet()) + ".");
            }
            if (override.getValue() == null || override.getValue().isBlank()) {
                throw new BadInputException("--name " + override.getKey() + "= needs a name after the '='.");
            }
            // A name the instructions give as an email address is one an identity is made of (SES): an
            // emulator would only refuse a stack built on anything else in words that blame itself.
            if (EMAIL.matcher(exercise.names().get(override.getKey())).matches()
                    && !EMAIL.matcher(override.getValue()).matches()) {
                throw new BadInputException("--name " + override.getKey() + "=" + override.getValue()
                        + " is not an email address like you@example.org.");
            }
        }
        Map<String, String> names = new LinkedHashMap<>(exercise.names());
        names.putAll(overrides);
        return names;
    }

    /**
     * Removes the exercise's stacks and whatever still carries its tag, saying what it removed and what still
     * stands: what it could not remove and what the learner made under the exercise's names, each with how to
     * remove it. Only when nothing stands does it say nothing is left; otherwise the result is not clean.
     */
    public Teardown.Result destroy(Exercise exercise) {
        Teardown.Result result = new Teardown(target, out).destroy(exercise.id());
        Session.forget(target, exercise.id(), StateDirectory.verify());
        result.removed().forEach(r -> out.println("  removed " + r));
        List<String> byHand = LeftByName.find(target, exercise.lab());
        if (!byHand.isEmpty()) {
            out.println("Left as they are, made by hand under the exercise's names (destroy removes only what the toolkit"
                    + " made; on AWS they may bill until you remove them):");
            byHand.forEach(r -> out.println("  " + r));
        }
        if (!result.remaining().isEmpty()) {
            out.println("Still there after destroy" + (byHand.isEmpty() ? "" : ", until what you made in it is gone") + ":");
            result.remaining().forEach(r -> out.println("  " + r));
        }
        if (result.clean() && byHand.isEmpty()) {
            out.println("Nothing of " + exercise.id() + " is left on " + target.describe() + ".");
            return result;
        }
        out.println("Destroy did not finish: what is listed above still stands on " + target.describe() + ". Remove"
                + (byHand.isEmpty() ? " it" : " what you made") + ", then run labs destroy " + exercise.id() + " again.");
        return new Teardown.Result(result.removed(),
                java.util.stream.Stream.concat(result.remaining().stream(), byHand.stream()).toList());
    }

    /**
     * Deploy, verify and destroy; destroy runs whatever happened before it. A deploy failure is thrown
     * after the destroy, with a failing destroy added to it. {@code verified} sees the checklist before
     * the destroy starts.
     *
     * @throws RefusedException before writing anything, when either variant of the exercise is deployed
     *     already (the destroy at the end would remove the learner's work), or a learner's resource has
     *     one of the exercise's names
     */
    public Ran run(Exercise exercise, Variant variant, Consumer<Report> verified) {
        return run(exercise, variant, Map.of(), verified);
    }

    /** {@link #run(Exercise, Variant, Consumer)} with {@code --name} overrides for the deploy and the verify. */
    public Ran run(Exercise exercise, Variant variant, Map<String, String> overrides, Consumer<Report> verified) {
        return run(exercise, variant, overrides, () -> { }, verified);
    }

    /** {@link #run(Exercise, Variant, Map, Consumer)}, telling {@code deployed} when the deploy ended and the verify starts. */
    public Ran run(Exercise exercise, Variant variant, Map<String, String> overrides, Runnable deployed,
                   Consumer<Report> verified) {
        names(exercise, overrides); // a wrong --name is refused before anything is written, and nothing destroyed
        refuseExistingDeployment(exercise);
        ShutdownHooks.Registration interrupted = sayWhatStays(exercise, "Interrupted before its destroy: what labs run deployed of "
                + exercise.id());
        try {
            Deployer.Deployed stacks;
            Report report;
            try {
                stacks = deployed(exercise, variant, overrides);
                deployed.run();
                report = verify(exercise, overrides);
                verified.accept(report);
            } catch (RefusedException refused) {
                throw refused; // nothing was written, so nothing is destroyed: what is in the way is the learner's
            } catch (RuntimeException failure) {
                try {
                    destroy(exercise);
                } catch (RuntimeException alsoFailed) {
                    failure.addSuppressed(alsoFailed);
                }
                throw failure;
            }
            return new Ran(stacks, report, destroy(exercise));
        } finally {
            interrupted.remove();
        }
    }

    /**
     * Ctrl-C or SIGTERM ends the JVM before the command is done: where what it deployed outlives it (on
     * AWS, an endpoint or a kept emulator, not a temporary emulator that stops with it), says so, and how
     * to remove it.
     */
    private ShutdownHooks.Registration sayWhatStays(Exercise exercise, String what) {
        return ShutdownHooks.whileTargetsRun(() -> {
            if (!(target instanceof LocalEmulator emulator) || emulator.kept()) {
                out.println(what + " stays on " + target.describe() + "; labs destroy " + exercise.id() + " removes it.");
                out.flush();
            }
        });
    }

    /** A run ends with a destroy, so it must not start on top of a deployment it did not make. */
    private void refuseExistingDeployment(Exercise exercise) {
        try (CloudFormationClient cloudFormation = target.client(CloudFormationClient.builder())) {
            StackProgress progress = StackProgress.on(target, cloudFormation, out);
            for (Variant variant : Variant.values()) {
                String stackName = ExerciseStack.nameOf(exercise.id(), variant);
                if (progress.find(stackName).isPresent()) {
                    throw new RefusedException(stackName + " is already deployed and run would destroy it when it ends,"
                            + " so run left it as it is: check it with labs verify " + exercise.id()
                            + ", or remove it with labs destroy " + exercise.id() + " and run again.");
                }
            }
        }
    }
}
