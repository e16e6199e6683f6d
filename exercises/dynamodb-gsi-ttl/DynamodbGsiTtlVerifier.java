package dev.dvalabs.exercises.dynamodbgsittl;

import dev.dvalabs.verify.Check;
import dev.dvalabs.verify.CheckResult;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Verifier;

import dev.dvalabs.probe.DynamoDb;
import dev.dvalabs.targets.Target;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * dynamodb-gsi-ttl: an orders table with a composite primary key, a GSI, an LSI, TTL and a stream,
 * and the query, scan and transaction behaviour the DynamoDB notes teach.
 */
public final class DynamodbGsiTtlVerifier implements Verifier<DynamodbGsiTtlVerifier.Observed> {

    public static final String PARTITION_KEY = "customerId";
    public static final String SORT_KEY = "orderDate";
    public static final String GSI = "byStatus";
    public static final String GSI_KEY = "status";
    public static final String LSI = "byTotal";
    public static final String LSI_KEY = "total";
    public static final String TTL_ATTRIBUTE = "expiresAt";
    static final int SCAN_ITEMS = 10;
    static final int SCAN_SEGMENTS = 4;

    /** What the verifier saw; each fact is a value or the refusal AWS answered with. */
    public record Observed(
            Fact<TableDescription> table,
            Fact<TimeToLiveDescription> ttl,
            Fact<Ordering> ordering,
            Fact<Set<String>> projected,
            Fact<Integer> consistentReadOnTable,
            Fact<String> consistentReadOnGsi,
            Fact<SharedPartition> sharedPartition,
            Fact<Transaction> transaction,
            Fact<Map<String, Integer>> parallelScan,
            Fact<List<String>> ttlFiltered) {}

    /** Sort keys of one partition as a query returns them, forwards and with ScanIndexForward=false. */
    public record Ordering(List<String> written, List<String> forward, List<String> backward) {}

    /** How many items one partition key holds after writing several sort keys, and whether a put over an existing key was refused. */
    public record SharedPartition(int written, int found, String duplicatePut) {}

    /** Whether a transaction whose condition failed was cancelled, and whether its other write became visible. */
    public record Transaction(boolean cancelled, boolean otherWriteVisible) {}

