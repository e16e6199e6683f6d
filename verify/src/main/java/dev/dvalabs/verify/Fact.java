package dev.dvalabs.verify;

import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * One observation: the value seen, or the answer AWS gave instead. A refusal by the service is a fact
 * about the learner's resources (a missing table, a refused query) and fails the checks that need it;
 * a target that does not offer the service at all is no fact about them, and skips those checks;
 * anything else (no connection, a bug) is left to propagate and becomes ERROR.
 */
public final class Fact<T> {

    private final T value;
    private final String refusal;
    private final boolean unavailable;
    private final boolean withheld;
    private final boolean missing;

    /**
     * How an observation the target refused begins in a report. A report on a target that is not AWS says who
     * refused instead ({@link Verification}): an emulator is not AWS, and a learner reading "AWS refused" there
     * looks in the wrong place.
     */
    public static final String AWS_REFUSED = "AWS refused: ";

    private Fact(T value, String refusal, boolean unavailable) {
        this(value, refusal, unavailable, false, false);
    }

    private Fact(T value, String refusal, boolean unavailable, boolean withheld, boolean missing) {
        this.value = value;
        this.refusal = refusal;
        this.unavailable = unavailable;
        this.withheld = withheld;
        this.missing = missing;
    }

    public static <T> Fact<T> of(T value) {
        return new Fact<>(value, null, false);
    }

    public static <T> Fact<T> refused(String refusal) {
        return new Fact<>(null, refusal, false);
    }

    /** The target has no such service (an emulator that does not emulate it): the checks on it are SKIP. */
    public static <T> Fact<T> unavailable(String reason) {
        return new Fact<>(null, reason, true);
    }

    /**
     * Not observed on purpose, to leave a learner's data as it is (a queue holding messages of the learner's,
     * which a receive would count towards their dead-letter queue): the checks on it FAIL saying {@code why},
     * what to do included, and never PASS on a guess.
     */
    public static <T> Fact<T> withheld(String why) {
        return new Fact<>(null, why, false, true, false);
    }

    /**
     * Nothing to observe, as the verifier found by looking ("no REST API named orders"): not an answer the target
     * refused with, so the checks on it FAIL with {@code what} alone. It is refused in every other respect.
     */
    public static <T> Fact<T> missing(String what) {
        return new Fact<>(null, what, false, false, true);
    }

    /** This fact's refusal, unavailability, withholding or absence, for a fact of another type derived from it. */
    private <U> Fact<U> carried() {
        return new Fact<>(null, refusal, unavailable, withheld, missing);
    }

    /** The observation a refused fact gives a check: what the target answered, or what the verifier found missing. */
    String refusedAs() {
        return missing ? refusal : AWS_REFUSED + refusal;
    }

    /** Another fact's refusal or unavailability, for a fact that could not be observed because of it. */
    public <U> Fact<U> as() {
        if (refusal == null) {
            throw new IllegalStateException("observation was not refused: " + value);
        }
        return carried();
    }

    /**
     * Observes through one service of a target; an answer that the target does not offer that service
     * becomes {@link #unavailable} with the reason "{@code service} is not available on {@code where}".
     */
    public static <T> Fact<T> observe(String service, String where, Supplier<T> observation) {
        try {
            return of(observation.get());
        } catch (AwsServiceException e) {
            return serviceMissing(e) ? unavailable(service + " is not available on " + where) : refused(refusalOf(e));
        }
    }

    /**
     * Whether an answer says the service itself is missing, rather than refusing a request to it: ministack
     * answers {@code 400 {"error": "Unsupported service: codedeploy"}}, LocalStack 501 with "not yet
     * emulated" or "not included in your current license plan", others 501 or UnknownOperationException.
     */
    static boolean serviceMissing(AwsServiceException e) {
        String body = e.awsErrorDetails() == null || e.awsErrorDetails().rawResponse() == null ? ""
                : e.awsErrorDetails().rawResponse().asUtf8String();
        String said = body + " " + e.getMessage();
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return said.contains("Unsupported service") || said.contains("not yet been emulated")
                || said.contains("not yet implemented") || said.contains("not included in your current license plan")
                || "UnknownOperationException".equals(code) || e.statusCode() == 501;
    }

