package dev.dvalabs.targets;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/** An emulator that is already running somewhere, reached at its URL; nothing to start or stop. */
public final class EndpointTarget implements Target {

    public static final String NAME = "endpoint";

    /** Enough attempts that a dropped connection is retried, few enough that a dead endpoint is said at once. */
    private static final int PROBE_ATTEMPTS = 4;
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

    private final URI endpoint;
    private final Region region;
    private Optional<String> emulator;

    private EndpointTarget(URI endpoint, Region region) {
        this.endpoint = endpoint;
        this.region = region;
    }

    /**
     * The endpoint given with {@code --endpoint}, or else {@code AWS_ENDPOINT_URL} as the AWS CLI and
     * SDKs read it.
     */
    public static EndpointTarget at(String endpoint, String awsEndpointUrl, Region region) {
        String url = endpoint != null && !endpoint.isBlank() ? endpoint : awsEndpointUrl;
        if (url == null || url.isBlank()) {
            throw new TargetValueException("--target endpoint needs --endpoint URL (or AWS_ENDPOINT_URL),"
                    + " for example --endpoint http://localhost:4566.");
        }
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new TargetValueException("'" + ShownUrl.masked(url) + "' is not a URL; give one like http://localhost:4566.");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new TargetValueException("'" + ShownUrl.masked(url) + "' is not an http(s) URL; give one like http://localhost:4566.");
        }
        // Kept without its user-info, so that no description or error of this target can show a password.
        return new EndpointTarget(ShownUrl.withoutUserInfo(uri), region);
    }

    /**
     * Makes sure the endpoint speaks the AWS API before a command uses it: STS GetCallerIdentity must
     * come back as an answer or as an AWS-shaped error (one with an error code). A web server that is
     * not AWS would otherwise be graded as a list of failing checks.
     */
    public EndpointTarget requireAws() {
        try (StsClient sts = pointed(StsClient.builder())
                .overrideConfiguration(c -> c
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(PROBE_ATTEMPTS).build())
                        .apiCallAttemptTimeout(PROBE_TIMEOUT))
                .build()) {
            GetCallerIdentityResponse who = sts.getCallerIdentity();
            if (who.account() == null || who.account().isBlank()) {
                throw notAws("it answered without an account");
            }
            return this;
        } catch (AwsServiceException e) {
            if (e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null
                    && !e.awsErrorDetails().errorCode().isBlank()) {
                return this; // refused in AWS's own words: it is AWS (or emulates it)
            }
            throw notAws("it answered HTTP " + e.statusCode() + " without an AWS error");
        } catch (SdkClientException e) {
            if (unreachable(e)) {
                throw new TargetException("could not reach AWS at " + endpoint + ": nothing answers there; start the"
                        + " emulator or check --endpoint.");
            }
            throw notAws("its answer is not an AWS response");
        }
    }

    private TargetException notAws(String why) {
        return new TargetException(endpoint + " is not an AWS endpoint (" + why + " to STS GetCallerIdentity);"
                + " give the URL of an emulator such as ministack, moto or LocalStack.");
    }

    /** No connection at all, as opposed to an answer the SDK could not read. */
    private static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof java.net.UnknownHostException
                    || t instanceof java.net.NoRouteToHostException || t instanceof java.net.SocketTimeoutException
                    || t instanceof software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException
                    || t instanceof software.amazon.awssdk.core.exception.ApiCallTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** ministack when the endpoint answers as ministack; nothing is recorded of other emulators. */
    @Override
    public Optional<String> emulator() {
        if (emulator == null) {
            emulator = LocalEmulator.answersAsMinistack(endpoint) ? Optional.of(Emulator.MINISTACK.project()) : Optional.empty();
        }
        return emulator;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<URI> endpoint() {
        return Optional.of(endpoint);
    }

    @Override
    public Region region() {
        return region;
    }

    @Override
    public AwsCredentialsProvider credentials() {
        return EMULATOR_CREDENTIALS;
    }

    @Override
    public void close() {}
}
