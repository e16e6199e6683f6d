package dev.dvalabs.policy;

/**
 * A policy document that is not JSON, not an IAM policy, or uses what this evaluator cannot decide.
 * The message is one sentence fit for a check's report; no cause is attached because the parser's
 * own exceptions carry source positions and stack text that mean nothing to a learner.
 */
public final class PolicyException extends IllegalArgumentException {

    public PolicyException(String message) {
        super(message);
    }
}
