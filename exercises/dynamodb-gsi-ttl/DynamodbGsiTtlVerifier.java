package dev.dvalabs.exercises.dynamodbgsittl;

import static dev.dvalabs.verify.Matcher.containsExactlyInAnyOrder;
import static dev.dvalabs.verify.Matcher.eq;
import static dev.dvalabs.verify.Matcher.isFalse;
import static dev.dvalabs.verify.Matcher.oneOf;
import static dev.dvalabs.verify.Matcher.startsWith;

import dev.dvalabs.probe.Answers;
import dev.dvalabs.probe.Table;
import dev.dvalabs.verify.Check;
import dev.dvalabs.verify.CheckResult;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Session;
import dev.dvalabs.verify.Verifier;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;

/**
 * dynamodb-gsi-ttl: an orders table with a composite primary key, a GSI, an LSI, TTL and a stream,
 * and the query, scan and transaction behaviour the DynamoDB notes teach, shown on the verifier's own
 * items (written through the session, which deletes each by its key) and, for the parallel scan, on a
 * table of its own: no read of the learner's table grows with the learner's items.
 */
public final class DynamodbGsiTtlVerifier implements Verifier<DynamodbGsiTtlVerifier.Observed> {

    public static final String PARTITION_KEY = "customerId";
    public static final String SORT_KEY = "orderDate";
    public static final String GSI = "byStatus";
    public static final String GSI_KEY = "status";
    public static final String LSI = "byTotal";
    public static final String LSI_KEY = "total";
    public static final String TTL_ATTRIBUTE = "expiresAt";
    /** What DynamoDB answers a strongly consistent read on a GSI, and nothing else does. */
    public static final String GSI_CONSISTENT_READ_REFUSAL =
            "ValidationException: Consistent reads are not supported on global secondary indexes";
    /** The dates of the three orders the verifier writes into one partition, deliberately out of order. */
    static final List<String> SORT_KEYS = List.of("2026-01-03", "2026-01-01", "2026-01-02");
    static final int SCAN_ITEMS = 10;
    static final int SCAN_SEGMENTS = 4;

    /** What the verifier saw; each fact is a value or the refusal AWS answered with. */
    public record Observed(
            Fact<Table> table,
            Fact<TimeToLiveDescription> ttl,
            Fact<Ordering> ordering,
            Fact<Set<String>> projected,
            Fact<ConsistentReads> consistentReads,
            Fact<SharedPartition> sharedPartition,
            Fact<Transaction> transaction,
            Fact<Map<String, Integer>> parallelScan,
            Fact<List<String>> ttlFiltered) {}

    /** Sort keys of the verifier's partition as a query returns them, forwards and with ScanIndexForward=false. */
    public record Ordering(List<String> forward, List<String> backward) {}

    /** What a strongly consistent query answered on the table and on the GSI: "accepted" or the refusal. */
    public record ConsistentReads(String onTable, String onGsi) {}

    /** How many of the verifier's orders one partition key holds, and what a put over an existing key answered. */
    public record SharedPartition(int found, String duplicatePut) {}

    /** What a transaction whose condition check fails answered, and whether its other write became visible. */
    public record Transaction(String answer, boolean otherWriteVisible) {}