    @Override
    public List<Check<Observed>> checks() {
        return List.of(
                new Check<>("composite-key", "The table has a composite primary key (partition + sort)",
                        "Composite Key - Partition Key and Sort Key",
                        "Create the table with " + PARTITION_KEY + " (S) as partition key and " + SORT_KEY
                                + " (S) as sort key; a key schema cannot change, so recreate the table.",
                        o -> o.table().judge(PARTITION_KEY + " HASH, " + SORT_KEY + " RANGE", t -> {
                            String keys = DynamoDb.keySchema(t.keySchema());
                            return CheckResult.when(keys.equals(PARTITION_KEY + " HASH, " + SORT_KEY + " RANGE"),
                                    keys, PARTITION_KEY + " HASH, " + SORT_KEY + " RANGE");
                        })),
                new Check<>("gsi", "A global secondary index has a different partition key",
                        "Global Secondary Index - Different Partition Key and sort key",
                        "Add a global secondary index named " + GSI + " with partition key " + GSI_KEY + " (S).",
                        o -> o.table().judge("GSI " + GSI + " on " + GSI_KEY, t -> {
                            Optional<GlobalSecondaryIndexDescription> gsi = t.globalSecondaryIndexes().stream()
                                    .filter(i -> i.indexName().equals(GSI)).findFirst();
                            String seen = t.globalSecondaryIndexes().isEmpty() ? "no global secondary index"
                                    : t.globalSecondaryIndexes().stream()
                                    .map(i -> i.indexName() + " (" + DynamoDb.keySchema(i.keySchema()) + ")")
                                    .collect(Collectors.joining("; "));
                            boolean ok = gsi.isPresent()
                                    && GSI_KEY.equals(DynamoDb.hashKey(gsi.get().keySchema()))
                                    && !GSI_KEY.equals(DynamoDb.hashKey(t.keySchema()));
                            return CheckResult.when(ok, seen, GSI + " with partition key " + GSI_KEY);
                        })),
                new Check<>("lsi", "A local secondary index keeps the partition key with another sort key",
                        "Local Secondary Index - Created at table creation (and fixed) - Same Partition Key, different sort key",
                        "Local secondary indexes exist only from table creation: recreate the table with an LSI named "
                                + LSI + " on " + PARTITION_KEY + " and " + LSI_KEY + " (N).",
                        o -> o.table().judge("LSI " + LSI + " on " + PARTITION_KEY + " + " + LSI_KEY, t -> {
                            Optional<LocalSecondaryIndexDescription> lsi = t.localSecondaryIndexes().stream()
                                    .filter(i -> i.indexName().equals(LSI)).findFirst();
                            String seen = t.localSecondaryIndexes().isEmpty() ? "no local secondary index"
                                    : t.localSecondaryIndexes().stream()
                                    .map(i -> i.indexName() + " (" + DynamoDb.keySchema(i.keySchema()) + ")")
                                    .collect(Collectors.joining("; "));
                            boolean ok = lsi.isPresent()
                                    && Objects.equals(DynamoDb.hashKey(lsi.get().keySchema()), DynamoDb.hashKey(t.keySchema()))
                                    && LSI_KEY.equals(DynamoDb.rangeKey(lsi.get().keySchema()));
                            return CheckResult.when(ok, seen, LSI + " with " + PARTITION_KEY + " HASH, " + LSI_KEY + " RANGE");
                        })),
                new Check<>("ttl-enabled", "TTL is enabled on a Unix-epoch attribute",
                        "TTL - Stored as attribute in Unix timestamp format",
                        "Turn on Time to Live for the attribute " + TTL_ATTRIBUTE
                                + " (aws dynamodb update-time-to-live, or TimeToLiveSpecification in the stack).",
                        o -> o.ttl().judge("ENABLED on " + TTL_ATTRIBUTE, ttl -> {
                            boolean on = ttl.timeToLiveStatus() == TimeToLiveStatus.ENABLED
                                    || ttl.timeToLiveStatus() == TimeToLiveStatus.ENABLING;
                            String seen = ttl.timeToLiveStatusAsString()
                                    + (ttl.attributeName() == null ? "" : " on " + ttl.attributeName());
                            return CheckResult.when(on && TTL_ATTRIBUTE.equals(ttl.attributeName()), seen,
                                    "ENABLED on " + TTL_ATTRIBUTE);
                        })),
                new Check<>("stream", "A stream records new and old images",
                        "Dynamo DB Streams - Time order sequence of modification events",
                        "Enable DynamoDB Streams with the view type NEW_AND_OLD_IMAGES.",
                        o -> o.table().judge("stream NEW_AND_OLD_IMAGES", t -> {
                            var spec = t.streamSpecification();
                            boolean on = spec != null && Boolean.TRUE.equals(spec.streamEnabled());
                            String seen = on ? "stream " + spec.streamViewTypeAsString() : "no stream";
                            return CheckResult.when(on && spec.streamViewType() == StreamViewType.NEW_AND_OLD_IMAGES,
                                    seen, "stream NEW_AND_OLD_IMAGES");
                        })),
                new Check<>("query-sorted", "A query returns items sorted by sort key, reversed with ScanIndexForward=false",
                        "Query: Always sorted by Sort Key - Can be reversed using ScanIndexForward parameter",
                        "Items of one partition come back in sort-key order only when the table has a sort key ("
                                + SORT_KEY + ").",
                        o -> o.ordering().judge("sorted forwards and backwards", ord -> {
                            List<String> sorted = ord.written().stream().sorted().toList();
                            List<String> reversed = new ArrayList<>(sorted);
                            java.util.Collections.reverse(reversed);
                            return CheckResult.when(ord.forward().equals(sorted) && ord.backward().equals(reversed),
                                    "wrote " + ord.written() + ", forward " + ord.forward() + ", backward " + ord.backward(),
                                    "forward " + sorted + ", backward " + reversed);
                        })),
                new Check<>("projection", "ProjectionExpression returns only the attributes asked for",
                        "By default All attributes - ProjectionExpression to get subset",
                        "Ask for a subset with ProjectionExpression, for example \"" + SORT_KEY + ", " + LSI_KEY + "\".",
                        o -> o.projected().judge("[" + SORT_KEY + ", " + LSI_KEY + "]", attrs ->
                                CheckResult.when(attrs.equals(Set.of(SORT_KEY, LSI_KEY)),
                                        new TreeSet<>(attrs).toString(),
                                        "[" + SORT_KEY + ", " + LSI_KEY + "]"))),
                new Check<>("consistent-read", "A strongly consistent read works on the table and is refused on the GSI",
                        "Consistency - Eventual (default) or Strongly; Query is Eventually Consistent by Default",
                        "Strongly consistent reads are for the table and its LSIs; a GSI is always eventually consistent."
                                + " The check needs the GSI " + GSI + ".",
                        o -> o.table().judge("GSI " + GSI + " present", t -> {
                            boolean hasGsi = t.globalSecondaryIndexes().stream().anyMatch(i -> i.indexName().equals(GSI));
                            if (!hasGsi) {
                                return CheckResult.fail("no GSI " + GSI + " to read from",
                                        "consistent read refused on " + GSI + ", accepted on the table");
                            }
                            String onTable = o.consistentReadOnTable().refused()
                                    ? "table refused: " + o.consistentReadOnTable() : "table answered";
                            String onGsi = o.consistentReadOnGsi().refused()
                                    ? "GSI refused: " + o.consistentReadOnGsi() : "GSI answered";
                            return CheckResult.when(!o.consistentReadOnTable().refused() && o.consistentReadOnGsi().refused(),
                                    onTable + "; " + onGsi, "table answered; GSI refused");
                        })),
                new Check<>("same-partition-key", "Items share a partition key with different sort keys; a put over an existing key is refused",
                        "2 items may have same partition key but not primary key",
                        "With a sort key, items with one partition key and different sort keys coexist; guard puts with"
                                + " ConditionExpression attribute_not_exists(" + PARTITION_KEY + ").",
                        o -> o.sharedPartition().judge("every item kept; duplicate refused", s -> {
                            boolean refused = s.duplicatePut().startsWith("ConditionalCheckFailed");
                            return CheckResult.when(s.found() == s.written() && refused,
                                    s.found() + " of " + s.written() + " items kept; duplicate put: " + s.duplicatePut(),
                                    s.written() + " of " + s.written() + " items kept; duplicate put: ConditionalCheckFailed");
                        })),
                new Check<>("transaction", "A transaction in which one condition fails writes nothing",
                        "Transactions - All or nothing action across multiple tables",
                        "TransactWriteItems is all or nothing: when one condition fails, no write in it happens.",
                        o -> o.transaction().judge("cancelled, nothing written", tx ->
                                CheckResult.when(tx.cancelled() && !tx.otherWriteVisible(),
                                        (tx.cancelled() ? "cancelled" : "not cancelled")
                                                + (tx.otherWriteVisible() ? ", other write visible" : ", nothing written"),
                                        "cancelled, nothing written"))),
                new Check<>("parallel-scan", "A parallel scan returns every item exactly once",
                        "Can run scan in parallel scans - Logically divide table into segment and scan in parallel",
                        "Scan with Segment 0.." + (SCAN_SEGMENTS - 1) + " and TotalSegments " + SCAN_SEGMENTS
                                + "; together the segments cover the table once.",
                        o -> o.parallelScan().judge("each of " + SCAN_ITEMS + " items once", seen -> {
                            boolean ok = seen.size() == SCAN_ITEMS && seen.values().stream().allMatch(n -> n == 1);
                            return CheckResult.when(ok, seen.size() + " distinct items, counts " + new TreeMap<>(seen).values(),
                                    "each of " + SCAN_ITEMS + " items once");
                        })),
                new Check<>("ttl-filter", "A filter on the TTL attribute leaves out items that have expired",
                        "TTL - Automatically deleted at some point after (within 48 hours) - Can filter in scans/queries",
                        "Expired items may linger up to 48 hours: filter with " + TTL_ATTRIBUTE + " > :now.",
                        o -> o.ttlFiltered().judge("[live]", kept ->
                                CheckResult.when(kept.equals(List.of("live")), kept.toString(), "[live]"))));
    }

