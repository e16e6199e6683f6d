package dev.dvalabs.probe;

import dev.dvalabs.verify.Fact;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** For calls whose refusal is itself the fact a check wants: "accepted", or what the service said. */
public final class Answers {

    public static final String ACCEPTED = "accepted";

    private Answers() {}

    /** {@link #ACCEPTED} when the call went through, else the service's error code and message. */
    public static String of(Runnable call) {
        try {
            call.run();
            return ACCEPTED;
        } catch (AwsServiceException e) {
            return Fact.refusalOf(e);
        }
    }
}
