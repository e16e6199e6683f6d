package dev.dvalabs.verify;

import java.util.regex.Pattern;

/**
 * Where an emulator is known to get one check wrong: why, and the signature of what the check observes
 * there. A check with a recorded deviation is SKIP only when it does not pass and its observation
 * matches the signature; any other observation, a learner's mistake among them, is judged as on AWS.
 *
 * @param signature a regular expression found in the check's observed text
 */
public record Deviation(String reason, Pattern signature) {

    public Deviation {
        if (reason == null || reason.isBlank() || signature == null || signature.pattern().isBlank()) {
            throw new IllegalArgumentException("a deviation needs a reason and the signature of what it observes");
        }
    }

    public static Deviation of(String reason, String signature) {
        return new Deviation(reason, Pattern.compile(signature));
    }

    /** Whether an observation is the one this deviation produces. */
    public boolean explains(String observed) {
        return observed != null && signature.matcher(observed).find();
    }
}
