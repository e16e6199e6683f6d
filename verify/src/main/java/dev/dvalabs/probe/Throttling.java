package dev.dvalabs.probe;

import dev.dvalabs.targets.Target;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Session;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

/**
 * The notes' throttling, on a table of the verifier's own with little provisioned throughput: a burst of
 * writes from a client that retries faults but never a throttle, until one is refused; then writes from a
 * client with the SDK's standard retries (exponential backoff), whose attempts are counted. The only
 * clients of the toolkit built with retries other than the target's, which is why they are built here.
 */
public final class Throttling {

    /** The first refusal of a burst ("never throttled in N writes" when none), and the retried writes: done and attempts. */
    public record Seen(String firstRefusal, int completed, int attempts) {}

    private final Session session;
    private final String table;
    private final String key;

    /** @param key the table's partition key, a string attribute */
    public Throttling(Session session, String table, String key) {
        this.session = session;
        this.table = table;
        this.key = key;
    }

    /**
     * Up to {@code maxBurst} writes of {@code burstBytes} each within {@code deadline}, none retried on a
     * throttle, then {@code retried} writes of {@code retriedBytes} through the SDK's standard retries.
     */
    public Seen burstThenRetry(int maxBurst, int burstBytes, Duration deadline, int retried, int retriedBytes) {
        String refusal = burstUntilRefused(maxBurst, burstBytes, deadline);
        AtomicInteger attempts = new AtomicInteger();
        int completed = 0;
        try (DynamoDbClient retrying = client(session.target(), AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(Target.MAX_ATTEMPTS).circuitBreakerEnabled(false).build(), attempts)) {
            for (int i = 0; i < retried; i++) {
                put(retrying, "retried-" + i, retriedBytes);
                completed++;
            }
        }
        return new Seen(refusal, completed, attempts.get());
    }

    private String burstUntilRefused(int maxBurst, int bytes, Duration within) {
        Instant deadline = session.now().plus(within);
        int writes = 0;
        try (DynamoDbClient once = client(session.target(), faultsOnly(), new AtomicInteger())) {
            while (writes < maxBurst && session.now().isBefore(deadline)) {
                try {
                    put(once, "burst-" + writes, bytes);
                    writes++;
                } catch (ProvisionedThroughputExceededException e) {
                    return Fact.refusalOf(e) + " (after " + writes + " writes)";
                }
            }
        }
        return "never throttled in " + writes + " writes";
    }

    /**
     * Retries a dropped connection, a server error or an API rate limit, as every client of the toolkit
     * does, but never the table's throttle: the burst is there to meet it.
     */
    public static RetryStrategy faultsOnly() {
        // Without the client defaults, which would add the throttling errors back to what is retried.
        return StandardRetryStrategy.builder().useClientDefaults(false).maxAttempts(Target.MAX_ATTEMPTS)
                .circuitBreakerEnabled(false).retryOnException(Throttling::fault).build();
    }

    public static boolean fault(Throwable e) {
        if (e instanceof ProvisionedThroughputExceededException) {
            return false;
        }
        // A request rate refused for the whole API (ThrottlingException) is no table's capacity: retried.
        return e instanceof AwsServiceException service ? service.statusCode() >= 500 || service.isThrottlingException()
                : e instanceof SdkClientException;
    }

    /** Items deleted with the verifier's own table, which the session journaled. */
    private void put(DynamoDbClient dynamo, String id, int size) {
        dynamo.putItem(p -> p.tableName(table).item(Map.of(key, AttributeValue.fromS(id), "payload",
                AttributeValue.fromS("x".repeat(Math.max(1, size - key.length() - id.length() - "payload".length()))))));
    }

    /** A client of the target with the given retries, counting every attempt it sends (package-visible for its test). */
    static DynamoDbClient client(Target target, RetryStrategy retries, AtomicInteger attempts) {
        return target.pointed(DynamoDbClient.builder())
                .overrideConfiguration(c -> c.retryStrategy(retries)
                        .apiCallAttemptTimeout(Duration.ofSeconds(30))
                        .apiCallTimeout(Duration.ofMinutes(2))
                        .addExecutionInterceptor(new ExecutionInterceptor() {
                            @Override
                            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                                attempts.incrementAndGet();
                            }
                        }))
                .build();
    }
}
