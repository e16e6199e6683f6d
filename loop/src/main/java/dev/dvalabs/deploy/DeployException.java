package dev.dvalabs.deploy;

/** A deploy or destroy that could not finish; the message names the stack or resource and what to do. */
public class DeployException extends RuntimeException {
    public DeployException(String message) {
        super(message);
    }
}
