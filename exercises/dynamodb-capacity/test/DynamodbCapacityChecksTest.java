package dev.dvalabs.exercises.dynamodbcapacity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.exercises.dynamodbcapacity.DynamodbCapacityVerifier.Burst;
import dev.dvalabs.exercises.dynamodbcapacity.DynamodbCapacityVerifier.Observed;
import dev.dvalabs.exercises.dynamodbcapacity.DynamodbCapacityVerifier.ReadUnits;
import dev.dvalabs.exercises.dynamodbcapacity.DynamodbCapacityVerifier.WriteUnits;
import dev.dvalabs.probe.Table;
import dev.dvalabs.testing.ChecksContract;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Status;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * Each dynamodb-capacity check judged on observations that differ from a correct table in one fact,
 * arithmetic that no correct DynamoDB reports included, so that every check is seen failing.
 */
class DynamodbCapacityChecksTest extends ChecksContract<Observed, DynamodbCapacityChecksTest.Seen> {

    static final Instant CREATED = Instant.parse("2026-11-26T01:00:00.123Z");

    DynamodbCapacityChecksTest() {
        super(() -> new DynamodbCapacityVerifier().checks(), Seen::new, Seen::build);
    }

    /** A table after both tasks, on AWS: switched to on-demand a minute after it was created. */
    static final class Seen {
        TableDescription.Builder table = onDemandSince(CREATED.plusSeconds(60));
        Fact<WriteUnits> writes = Fact.of(new WriteUnits(1.0, 3.0, 12.0));
        Fact<Double> transaction = Fact.of(6.0);
        Fact<Double> batch = Fact.of(16.0);
        Fact<ReadUnits> reads = Fact.of(new ReadUnits(3.0, 1.5));
        Fact<Burst> burst = Fact.of(new Burst("ProvisionedThroughputExceededException: The level of configured provisioned"
                + " throughput for the table was exceeded. (after 301 writes)", 10, 14));
        /** What verifies saw of this table, oldest first: an earlier one (or the solution's switch step) at 5 and 5. */
        List<Sighting> sightings = List.of(seen(5L, 5L), seen(null, null, "PAY_PER_REQUEST"));

        Observed build() {
            return new Observed(Fact.of(new Table(table.build())), writes, transaction, batch, reads, burst, Fact.of(sightings));
        }
    }

    static final String ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/dva-labs-capacity";
    static int sightings;

    /** A sighting of this very table, provisioned at rcu / wcu. */
    static Sighting seen(Long rcu, Long wcu) {
        return seen(rcu, wcu, "PROVISIONED");
    }

    static Sighting seen(Long rcu, Long wcu, String mode) {
        return new Sighting(ARN, CREATED, mode, rcu, wcu, CREATED.plusSeconds(10 + sightings++));
    }

    static TableDescription.Builder onDemandSince(Instant switched) {
        return TableDescription.builder().tableName("dva-labs-capacity").tableArn(ARN).creationDateTime(CREATED)
                .billingModeSummary(b -> b.billingMode(BillingMode.PAY_PER_REQUEST).lastUpdateToPayPerRequestDateTime(switched))
                .provisionedThroughput(p -> p.readCapacityUnits(0L).writeCapacityUnits(0L));
    }

    static TableDescription.Builder provisioned(long rcu, long wcu) {
        return TableDescription.builder().tableName("dva-labs-capacity").tableArn(ARN).creationDateTime(CREATED)
                .provisionedThroughput(p -> p.readCapacityUnits(rcu).writeCapacityUnits(wcu));
    }

    @Test
    @DisplayName("after task 1 alone, a table provisioned at 5 RCU and 5 WCU passes task 1 and fails only on-demand")
    void taskOneAlone() {
        Seen seen = new Seen();
        seen.table = provisioned(5, 5);
        assertThat(judge(seen).ids(Status.FAIL)).containsExactly("on-demand");
    }

    @Test
    @DisplayName("a table switched to on-demand and back to provisioned at 5/5 passes task 1 and fails on-demand")
    void switchedBack() {
        Seen seen = new Seen();
        seen.table = provisioned(5, 5).billingModeSummary(b -> b.billingMode(BillingMode.PROVISIONED)
                .lastUpdateToPayPerRequestDateTime(CREATED.plusSeconds(60)));
        assertThat(judge(seen).ids(Status.FAIL)).containsExactly("on-demand");
    }

    @Test
    @DisplayName("a switch to on-demand no look saw at 5/5 first is no PASS of task 1: it is SKIP, saying to verify after task 1")
    void unseenSwitchIsNotAPass() {
        Seen seen = new Seen();
        seen.sightings = List.of(seen(null, null, "PAY_PER_REQUEST"));
        var outcome = judge(seen).outcome("provisioned-throughput");
        assertThat(outcome.status()).isEqualTo(Status.SKIP);
        assertThat(outcome.result().observed()).contains("run labs verify after task 1");
        assertThat(judge(seen).ids(Status.FAIL)).isEmpty();
    }

