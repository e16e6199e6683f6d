package dev.dvalabs.lab;

import dev.dvalabs.cdk.Variant;
import dev.dvalabs.targets.Target;
import java.io.PrintWriter;
import java.util.Map;

/**
 * A step an exercise needs on the target once its stack is deployed and that a template cannot do
 * without assets, such as uploading a bundle. Every deploy runs it right after the stack is up, whoever
 * asks for the deploy: {@code labs deploy}, {@code labs run}, the matrix, the classroom or a test.
 */
@FunctionalInterface
public interface AfterDeploy {

    /**
     * @param stackName the stack just deployed
     * @param outputs its outputs, by key
     */
    void run(Target target, Variant variant, String stackName, Map<String, String> outputs, PrintWriter out);

    /** This step, then {@code next}: a step both variants need, followed by one of the solution's own. */
    default AfterDeploy andThen(AfterDeploy next) {
        return (target, variant, stackName, outputs, out) -> {
            run(target, variant, stackName, outputs, out);
            next.run(target, variant, stackName, outputs, out);
        };
    }
}
