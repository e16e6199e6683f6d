package dev.dvalabs.verify;

import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * One observation: the value seen, or the answer AWS gave instead. A refusal by the service is a fact
 * about the learner's resources (a missing table, a refused query) and fails the checks that need it;
 * anything else (no connection, a bug) is left to propagate and becomes ERROR.
 */
public final class Fact<T> {

    private final T value;
    private final String refusal;

    private Fact(T value, String refusal) {
        this.value = value;
        this.refusal = refusal;
    }

    public static <T> Fact<T> of(T value) {
        return new Fact<>(value, null);
    }

    public static <T> Fact<T> refused(String refusal) {
        return new Fact<>(null, refusal);
    }

    /** Observes through AWS, keeping a service refusal as the fact. */
    public static <T> Fact<T> observe(Supplier<T> observation) {
        try {
            return of(observation.get());
        } catch (AwsServiceException e) {
            return refused(refusalOf(e));
        }
    }

    /** How a service refusal reads in a report: its error code and message, without request ids. */
    public static String refusalOf(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
        return (code == null ? "" : code + ": ") + (message == null ? "" : message);
    }

    /** Judges the value; a refused observation fails with what AWS said and the expectation given. */
    public CheckResult judge(String expected, Function<T, CheckResult> judgement) {
        return refusal != null ? CheckResult.fail("AWS refused: " + refusal, expected) : judgement.apply(value);
    }

    public boolean refused() {
        return refusal != null;
    }

    /** What AWS answered instead of a value; null when the observation was not refused. */
    public String refusal() {
        return refusal;
    }

    public T value() {
        if (refusal != null) {
            throw new IllegalStateException("observation was refused: " + refusal);
        }
        return value;
    }

    @Override
    public String toString() {
        return refusal != null ? "refused(" + refusal + ")" : String.valueOf(value);
    }
}
