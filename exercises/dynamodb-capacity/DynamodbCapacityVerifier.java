package dev.dvalabs.exercises.dynamodbcapacity;

import static dev.dvalabs.verify.Matcher.eq;
import static dev.dvalabs.verify.Matcher.oneOf;
import static dev.dvalabs.verify.Matcher.satisfies;
import static dev.dvalabs.verify.Matcher.startsWith;

import dev.dvalabs.probe.Table;
import dev.dvalabs.verify.Check;
import dev.dvalabs.verify.CheckResult;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Session;
import dev.dvalabs.verify.Verifier;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;

/**
 * dynamodb-capacity: the table's billing mode at each step of the instructions, the capacity units
 * DynamoDB charges for writes and reads of known sizes, and throttling with the SDK's retries on a table
 * of the verifier's own; its items and table are written through the session, which removes them however
 * verify ends. Every look at the table is remembered (a sighting), as task 1 can only be judged from them
 * once the table is on-demand.
 */
public final class DynamodbCapacityVerifier implements Verifier<DynamodbCapacityVerifier.Observed> {

    static final long UNITS = 5;
    static final String PROVISIONED_5_5 = provisioned(UNITS, UNITS);
    static final String SWITCHED = switchedFrom(PROVISIONED_5_5);
    static final String SWITCHED_UNSEEN = "PAY_PER_REQUEST after a switch from a throughput no verify saw";
    static final String ON_DEMAND_SINCE_CREATION = "PAY_PER_REQUEST since the table was created";

    /** What the verifier saw; each fact is a value or the refusal AWS answered with. */
    public record Observed(
            Fact<Table> table,
            Fact<WriteUnits> writes,
            Fact<Double> transaction,
            Fact<Double> batch,
            Fact<ReadUnits> reads,
            Fact<Burst> burst,
            Fact<List<Sighting>> sightings) {}

    /** Write capacity consumed by single puts of items of about 1, 2.5 and 12 KB. */
    public record WriteUnits(double oneKb, double twoAndAHalfKb, double twelveKb) {}

    /** Read capacity consumed by a strongly and an eventually consistent GetItem of the 12 KB item. */
    public record ReadUnits(double strong, double eventual) {}

    /**
     * The burst on the verifier's 1-WCU table: the first refusal among writes that are not retried on a throttle
     * ("never throttled in N writes" when there was none), then how many of the {@link BurstProbe#RETRIED}
     * writes sent at once by a client with the SDK's retries completed, and in how many attempts.
     */
    public record Burst(String firstRefusal, int completed, int attempts) {}

