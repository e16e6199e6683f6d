package dev.dvalabs.targets;

/**
 * A value the learner gave for the target is wrong (a region that does not exist, a port out of range,
 * a URL that is not one, a malformed config file, a --port that contradicts the emulator already
 * running): bad input, exit code 2, not an unreachable target. Its message is one sentence.
 */
public class TargetValueException extends TargetException {
    public TargetValueException(String message) {
        super(message);
    }
}