    @Test
    @DisplayName("a table seen at 1/1 (the starter), then at 5/5, then switched passes task 1: the last look before the switch counts")
    void starterThenTaskOneThenSwitch() {
        Seen seen = new Seen();
        seen.sightings = List.of(seen(1L, 1L), seen(5L, 5L), seen(null, null, "PAY_PER_REQUEST"));
        assertThat(judge(seen).outcome("provisioned-throughput").status()).isEqualTo(Status.PASS);
    }

    @Test
    @DisplayName("a sighting at 5/5 of a table of the same name made again (another creation time) is not this table's")
    void sightingOfAnotherTable() {
        Seen seen = new Seen();
        seen.sightings = List.of(new Sighting(ARN, CREATED.minusSeconds(3600), "PROVISIONED", 5L, 5L, CREATED.minusSeconds(60)));
        assertThat(judge(seen).outcome("provisioned-throughput").status()).isEqualTo(Status.SKIP);
    }

    @Test
    @DisplayName("on-demand's title names no stack update: the instructions accept the AWS CLI")
    void onDemandTitleAcceptsTheCli() {
        assertThat(checks().stream().filter(c -> c.id().equals("on-demand")).findFirst().orElseThrow().title())
                .doesNotContain("stack");
    }


    @Override
    protected Stream<Mistake<Seen>> mistakes() {
        return Stream.of(
                wrong("provisioned-throughput", "a table created on-demand, its last switch at its creation",
                        s -> s.table = onDemandSince(CREATED)),
                wrong("provisioned-throughput", "a table created on-demand, with no switch recorded",
                        s -> s.table = onDemandSince(null)),
                wrong("provisioned-throughput", "the starter's 1 RCU and 1 WCU", s -> s.table = provisioned(1, 1), "on-demand"),
                wrong("provisioned-throughput", "a table created on-demand, though a record says 5/5 (another table's)",
                        s -> {
                            s.table = onDemandSince(CREATED);
                            s.sightings = List.of(seen(5L, 5L));
                        }),
                wrong("provisioned-throughput", "a table a verify saw at 10 RCU and 5 WCU, then switched to on-demand",
                        s -> s.sightings = List.of(seen(10L, 5L), seen(null, null, "PAY_PER_REQUEST"))),
                wrong("provisioned-throughput", "a switch from 1/1 after a verify that saw 5/5 and then 1/1",
                        s -> s.sightings = List.of(seen(5L, 5L), seen(1L, 1L))),
                wrong("provisioned-throughput", "10 RCU and 5 WCU", s -> s.table = provisioned(10, 5), "on-demand"),
                wrong("on-demand", "a table left provisioned at 5/5 after a switch to 10/10 instead",
                        s -> s.table = provisioned(10, 10), "provisioned-throughput"),
                wrong("write-units", "a 2.5 KB item charged 2.5 WCU, not rounded up",
                        s -> s.writes = Fact.of(new WriteUnits(1.0, 2.5, 12.0))),
                wrong("write-units", "every write charged 1 WCU whatever its size",
                        s -> s.writes = Fact.of(new WriteUnits(1.0, 1.0, 1.0))),
                wrong("write-units", "a refused put", s -> s.writes = Fact.refused("table dva-labs-capacity: ValidationException: x")),
                wrong("transaction-units", "a transaction charged like a single put",
                        s -> s.transaction = Fact.of(3.0)),
                wrong("batch-units", "a batch charged 1 WCU a request", s -> s.batch = Fact.of(3.0)),
                wrong("read-units", "a flat 1 and 0.5 RCU whatever the size", s -> s.reads = Fact.of(new ReadUnits(1.0, 0.5))),
                wrong("read-units", "an eventually consistent read charged in full", s -> s.reads = Fact.of(new ReadUnits(3.0, 3.0))),
                wrong("throttled-and-retried", "a 1-WCU table that never throttles",
                        s -> s.burst = Fact.of(new Burst("never throttled in 100 writes", 10, 10))),
                wrong("throttled-and-retried", "retries that gave up before every write completed",
                        s -> s.burst = Fact.of(new Burst("ProvisionedThroughputExceededException: exceeded (after 3 writes)", 4, 40))),
                wrong("throttled-and-retried", "a burst refused for another reason",
                        s -> s.burst = Fact.of(new Burst("ValidationException: Item size has exceeded the maximum allowed size"
                                + " (after 0 writes)", 10, 14))),
                wrong("throttled-and-retried", "a verifier not allowed to create its table",
                        s -> s.burst = Fact.refused("the verifier's 1-WCU table: AccessDeniedException: not authorized")));
    }
}