    @Override
    public List<Check<Observed>> checks() {
        return List.of(
                new Check<Observed>("provisioned-throughput", "The table is, or was seen, provisioned with 5 RCU and 5 WCU",
                        "Provisioned: RCU & WCU planned in advance; table must have provisioned read and write capacity units",
                        "Give {table} the billing mode PROVISIONED with 5 read and 5 write capacity units (task 1: aws dynamodb"
                                + " update-table --table-name {table} --billing-mode PROVISIONED --provisioned-throughput"
                                + " ReadCapacityUnits=5,WriteCapacityUnits=5; in CDK, TableProps.billingMode(BillingMode.PROVISIONED),"
                                + " readCapacity(5) and writeCapacity(5)),"
                                + " and run labs verify before you switch it to on-demand: once it is on-demand, task 1 is"
                                + " judged on the throughput the last verify before the switch saw. A table created"
                                + " on-demand never was provisioned.",
                        o -> o.table().then(t -> o.sightings().map(seen -> billing(t, seen))).judge("billing "
                                + PROVISIONED_5_5, billing -> billing.equals(SWITCHED_UNSEEN)
                                ? CheckResult.skip("the table was switched to on-demand before any verify saw it provisioned,"
                                        + " and DescribeTable no longer shows its throughput: run labs verify after task 1")
                                : Fact.of(billing).its("billing").should(oneOf(PROVISIONED_5_5, SWITCHED))))
                        .forTask(1),
                new Check<Observed>("on-demand", "The table was switched to on-demand",
                        "On-Demand: read/writes automatically scale up/down; no capacity planning; pay per request",
                        "Switch {table} itself to BillingMode PAY_PER_REQUEST, without ProvisionedThroughput (task 2): a stack"
                                + " update with TableProps.billingMode(BillingMode.PAY_PER_REQUEST), or aws dynamodb update-table"
                                + " --table-name {table} --billing-mode PAY_PER_REQUEST.",
                        o -> o.table().its("billing mode", Table::billingMode).should(eq(BillingMode.PAY_PER_REQUEST)))
                        .forTask(2),
                new Check<Observed>("write-units", "A write costs 1 WCU per KB of the item, rounded up",
                        "1 WCU = 1 write per second for an item up to 1 KB; more than 1 KB, more WCUs (rounded up)",
                        "Put items with ReturnConsumedCapacity TOTAL: about 1 KB costs 1 WCU, 2.5 KB costs 3, 12 KB costs 12.",
                        o -> o.writes().its("WCU for 1 / 2.5 / 12 KB", w -> units(w.oneKb(), w.twoAndAHalfKb(), w.twelveKb()))
                                .should(eq("1.0 / 3.0 / 12.0")))
                        .forTask(1),
                new Check<Observed>("transaction-units", "A transactional write costs twice",
                        "Transactions: 2x WCU and RCU",
                        "TransactWriteItems with one put of the 2.5 KB item: twice its 3 WCU.",
                        o -> o.transaction().its("WCU for a transaction putting 2.5 KB").should(eq(6.0)))
                        .forTask(1),
                new Check<Observed>("batch-units", "A batch costs the sum of its writes",
                        "Batch operations: consumed capacity is the sum of each item's",
                        "BatchWriteItem of the 1, 2.5 and 12 KB items: 1 + 3 + 12 WCU.",
                        o -> o.batch().its("WCU for a batch of 1, 2.5 and 12 KB").should(eq(16.0)))
                        .forTask(1),
                new Check<Observed>("read-units", "A read costs 1 RCU per 4 KB strongly consistent, half eventually consistent",
                        "1 RCU = 1 strongly consistent read or 2 eventually consistent reads per second, up to 4 KB",
                        "GetItem of the 12 KB item: 12 / 4 = 3 RCU with ConsistentRead, 1.5 without.",
                        o -> o.reads().its("RCU for 12 KB strongly / eventually consistent",
                                        r -> units(r.strong(), r.eventual()))
                                .should(eq("3.0 / 1.5")))
                        .forTask(1),
                new Check<Observed>("throttled-and-retried", "Over capacity, writes are throttled and the SDK's retries complete them",
                        "Exceeding throughput: ProvisionedThroughputExceededException; solution: exponential backoff (in SDK)",
                        "The verifier's own 1-WCU table must throttle a burst; the SDK's retries with backoff then"
                                + " complete every write. Nothing of yours is involved: a failure here says what AWS answered.",
                        o -> CheckResult.all(
                                o.burst().its("first refusal of a burst, throttles not retried, on a 1-WCU table", Burst::firstRefusal)
                                        .should(startsWith("ProvisionedThroughputExceededException")),
                                o.burst().its("writes with the SDK's retries completed", b -> b.completed() + " of " + BurstProbe.RETRIED)
                                        .should(eq(BurstProbe.RETRIED + " of " + BurstProbe.RETRIED)),
                                o.burst().its("attempts they took", Burst::attempts)
                                        .should(satisfies("more than " + BurstProbe.RETRIED + " (some retried)",
                                                a -> a > BurstProbe.RETRIED))))
                        .forTask(1));
    }

    /**
     * The billing as task 1 reads it: the throughput while the table is provisioned; once it is on-demand, the
     * throughput the last verify saw of that very table while it was provisioned, as nothing else shows it any
     * more. A verify that saw it wrong is a fact like any other: a table seen at 10/5 and then switched fails.
     */
    static String billing(Table table, List<Sighting> sightings) {
        if (table.billingMode() == BillingMode.PROVISIONED) {
            return table.readCapacity() == null ? "PROVISIONED without throughput"
                    : provisioned(table.readCapacity(), table.writeCapacity());
        }
        if (!table.switchedAfterCreation()) {
            return ON_DEMAND_SINCE_CREATION;
        }
        Optional<Sighting> before = sightings.stream().filter(s -> s.of(table) && s.provisioned())
                .reduce((earlier, later) -> later);
        return before.map(s -> switchedFrom(s.throughput())).orElse(SWITCHED_UNSEEN);
    }

    static String provisioned(Long rcu, Long wcu) {
        return "PROVISIONED " + rcu + " RCU / " + wcu + " WCU";
    }

    private static String switchedFrom(String throughput) {
        return "PAY_PER_REQUEST after a switch from " + throughput + ", as an earlier look saw it";
    }

    private static String units(double... values) {
        return String.join(" / ", java.util.Arrays.stream(values).mapToObj(Double::toString).toList());
    }

    @Override
    public Observed observe(Session session) {
        // The burst waits for its own table to be ACTIVE: it runs beside the learner's table's probes.
        CompletableFuture<Fact<Burst>> burst = CompletableFuture.supplyAsync(() -> BurstProbe.burst(session));
        try {
            return CapacityProbe.observe(session, burst);
        } finally {
            burst.handle((done, failed) -> done).join(); // its table journaled before the session removes it
        }
    }
}