    @Override
    public Observed observe(Target target, Map<String, String> names) {
        String table = names.getOrDefault("table", "dva-labs-orders");
        try (DynamoDbClient dynamo = target.client(DynamoDbClient.builder())) {
            return new Probe(dynamo, table).observe();
        }
    }

    /** Writes the verifier's own items, reads the facts, and removes the items again. */
    private static final class Probe {
        private final DynamoDbClient dynamo;
        private final String table;
        private final String run = "dva-labs-verify-" + UUID.randomUUID().toString().substring(0, 8);
        private final long now = Instant.now().getEpochSecond();
        private final List<Map<String, AttributeValue>> written = new ArrayList<>();
        private List<KeySchemaElement> keySchema = List.of();

        Probe(DynamoDbClient dynamo, String table) {
            this.dynamo = dynamo;
            this.table = table;
        }

        Observed observe() {
            Fact<TableDescription> description = Fact.observe(() -> dynamo.describeTable(r -> r.tableName(table)).table());
            if (!description.refused()) {
                keySchema = description.value().keySchema();
            }
            try {
                Fact<TimeToLiveDescription> ttl = Fact.observe(() ->
                        dynamo.describeTimeToLive(r -> r.tableName(table)).timeToLiveDescription());
                List<String> sortKeys = List.of("2026-01-03", "2026-01-01", "2026-01-02");
                Fact<Integer> orders = Fact.observe(() -> {
                    for (int i = 0; i < sortKeys.size(); i++) {
                        put(order(run, sortKeys.get(i), (i + 1) * 10, now + 86_400));
                    }
                    return sortKeys.size();
                });
                return new Observed(
                        description,
                        ttl,
                        orders.refused() ? Fact.refused(orders.toString()) : Fact.observe(() -> ordering(sortKeys)),
                        orders.refused() ? Fact.refused(orders.toString()) : Fact.observe(this::projected),
                        Fact.observe(() -> dynamo.query(q -> q.tableName(table).consistentRead(true)
                                .keyConditionExpression("#pk = :pk")
                                .expressionAttributeNames(Map.of("#pk", PARTITION_KEY))
                                .expressionAttributeValues(Map.of(":pk", s(run)))).count()),
                        Fact.observe(() -> {
                            dynamo.query(q -> q.tableName(table).indexName(GSI).consistentRead(true)
                                    .keyConditionExpression("#s = :s")
                                    .expressionAttributeNames(Map.of("#s", GSI_KEY))
                                    .expressionAttributeValues(Map.of(":s", s("NEW"))));
                            return "answered";
                        }),
                        orders.refused() ? Fact.refused(orders.toString()) : Fact.observe(() -> sharedPartition(sortKeys)),
                        Fact.observe(this::transaction),
                        Fact.observe(this::parallelScan),
                        Fact.observe(this::ttlFiltered));
            } finally {
                cleanUp();
            }
        }

