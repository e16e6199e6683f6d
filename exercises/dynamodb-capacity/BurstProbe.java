package dev.dvalabs.exercises.dynamodbcapacity;

import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.exercises.dynamodbcapacity.DynamodbCapacityVerifier.Burst;
import dev.dvalabs.probe.OwnTable;
import dev.dvalabs.probe.Throttling;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Session;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

/**
 * The notes' throttling on a table of the verifier's own: created with 1 RCU and 1 WCU through the session
 * (journaled, deleted however verify ends) and tagged with the exercise and the run, it takes a burst of
 * 4 KB writes that are not retried on a throttle until one is refused; then {@link #RETRIED} writes through
 * the SDK's standard retries, whose attempts are counted. Real AWS lets a burst through on up to 300
 * seconds of unused capacity, so the burst may take 75 writes of 4 KB or more.
 */
final class BurstProbe {

    /** Items of 4 KB cost 4 WCU each: 100 of them outspend the 300 seconds of burst capacity a 1-WCU table may have. */
    static final int MAX_BURST = 100;
    static final int BURST_ITEM = 4000;
    static final int RETRIED = 10;
    static final Duration BURST_DEADLINE = Duration.ofSeconds(60);
    static final String KEY = "id";
    static final String SUFFIX = "-burst";
    /** The tag on the verifier's own table naming its run, beside the exercise's tag. */
    static final String TAG_VERIFY_RUN = "dva-labs:verify-run";

    private BurstProbe() {}

    static Fact<Burst> burst(Session session) {
        String run = session.marker().value();
        String table = run + SUFFIX;
        return OwnTable.create(session, CreateTableRequest.builder().tableName(table)
                        .attributeDefinitions(a -> a.attributeName(KEY).attributeType("S"))
                        .keySchema(k -> k.attributeName(KEY).keyType("HASH"))
                        .provisionedThroughput(p -> p.readCapacityUnits(1L).writeCapacityUnits(1L))
                        .tags(t -> t.key(ExerciseStack.TAG_EXERCISE).value(session.exercise()),
                                t -> t.key(TAG_VERIFY_RUN).value(run))
                        .build())
                .then(own -> Fact.about("the verifier's 1-WCU table", () -> {
                    Throttling.Seen seen = new Throttling(session, table, KEY)
                            .burstThenRetry(MAX_BURST, BURST_ITEM, BURST_DEADLINE, RETRIED, CapacityProbe.ONE_KB);
                    return new Burst(seen.firstRefusal(), seen.completed(), seen.attempts());
                }));
    }
}
