package dev.dvalabs.targets;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.defaultsmode.DefaultsMode;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;

/**
 * Where AWS is for one command: an emulator on this machine, a container, a running endpoint or a
 * real account. It hands out ready SDK v2 clients and releases whatever it started on {@link #close()}.
 *
 * <pre>{@code
 * try (Target target = LocalEmulator.start()) {
 *     DynamoDbClient dynamo = target.client(DynamoDbClient.builder());
 * }
 * }</pre>
 */
public interface Target extends AutoCloseable {

    /**
     * What emulators are sent: they accept any key, and a learner's real keys from the environment
     * are never sent to an address the toolkit was only told of.
     */
    AwsCredentialsProvider EMULATOR_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    /** The name a learner types after {@code --target}. */
    String name();

    /** Where clients send requests; empty for real AWS, where the SDK finds the regional endpoint. */
    Optional<URI> endpoint();

    Region region();

    AwsCredentialsProvider credentials();

    /**
     * The emulator this target is (ministack, moto), whose recorded deviations from AWS apply to it;
     * empty for real AWS and for an emulator nothing is recorded about.
     */
    default Optional<String> emulator() {
        return Optional.empty();
    }

    /**
     * Called before the first write of a command. Targets that stand for a real account print where
     * the write goes and refuse unless the learner agreed; emulators have nothing to protect.
     */
    default void approveWrites(String plan) {}

    /** Attempts per call: at one request in five throttled or failed, eight leave about 3 in a million calls failing. */
    int MAX_ATTEMPTS = 8;

    /**
     * The client builder pointed at this target: its endpoint, region and credentials, where every client of the
     * toolkit starts, whatever retries it then adds. A client for an emulator is built in the SDK's legacy defaults
     * mode whatever the learner's configuration chooses: under "auto" (defaults_mode in ~/.aws/config,
     * AWS_DEFAULTS_MODE) each client would ask the EC2 instance metadata service where it runs as it is built, off an
     * EC2 instance a wait for nothing.
     */
    default <B extends AwsClientBuilder<B, C>, C> B pointed(B builder) {
        if (endpoint().isPresent()) {
            // Kinesis clients send CBOR by default, which moto cannot read and ministack reads only with
            // an extra it does not install; both read JSON, as the AWS CLI sends it, and so does AWS. The
            // SDK offers the switch JVM-wide only, read as a client is built.
            System.setProperty(SdkSystemSetting.CBOR_ENABLED.property(), "false");
            builder.endpointOverride(endpoint().get()).defaultsMode(DefaultsMode.LEGACY);
        }
        return builder.region(region()).credentialsProvider(credentials());
    }

    /**
     * A client for any AWS service, {@linkplain #pointed pointed} at this target, with bounded timeouts and the SDK's
     * standard retries with exponential backoff (the notes' advice). The retry circuit breaker is off: under a
     * steady share of throttling it would stop retrying altogether, which is the opposite of what a
     * long verification needs; the attempts and the timeouts still bound every call.
     */
    default <B extends AwsClientBuilder<B, C>, C> C client(B builder) {
        return pointed(builder)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(MAX_ATTEMPTS).circuitBreakerEnabled(false).build())
                        .apiCallAttemptTimeout(Duration.ofSeconds(30))
                        .apiCallTimeout(Duration.ofMinutes(2))
                        .build())
                .build();
    }

    /**
     * The URL a REST API's stage answers {@code path} on (path without a leading slash). AWS serves it at
     * {@code https://<api>.execute-api.<region>.amazonaws.com/<stage>/<path>}; an emulator, reached at one
     * endpoint, at {@code <endpoint>/restapis/<api>/<stage>/_user_request_/<path>} (ministack, moto and
     * LocalStack alike). The one place that difference is written.
     */
    default URI executeApi(String apiId, String stage, String path) {
        return endpoint().map(e -> e.resolve("/restapis/" + apiId + "/" + stage + "/_user_request_/" + path))
                .orElseGet(() -> URI.create("https://" + apiId + ".execute-api." + region().id() + ".amazonaws.com/"
                        + stage + "/" + path));
    }

    /**
     * This target as one folder name for what verifies keep on it (their journals and memories): the same for
     * every command on the same emulator endpoint or account and region, different for any other.
     */
    default String stateKey() {
        // A host's case is no part of it (RFC 3986): LocalHost is localhost, whose journals a verify must find.
        return name() + endpoint().map(e -> "-" + String.valueOf(e.getHost()).toLowerCase(java.util.Locale.ROOT) + "-" + e.getPort()).orElse("")
                + "-" + region().id();
    }

    /**
     * What this target is, for a report a learner keeps or hands in: the emulator and its pinned version, or the
     * AWS account with its number masked; no address (an endpoint's may carry a password).
     */
    default String reported() {
        return emulator().orElse(name()) + " (" + region().id() + ")";
    }

    /** Where this target is, in words, for progress lines and error messages. */
    default String describe() {
        return name() + endpoint().map(e -> " at " + e).orElse("") + " (" + region().id() + ")";
    }

    @Override
    void close();
}