        private Ordering ordering(List<String> sortKeys) {
            return new Ordering(sortKeys, queryOwnPartition(true), queryOwnPartition(false));
        }

        private List<String> queryOwnPartition(boolean forward) {
            return dynamo.query(q -> q.tableName(table).scanIndexForward(forward)
                            .keyConditionExpression("#pk = :pk")
                            .expressionAttributeNames(Map.of("#pk", PARTITION_KEY))
                            .expressionAttributeValues(Map.of(":pk", s(run))))
                    .items().stream().map(i -> i.get(SORT_KEY).s()).toList();
        }

        private Set<String> projected() {
            var item = dynamo.query(q -> q.tableName(table).limit(1)
                    .keyConditionExpression("#pk = :pk")
                    .projectionExpression("#sk, #total")
                    .expressionAttributeNames(Map.of("#pk", PARTITION_KEY, "#sk", SORT_KEY, "#total", LSI_KEY))
                    .expressionAttributeValues(Map.of(":pk", s(run)))).items();
            return item.isEmpty() ? Set.of() : Set.copyOf(item.get(0).keySet());
        }

        private SharedPartition sharedPartition(List<String> sortKeys) {
            int found = queryOwnPartition(true).size();
            String duplicate;
            try {
                dynamo.putItem(p -> p.tableName(table).item(order(run, sortKeys.get(0), 99, now + 86_400))
                        .conditionExpression("attribute_not_exists(#pk)")
                        .expressionAttributeNames(Map.of("#pk", PARTITION_KEY)));
                duplicate = "accepted";
            } catch (AwsServiceException e) {
                duplicate = Fact.refusalOf(e);
            }
            return new SharedPartition(sortKeys.size(), found, duplicate);
        }

