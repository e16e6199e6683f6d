package dev.dvalabs.targets;

/** A target could not be started, reached or trusted. Its message is one sentence a learner can act on. */
public class TargetException extends RuntimeException {
    public TargetException(String message) {
        super(message);
    }

    public TargetException(String message, Throwable cause) {
        super(message, cause);
    }
}
