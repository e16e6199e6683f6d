package dev.dvalabs.targets;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Why asking AWS who the learner is failed, in one sentence: no credentials anywhere the SDK looks (its own
 * message lists every provider of the chain, about 1,500 characters), or AWS's endpoint not reachable at all,
 * which is the network or DNS and no sign-in problem.
 */
final class SignInProblem {

    private SignInProblem() {}

    static String sentence(SdkException e, String region) {
        return noCredentials(e).or(() -> unreachable(e, region)).orElseGet(() -> "Could not find who you are in AWS ("
                + firstLine(e.getMessage()) + "); sign in with aws sso login or aws configure, or choose a profile with AWS_PROFILE.");
    }

    private static Optional<String> noCredentials(SdkException e) {
        String message = String.valueOf(e.getMessage());
        if (e instanceof SdkClientException && message.startsWith("Unable to load credentials")) {
            return Optional.of("No AWS credentials were found: sign in with aws sso login --profile NAME and set AWS_PROFILE=NAME,"
                    + " choose a profile of ~/.aws/config with AWS_PROFILE, or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.");
        }
        return Optional.empty();
    }

    private static Optional<String> unreachable(SdkException e, String region) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String why = t instanceof UnknownHostException ? "its name does not resolve"
                    : t instanceof ConnectException ? "nothing answers"
                    : t instanceof NoRouteToHostException ? "there is no route to it"
                    : t instanceof SocketTimeoutException ? "it did not answer in time" : null;
            if (why != null) {
                return Optional.of("AWS's endpoint for " + region + " could not be reached (" + why
                        + "): check the network and DNS; this is no sign-in problem.");
            }
        }
        return Optional.empty();
    }

    private static String firstLine(String text) {
        return text == null ? "no details" : text.lines().findFirst().orElse("no details");
    }
}