        private Transaction transaction() {
            Map<String, AttributeValue> first = order(run + "-txn-a", "2026-02-01", 1, now + 86_400);
            Map<String, AttributeValue> missing = Map.of(PARTITION_KEY, s(run + "-txn-missing"), SORT_KEY, s("2026-02-01"));
            written.add(first);
            boolean cancelled;
            try {
                dynamo.transactWriteItems(t -> t.transactItems(
                        i -> i.put(p -> p.tableName(table).item(first)),
                        i -> i.conditionCheck(c -> c.tableName(table).key(key(missing))
                                .conditionExpression("attribute_exists(#pk)")
                                .expressionAttributeNames(Map.of("#pk", PARTITION_KEY)))));
                cancelled = false;
            } catch (TransactionCanceledException e) {
                cancelled = true;
            }
            var read = dynamo.getItem(g -> g.tableName(table).key(key(first)).consistentRead(true));
            boolean visible = read.hasItem() && !read.item().isEmpty();
            return new Transaction(cancelled, visible);
        }

        private Map<String, Integer> parallelScan() {
            String prefix = run + "-scan-";
            for (int i = 0; i < SCAN_ITEMS; i++) {
                put(order(prefix + i, "2026-03-01", i, now + 86_400));
            }
            Map<String, Integer> seen = new LinkedHashMap<>();
            for (int segment = 0; segment < SCAN_SEGMENTS; segment++) {
                int s = segment;
                dynamo.scanPaginator(r -> r.tableName(table).segment(s).totalSegments(SCAN_SEGMENTS)
                                .filterExpression("begins_with(#pk, :prefix)")
                                .expressionAttributeNames(Map.of("#pk", PARTITION_KEY))
                                .expressionAttributeValues(Map.of(":prefix", s(prefix))))
                        .items().forEach(item -> seen.merge(item.get(PARTITION_KEY).s(), 1, Integer::sum));
            }
            return seen;
        }

        private List<String> ttlFiltered() {
            String prefix = run + "-ttl-";
            put(order(prefix + "expired", "2026-04-01", 1, now - 3_600));
            put(order(prefix + "live", "2026-04-01", 2, now + 3_600));
            List<String> kept = new ArrayList<>();
            dynamo.scanPaginator(r -> r.tableName(table)
                            .filterExpression("begins_with(#pk, :prefix) AND #ttl > :now")
                            .expressionAttributeNames(Map.of("#pk", PARTITION_KEY, "#ttl", TTL_ATTRIBUTE))
                            .expressionAttributeValues(Map.of(":prefix", s(prefix), ":now", n(now))))
                    .items().forEach(item -> kept.add(item.get(PARTITION_KEY).s().substring(prefix.length())));
            return kept;
        }

        private void put(Map<String, AttributeValue> item) {
            written.add(item);
            dynamo.putItem(p -> p.tableName(table).item(item));
        }

        /** The key of an item under the table's real key schema, which may be the starter's partition key only. */
        private Map<String, AttributeValue> key(Map<String, AttributeValue> item) {
            List<KeySchemaElement> schema = keySchema.isEmpty()
                    ? List.of(KeySchemaElement.builder().attributeName(PARTITION_KEY).keyType(KeyType.HASH).build(),
                              KeySchemaElement.builder().attributeName(SORT_KEY).keyType(KeyType.RANGE).build())
                    : keySchema;
            Map<String, AttributeValue> key = new LinkedHashMap<>();
            schema.forEach(k -> key.put(k.attributeName(), item.get(k.attributeName())));
            return key;
        }

        private void cleanUp() {
            for (Map<String, AttributeValue> item : written) {
                try {
                    dynamo.deleteItem(d -> d.tableName(table).key(key(item)));
                } catch (AwsServiceException e) {
                    // The item was never written (the put was refused) or its key no longer fits: nothing to remove.
                }
            }
        }
    }

    static Map<String, AttributeValue> order(String customer, String date, int total, long expiresAt) {
        return Map.of(PARTITION_KEY, s(customer), SORT_KEY, s(date), GSI_KEY, s("NEW"),
                LSI_KEY, n(total), TTL_ATTRIBUTE, n(expiresAt), "note", s("written by dva-labs verify; removed after"));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