    /**
     * Observes through AWS, keeping a service refusal as the fact, prefixed with what was asked about
     * ("queue dva-labs-billing: AWS.SimpleQueueService.NonExistentQueue: ..."), so that the checklist
     * names the resource that is missing or refused.
     */
    public static <T> Fact<T> about(String subject, Supplier<T> observation) {
        try {
            return of(observation.get());
        } catch (AwsServiceException e) {
            return refused(subject + ": " + refusalOf(e));
        }
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
        String message = messageOf(e);
        if (code == null && (message == null || message.isBlank())) {
            // An answer that is no AWS error at all (moto's HTML page for an operation it lacks): its status is all it says.
            return "HTTP " + e.statusCode() + " without an AWS error";
        }
        return (code == null ? "" : code + ": ") + (message == null ? "" : message);
    }

    /** What the service said, without the SDK's request ids and attempt counts. */
    public static String messageOf(AwsServiceException e) {
        return e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
    }

    /**
     * A fact observed only when this one was: {@code next} gets the value, and a refusal or unavailability
     * of this fact stays the answer (a queue's messages, once its URL is known).
     */
    public <U> Fact<U> then(Function<? super T, Fact<U>> next) {
        return refusal != null ? carried() : next.apply(value);
    }

    /** A value computed from this fact's, or its refusal. */
    public <U> Fact<U> map(Function<? super T, ? extends U> f) {
        return refusal != null ? carried() : of(f.apply(value));
    }

    /**
     * This fact, or when it was refused the one {@code other} observes (the same thing through another API);
     * both refused is one refusal about {@code subject} saying both.
     */
    public Fact<T> or(String subject, Supplier<Fact<T>> other) {
        if (refusal == null) {
            return this;
        }
        Fact<T> second = other.get();
        return second.refusal == null ? second : refused(subject + ": " + refusal + "; " + second.refusal);
    }

    /** The value, or {@code other} when the observation was refused or the service is missing (a key to send, if any). */
    public T orElse(T other) {
        return refusal != null ? other : value;
    }

    /**
     * A named property of the observed value, for a {@link Matcher} to judge; a refused or unavailable
     * observation stays so.
     */
    public <V> Its<V> its(String name, Function<? super T, ? extends V> property) {
        Fact<V> derived = refusal != null ? carried() : of(property.apply(value));
        return new Its<>(name, derived);
    }

    /** The observed value itself, under a name, for a {@link Matcher} to judge. */
    public Its<T> its(String name) {
        return new Its<>(name, this);
    }

    /** Judges the value; a refused observation fails with what the target said (or what is missing) and the expectation given. */
    public CheckResult judge(String expected, Function<T, CheckResult> judgement) {
        if (unavailable) {
            return CheckResult.skip(refusal);
        }
        if (withheld) {
            return CheckResult.fail(refusal, expected);
        }
        return refusal != null ? CheckResult.fail(refusedAs(), expected) : judgement.apply(value);
    }

    /** Whether the target lacks the service this fact is about. */
    public boolean unavailable() {
        return unavailable;
    }

    /** Whether the verifier chose not to observe this, to leave a learner's data as it is ({@link #withheld}). */
    public boolean withheld() {
        return withheld;
    }

    public boolean refused() {
        return refusal != null;
    }

    /** Whether the verifier found nothing to observe ({@link #missing}), rather than the target refusing. */
    public boolean missing() {
        return missing;
    }

    /** What AWS answered instead of a value (or what was missing); null when the observation was not refused. */
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
        return unavailable ? "unavailable(" + refusal + ")" : withheld ? "withheld(" + refusal + ")"
                : refusal != null ? "refused(" + refusal + ")" : String.valueOf(value);
    }
}
