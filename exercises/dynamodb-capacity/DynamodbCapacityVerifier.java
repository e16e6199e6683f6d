package dev.dvalabs.exercises.dynamodbcapacity;

import static dev.dvalabs.verify.Matcher.eq;
import static dev.dvalabs.verify.Matcher.oneOf;
import static dev.dvalabs.verify.Matcher.satisfies;
import static dev.dvalabs.verify.Matcher.startsWith;

import dev.dvalabs.targets.Target;
import dev.dvalabs.verify.Check;
import dev.dvalabs.verify.Session;
import dev.dvalabs.verify.CheckResult;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Verifier;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingModeSummary;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * dynamodb-capacity: the table's billing mode at each step of the instructions, the capacity units
 * DynamoDB charges for writes and reads of known sizes, and throttling with the SDK's retries on a table
 * of the verifier's own. Closing it removes the items it wrote and its own table, however verify ended.
 */
public final class DynamodbCapacityVerifier implements Verifier<DynamodbCapacityVerifier.Observed>, AutoCloseable {

    static final String PROVISIONED_5_5 = provisioned(DynamodbCapacityStack.UNITS, DynamodbCapacityStack.UNITS);
    static final String SWITCHED = "PAY_PER_REQUEST after a switch from PROVISIONED 5 RCU / 5 WCU, as an earlier look saw it";
    static final String SWITCHED_UNSEEN = "PAY_PER_REQUEST after a switch from a throughput no verify saw";
    static final String SWITCHED_FROM_PROVISIONED = "PAY_PER_REQUEST after a switch from PROVISIONED";
    static final String ON_DEMAND_SINCE_CREATION = "PAY_PER_REQUEST since the table was created";

    private final OwnData data;

    public DynamodbCapacityVerifier(String exerciseId) {
        this.data = new OwnData(exerciseId);
    }

    /** What the verifier saw; each fact is a value or the refusal AWS answered with. */
    public record Observed(
            Fact<TableDescription> table,
            Fact<WriteUnits> writes,
            Fact<Double> transaction,
            Fact<Double> batch,
            Fact<ReadUnits> reads,
            Fact<Burst> burst,
            boolean throughputSeen) {}

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
                        "Give dva-labs-capacity the billing mode PROVISIONED with 5 read and 5 write capacity units (task 1),"
                                + " before you switch it to on-demand: a table created on-demand never was provisioned.",
                        o -> unseenSwitch(o) ? CheckResult.skip("the table was switched to on-demand before a verify saw its"
                                        + " throughput, which DescribeTable no longer shows: run labs verify after task 1")
                                : o.table().its("billing", t -> billing(t, o.throughputSeen()))
                                        .should(oneOf(PROVISIONED_5_5, SWITCHED)))
                        .forTask(1),
                new Check<Observed>("on-demand", "The table was switched to on-demand through a stack update",
                        "On-Demand: read/writes automatically scale up/down; no capacity planning; pay per request",
                        "Update the stack with BillingMode PAY_PER_REQUEST and without ProvisionedThroughput (task 2).",
                        o -> o.table().its("billing mode", DynamodbCapacityVerifier::billingMode)
                                .should(eq("PAY_PER_REQUEST")))
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
     * A table switched to on-demand that no earlier look recorded at 5 and 5: what it had before cannot be
     * read any more, so task 1 is neither passed nor failed (a learner who did both steps by hand may be right).
     */
    private static boolean unseenSwitch(Observed o) {
        return !o.table().refused() && SWITCHED_UNSEEN.equals(billing(o.table().value(), o.throughputSeen()));
    }

    /** The billing as task 1 reads it: a switch from 5 and 5 only where the toolkit's record saw the table so. */
    static String billing(TableDescription table, boolean throughputSeen) {
        String billing = billing(table);
        return billing.equals(SWITCHED_FROM_PROVISIONED) ? (throughputSeen ? SWITCHED : SWITCHED_UNSEEN) : billing;
    }

    /** What the billing-mode checks read: the mode, with the throughput or the record of a switch. */
    static String billing(TableDescription table) {
        String mode = billingMode(table);
        if (mode.equals("PROVISIONED")) {
            var throughput = table.provisionedThroughput();
            return throughput == null ? "PROVISIONED without throughput"
                    : provisioned(throughput.readCapacityUnits(), throughput.writeCapacityUnits());
        }
        return switched(table) ? SWITCHED_FROM_PROVISIONED : ON_DEMAND_SINCE_CREATION;
    }

    private static String provisioned(Number rcu, Number wcu) {
        return "PROVISIONED " + rcu + " RCU / " + wcu + " WCU";
    }

    /** PROVISIONED when DescribeTable has no billing-mode summary: AWS leaves it out of tables created provisioned. */
    static String billingMode(TableDescription table) {
        BillingModeSummary summary = table.billingModeSummary();
        return summary == null || summary.billingModeAsString() == null ? "PROVISIONED" : summary.billingModeAsString();
    }

    /**
     * Whether the table became on-demand after it was created: its last switch to PAY_PER_REQUEST is
     * later than its creation. A table created on-demand has none, or one at its creation.
     */
    static boolean switched(TableDescription table) {
        BillingModeSummary summary = table.billingModeSummary();
        Instant last = summary == null ? null : summary.lastUpdateToPayPerRequestDateTime();
        Instant created = table.creationDateTime();
        return last != null && (created == null || last.isAfter(created));
    }

    private static String units(double... values) {
        return String.join(" / ", java.util.Arrays.stream(values).mapToObj(Double::toString).toList());
    }

    @Override
    public Observed observe(Session session) {
        Target target = session.target();
        Map<String, String> names = session.names().asMap();
        String table = names.getOrDefault("table", DynamodbCapacityStack.TABLE_NAME);
        data.in(target);
        // The burst waits for its own table to be ACTIVE: it runs beside the learner's table's probes.
        CompletableFuture<Fact<Burst>> burst = CompletableFuture.supplyAsync(() ->
                Fact.about("the verifier's 1-WCU table", () -> new BurstProbe(target, data).burst()));
        try (DynamoDbClient dynamo = target.client(DynamoDbClient.builder())) {
            return new CapacityProbe(dynamo, table, data).observe(burst);
        } finally {
            burst.handle((done, failed) -> done).join(); // its table made before it is removed; its failure is in its fact
            data.removeAll();
        }
    }

    /** Removes the items and the table observe has made so far, and lets it make no more; safe twice and from another thread. */
    @Override
    public void close() {
        data.close();
    }
}
