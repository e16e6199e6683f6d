package dev.dvalabs.deploy;

/**
 * A deploy refused before it wrote anything (a deployment or a learner's resource is in the way), so
 * there is nothing of it to clean up: {@code run} does not destroy after it. Exit code 4, like every
 * deploy that did not finish.
 */
public class RefusedException extends DeployException {
    public RefusedException(String message) {
        super(message);
    }
}
