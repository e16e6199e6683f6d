package dev.dvalabs.exercises.dynamodbcapacity;

import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.exercises.dynamodbcapacity.DynamodbCapacityVerifier.Burst;
import dev.dvalabs.targets.Target;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.RunMarker;
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
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * The notes' throttling on a table of the verifier's own: created with 1 RCU and 1 WCU and tagged with
 * the exercise and the run (so destroy finds it if close never ran), it takes a burst of 4 KB writes
 * from a client that retries faults but no throttle until one is refused; then {@link #RETRIED} writes from a client with
 * the SDK's standard retries (exponential backoff), whose attempts are counted. Real AWS lets a burst
 * through on up to 300 seconds of unused capacity, so the burst may take 75 writes of 4 KB or more.
 */
final class BurstProbe {

    /** Items of 4 KB cost 4 WCU each: 100 of them outspend the 300 seconds of burst capacity a 1-WCU table may have. */
    static final int MAX_BURST = 100;
    static final int BURST_ITEM = 4000;
    static final int RETRIED = 10;
    static final Duration BURST_DEADLINE = Duration.ofSeconds(60);
    static final String KEY = "id";
    static final String SUFFIX = "-burst";

    private final Target target;
    private final OwnData data;
    private final String table;

    BurstProbe(Target target, OwnData data) {
        this.target = target;
        this.data = data;
        this.table = data.run + SUFFIX;
    }

    Burst burst() {
        try (DynamoDbClient dynamo = target.client(DynamoDbClient.builder())) {
            removeLeftovers(dynamo);
            data.table(table, () -> dynamo.createTable(c -> c.tableName(table)
                    .attributeDefinitions(a -> a.attributeName(KEY).attributeType("S"))
                    .keySchema(k -> k.attributeName(KEY).keyType("HASH"))
                    .provisionedThroughput(p -> p.readCapacityUnits(1L).writeCapacityUnits(1L))
                    .tags(t -> t.key(ExerciseStack.TAG_EXERCISE).value(data.exerciseId),
                            t -> t.key(OwnData.TAG_VERIFY_RUN).value(data.run))));
            try (DynamoDbWaiter waiter = DynamoDbWaiter.builder().client(dynamo)
                    .overrideConfiguration(w -> w.backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(500)))
                            .waitTimeout(Duration.ofMinutes(2)))
                    .build()) {
                waiter.waitUntilTableExists(r -> r.tableName(table));
            }
        }
        String refusal = burstUntilRefused();
        AtomicInteger attempts = new AtomicInteger();
        int completed = 0;
        try (DynamoDbClient retrying = client(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(Target.MAX_ATTEMPTS).circuitBreakerEnabled(false).build(), attempts)) {
            for (int i = 0; i < RETRIED; i++) {
                put(retrying, "retried-" + i, CapacityProbe.ONE_KB);
                completed++;
            }
        }
        return new Burst(refusal, completed, attempts.get());
    }

    /**
     * Deletes the 1-WCU tables of earlier verifies that were killed before their own cleanup: a table
     * whose name carries the mark of a run that is over, and whose own verify-run tag says the same mark.
     * A refusal leaves them for {@code labs destroy}, which sweeps the exercise's tag.
     */
    static void removeLeftovers(DynamoDbClient dynamo) {
        Instant now = Instant.now();
        try {
            for (String name : dynamo.listTablesPaginator(r -> r.exclusiveStartTableName(null)).tableNames()) {
                if (!name.startsWith(RunMarker.PREFIX) || !name.endsWith(SUFFIX) || !RunMarker.isLeftover(name, now)) {
                    continue;
                }
                String arn = dynamo.describeTable(r -> r.tableName(name)).table().tableArn();
                String mark = name.substring(0, name.length() - SUFFIX.length());
                boolean ours = dynamo.listTagsOfResource(r -> r.resourceArn(arn)).tags().stream()
                        .anyMatch(t -> t.key().equals(OwnData.TAG_VERIFY_RUN) && t.value().equals(mark));
                if (ours) {
                    dynamo.deleteTable(r -> r.tableName(name));
                }
            }
        } catch (AwsServiceException e) {
            // Not allowed to list, read or delete: the leftovers stay until labs destroy.
        }
    }

    /** The first throttle of the burst (whose writes retry faults, never a throttle), or "never throttled in N writes". */
    private String burstUntilRefused() {
        Instant deadline = Instant.now().plus(BURST_DEADLINE);
        int writes = 0;
        try (DynamoDbClient once = client(faultsOnly(), new AtomicInteger())) {
            while (writes < MAX_BURST && Instant.now().isBefore(deadline)) {
                try {
                    put(once, "burst-" + writes, BURST_ITEM);
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
    static RetryStrategy faultsOnly() {
        // Without the client defaults, which would add the throttling errors back to what is retried.
        return StandardRetryStrategy.builder().useClientDefaults(false).maxAttempts(Target.MAX_ATTEMPTS)
                .circuitBreakerEnabled(false).retryOnException(BurstProbe::fault).build();
    }

    static boolean fault(Throwable e) {
        if (e instanceof ProvisionedThroughputExceededException) {
            return false;
        }
        // A request rate refused for the whole API (ThrottlingException) is no table's capacity: retried.
        return e instanceof AwsServiceException service ? service.statusCode() >= 500 || service.isThrottlingException()
                : e instanceof SdkClientException;
    }

    private void put(DynamoDbClient dynamo, String id, int size) {
        dynamo.putItem(p -> p.tableName(table).item(Map.of(KEY, AttributeValue.fromS(id), CapacityProbe.PAYLOAD,
                AttributeValue.fromS("x".repeat(size - KEY.length() - id.length() - CapacityProbe.PAYLOAD.length())))));
    }

    /** A client of the target with the given retries, counting every attempt it sends. */
    private DynamoDbClient client(RetryStrategy retries, AtomicInteger attempts) {
        var builder = DynamoDbClient.builder();
        target.endpoint().ifPresent(builder::endpointOverride);
        return builder.region(target.region()).credentialsProvider(target.credentials())
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