    @Override
    public List<Check<Observed>> checks() {
        return List.of(
                new Check<Observed>("composite-key", "The table has a composite primary key (partition + sort)",
                        "Composite Key - Partition Key and Sort Key",
                        "A key schema cannot change, so recreate the table with " + PARTITION_KEY + " (S) as partition key and "
                                + SORT_KEY + " (S) as sort key: aws dynamodb create-table --table-name {table}"
                                + " --attribute-definitions AttributeName=" + PARTITION_KEY + ",AttributeType=S AttributeName="
                                + SORT_KEY + ",AttributeType=S --key-schema AttributeName=" + PARTITION_KEY + ",KeyType=HASH"
                                + " AttributeName=" + SORT_KEY + ",KeyType=RANGE --billing-mode PAY_PER_REQUEST;"
                                + " in CDK, TableProps.partitionKey and sortKey.",
                        o -> o.table().its("key schema", Table::keys)
                                .should(eq(PARTITION_KEY + " HASH (S), " + SORT_KEY + " RANGE (S)")))
                        .forTask(1),
                new Check<Observed>("lsi", "A local secondary index keeps the partition key with another sort key",
                        "Local Secondary Index - Created at table creation (and fixed) - Same Partition Key, different sort key",
                        "Local secondary indexes exist only from table creation: recreate the table with an LSI named "
                                + LSI + " on " + PARTITION_KEY + " and " + LSI_KEY + " (N), adding to create-table"
                                + " AttributeName=" + LSI_KEY + ",AttributeType=N in --attribute-definitions and"
                                + " --local-secondary-indexes 'IndexName=" + LSI + ",KeySchema=[{AttributeName=" + PARTITION_KEY
                                + ",KeyType=HASH},{AttributeName=" + LSI_KEY + ",KeyType=RANGE}],Projection={ProjectionType=ALL}';"
                                + " in CDK, Table.addLocalSecondaryIndex(LocalSecondaryIndexProps: indexName, sortKey).",
                        o -> o.table().its("LSI " + LSI, t -> t.localIndex(LSI))
                                .should(eq(PARTITION_KEY + " HASH (S), " + LSI_KEY + " RANGE (N)")))
                        .forTask(2),
                new Check<Observed>("gsi", "A global secondary index has a different partition key",
                        "Global Secondary Index - Different Partition Key and sort key",
                        "Add a global secondary index named " + GSI + " with partition key " + GSI_KEY + " (S) and sort key "
                                + SORT_KEY + " (S): aws dynamodb update-table --table-name {table} --attribute-definitions"
                                + " AttributeName=" + GSI_KEY + ",AttributeType=S AttributeName=" + SORT_KEY + ",AttributeType=S"
                                + " --global-secondary-index-updates 'Create={IndexName=" + GSI + ",KeySchema=[{AttributeName="
                                + GSI_KEY + ",KeyType=HASH},{AttributeName=" + SORT_KEY + ",KeyType=RANGE}],"
                                + "Projection={ProjectionType=ALL}}'; in CDK, Table.addGlobalSecondaryIndex"
                                + "(GlobalSecondaryIndexProps: indexName, partitionKey, sortKey).",
                        o -> o.table().its("GSI " + GSI, t -> t.globalIndex(GSI))
                                .should(eq(GSI_KEY + " HASH (S), " + SORT_KEY + " RANGE (S)")))
                        .forTask(3),
                new Check<Observed>("ttl-enabled", "TTL is enabled on a Unix-epoch attribute",
                        "TTL - Stored as attribute in Unix timestamp format",
                        "Turn on Time to Live for the attribute " + TTL_ATTRIBUTE + ": aws dynamodb update-time-to-live"
                                + " --table-name {table} --time-to-live-specification Enabled=true,AttributeName=" + TTL_ATTRIBUTE
                                + "; in CDK, TableProps.timeToLiveAttribute(\"" + TTL_ATTRIBUTE + "\").",
                        o -> o.ttl().its("TTL", ttl -> ttl.timeToLiveStatusAsString()
                                        + (ttl.attributeName() == null ? "" : " on " + ttl.attributeName()))
                                .should(oneOf("ENABLED on " + TTL_ATTRIBUTE, "ENABLING on " + TTL_ATTRIBUTE)))
                        .forTask(4),
                new Check<Observed>("stream", "A stream records new and old images",
                        "Dynamo DB Streams - Time order sequence of modification events",
                        "Enable DynamoDB Streams with the view type NEW_AND_OLD_IMAGES: aws dynamodb update-table --table-name"
                                + " {table} --stream-specification StreamEnabled=true,StreamViewType=NEW_AND_OLD_IMAGES;"
                                + " in CDK, TableProps.stream(StreamViewType.NEW_AND_OLD_IMAGES).",
                        o -> o.table().its("stream", Table::stream)
                                .should(eq("NEW_AND_OLD_IMAGES")))
                        .forTask(5),
                new Check<Observed>("query-sorted", "A query returns items sorted by sort key, reversed with ScanIndexForward=false",
                        "Query: Always sorted by Sort Key - Can be reversed using ScanIndexForward parameter",
                        "Items of one partition come back in sort-key order only when the table has a sort key ("
                                + SORT_KEY + ").",
                        o -> CheckResult.all(
                                o.ordering().its("query of orders written as " + SORT_KEYS + ":", Ordering::forward)
                                        .should(eq(SORT_KEYS.stream().sorted().toList())),
                                o.ordering().its("with ScanIndexForward=false", Ordering::backward)
                                        .should(eq(SORT_KEYS.stream().sorted(Comparator.reverseOrder()).toList()))))
                        .forTask(1),
                new Check<Observed>("projection", "ProjectionExpression returns only the attributes asked for",
                        "By default All attributes - ProjectionExpression to get subset",
                        "Ask for a subset with ProjectionExpression, for example \"" + SORT_KEY + ", " + LSI_KEY + "\".",
                        o -> o.projected().its("attributes returned for \"" + SORT_KEY + ", " + LSI_KEY + "\":")
                                .should(containsExactlyInAnyOrder(List.of(SORT_KEY, LSI_KEY))))
                        .forTask(1),
                new Check<Observed>("consistent-read", "A strongly consistent read works on the table and is refused on the GSI",
                        "Consistency - Eventual (default) or Strongly; Query is Eventually Consistent by Default",
                        "Strongly consistent reads are for the table and its LSIs; a GSI is always eventually consistent."
                                + " The check reads the GSI " + GSI + ", which must exist.",
                        o -> CheckResult.all(
                                o.consistentReads().its("strongly consistent query on the table", ConsistentReads::onTable)
                                        .should(eq(Answers.ACCEPTED)),
                                o.consistentReads().its("on GSI " + GSI, ConsistentReads::onGsi)
                                        .should(startsWith(GSI_CONSISTENT_READ_REFUSAL))))
                        .forTask(3),
                new Check<Observed>("same-partition-key", "Items share a partition key with different sort keys; a put over an existing key is refused",
                        "2 items may have same partition key but not primary key",
                        "With a sort key, items with one partition key and different sort keys coexist; guard puts with"
                                + " ConditionExpression attribute_not_exists(" + PARTITION_KEY + ").",
                        o -> CheckResult.all(
                                o.sharedPartition().its("orders of one customer kept", SharedPartition::found)
                                        .should(eq(SORT_KEYS.size())),
                                o.sharedPartition().its("put guarded by attribute_not_exists over one of them",
                                                SharedPartition::duplicatePut)
                                        .should(startsWith("ConditionalCheckFailedException"))))
                        .forTask(1),
                new Check<Observed>("transaction", "A transaction in which one condition fails writes nothing",
                        "Transactions - All or nothing action across multiple tables",
                        "TransactWriteItems is all or nothing: when one condition fails, no write in it happens.",
                        o -> CheckResult.all(
                                o.transaction().its("transaction with a failing condition check", Transaction::answer)
                                        .should(startsWith("TransactionCanceledException")),
                                o.transaction().its("its put written", Transaction::otherWriteVisible).should(isFalse())))
                        .forTask(1),
                new Check<Observed>("parallel-scan", "A parallel scan returns every item exactly once",
                        "Can run scan in parallel scans - Logically divide table into segment and scan in parallel",
                        "Scan with Segment 0.." + (SCAN_SEGMENTS - 1) + " and TotalSegments " + SCAN_SEGMENTS
                                + "; together the segments cover the table once. The verifier scans a table of its own keyed as"
                                + " {table} (a scan reads a whole table, and yours may be large): its orders must fit those keys.",
                        o -> o.parallelScan().its("times each item came back from " + SCAN_SEGMENTS + " segments",
                                        TreeMap::new)
                                .should(eq(eachOnce(SCAN_ITEMS))))
                        .forTask(1),
                new Check<Observed>("ttl-filter", "A filter on the TTL attribute leaves out items that have expired",
                        "TTL - Automatically deleted at some point after (within 48 hours) - Can filter in scans/queries",
                        "Expired items may linger up to 48 hours: filter with " + TTL_ATTRIBUTE + " > :now.",
                        o -> o.ttlFiltered().its("items kept by " + TTL_ATTRIBUTE + " > :now of [expired, live]:")
                                .should(eq(List.of("live"))))
                        .forTask(4));
    }

    /** The parallel scan's expectation: each of the verifier's items, seen once. */
    static Map<String, Integer> eachOnce(int n) {
        return IntStream.range(0, n).boxed().collect(Collectors.toMap(i -> "item-" + i, i -> 1, Integer::sum, TreeMap::new));
    }

    @Override
    public Observed observe(Session session) {
        return OrdersProbe.observe(session);
    }
}
