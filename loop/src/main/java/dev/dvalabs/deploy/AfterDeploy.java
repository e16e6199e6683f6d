package dev.dvalabs.deploy;

import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.cdk.Variant;
import dev.dvalabs.targets.Target;
import java.io.PrintWriter;
import java.util.Optional;

/**
 * A step an exercise needs on the target once its stack is deployed and that a template cannot do
 * without assets, such as uploading a bundle. Optional: the class for exercise
 * {@code codedeploy-appspec-pipeline} is {@code dev.dvalabs.deploy.CodedeployAppspecPipelineAfterDeploy},
 * found by that name like the stack and the verifier; {@code labs deploy} runs it after a deploy succeeded.
 */
public interface AfterDeploy {

    void run(Target target, Variant variant, Deployer.Deployed deployed, PrintWriter out);

    /** The exercise's step, when it has one. */
    static Optional<AfterDeploy> of(String exerciseId) {
        String name = AfterDeploy.class.getPackageName() + "." + ExerciseStack.pascal(exerciseId) + "AfterDeploy";
        try {
            return Optional.of((AfterDeploy) Class.forName(name).getConstructor().newInstance());
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(name + " needs a public no-argument constructor", e);
        }
    }
}
