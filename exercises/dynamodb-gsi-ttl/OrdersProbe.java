package dev.dvalabs.exercises.dynamodbgsittl;

import static dev.dvalabs.exercises.dynamodbgsittl.DynamodbGsiTtlVerifier.GSI;
import static dev.dvalabs.exercises.dynamodbgsittl.DynamodbGsiTtlVerifier.GSI_KEY;
import static dev.dvalabs.exercises.dynamodbgsittl.DynamodbGsiTtlVerifier.LSI_KEY;
import static dev.dvalabs.exercises.dynamodbgsittl.DynamodbGsiTtlVerifier.PARTITION_KEY;
import static dev.dvalabs.exercises.dynamodbgsittl.DynamodbGsiTtlVerifier.SCAN_ITEMS;
import static dev.dvalabs.exercises.dynamodbgsittl.DynamodbGsiTtlVerifier.SCAN_SEGMENTS;
import static dev.dvalabs.exercises.dynamodbgsittl.DynamodbGsiTtlVerifier.SORT_KEY;
import static dev.dvalabs.exercises.dynamodbgsittl.DynamodbGsiTtlVerifier.SORT_KEYS;
import static dev.dvalabs.exercises.dynamodbgsittl.DynamodbGsiTtlVerifier.TTL_ATTRIBUTE;

import dev.dvalabs.exercises.dynamodbgsittl.DynamodbGsiTtlVerifier.ConsistentReads;
import dev.dvalabs.exercises.dynamodbgsittl.DynamodbGsiTtlVerifier.Observed;
import dev.dvalabs.exercises.dynamodbgsittl.DynamodbGsiTtlVerifier.Ordering;
import dev.dvalabs.exercises.dynamodbgsittl.DynamodbGsiTtlVerifier.SharedPartition;
import dev.dvalabs.exercises.dynamodbgsittl.DynamodbGsiTtlVerifier.Transaction;
import dev.dvalabs.probe.Answers;
import dev.dvalabs.probe.DynamoDb;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.RunMarker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;

/**
 * One look at the learner's orders table: its description, then the behaviour the notes teach,
 * exercised with the verifier's own items (their partition key starts with {@code dva-labs-verify-}),
 * each written through {@link OwnItems} so that it is removed again.
 */
final class OrdersProbe {

    private final DynamoDbClient dynamo;
    private final String table;
    private final OwnItems items;
    private final String run = RunMarker.start().value();
    private final long now = Instant.now().getEpochSecond();
    private TableDescription description = TableDescription.builder().build();

    OrdersProbe(DynamoDbClient dynamo, String table, OwnItems items) {
        this.dynamo = dynamo;
        this.table = table;
        this.items = items;
    }

    /** Removes the items of an earlier verify that was killed before its own cleanup, so none stays for good. */
    private void removeLeftovers() {
        try {
            DynamoDb.removeLeftovers(dynamo, description);
        } catch (AwsServiceException e) {
            // Not allowed to scan or delete: the leftovers stay, and the checks judge only this run's items anyway.
        }
    }

    Observed observe() {
        Fact<TableDescription> described = about(() -> dynamo.describeTable(r -> r.tableName(table)).table());
        if (!described.refused()) {
            description = described.value();
            items.keyedBy(description.keySchema());
            removeLeftovers();
        }
        Fact<TimeToLiveDescription> ttl = about(() ->
                dynamo.describeTimeToLive(r -> r.tableName(table)).timeToLiveDescription());
        Fact<Integer> orders = about(() -> {
            for (int i = 0; i < SORT_KEYS.size(); i++) {
                put(order(run, SORT_KEYS.get(i), (i + 1) * 10, now + 86_400));
            }
            return SORT_KEYS.size();
        });
        return new Observed(
                described,
                ttl,
                orders.refused() ? orders.as() : about(() -> new Ordering(queryOwnPartition(true), queryOwnPartition(false))),
                orders.refused() ? orders.as() : about(this::projected),
                Fact.of(new ConsistentReads(Answers.of(this::consistentReadOnTable), Answers.of(this::consistentReadOnGsi))),
                orders.refused() ? orders.as() : about(this::sharedPartition),
                about(this::transaction),
                about(this::parallelScan),
                about(this::ttlFiltered));
    }

    private <T> Fact<T> about(Supplier<T> observation) {
        return Fact.about("table " + table, observation);
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

    private void consistentReadOnTable() {
        dynamo.query(q -> q.tableName(table).consistentRead(true)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", PARTITION_KEY))
                .expressionAttributeValues(Map.of(":pk", s(run))));
    }

    /**
     * Queries the GSI by its own partition key, with a value of that key's type, so that the only thing
     * wrong with the request is the strongly consistent read: the gsi check judges the keys, this one
     * only what DynamoDB says about consistency.
     */
    private void consistentReadOnGsi() {
        String key = description.globalSecondaryIndexes().stream().filter(i -> i.indexName().equals(GSI)).findFirst()
                .map(GlobalSecondaryIndexDescription::keySchema).map(DynamoDb::hashKey).orElse(GSI_KEY);
        dynamo.query(q -> q.tableName(table).indexName(GSI).consistentRead(true)
                .keyConditionExpression("#k = :k")
                .expressionAttributeNames(Map.of("#k", key))
                .expressionAttributeValues(Map.of(":k", typed(key, "1"))));
    }

    private SharedPartition sharedPartition() {
        int found = queryOwnPartition(true).size();
        String duplicate = Answers.of(() -> items.write(order(run, SORT_KEYS.get(0), 99, now + 86_400),
                () -> dynamo.putItem(p -> p.tableName(table).item(order(run, SORT_KEYS.get(0), 99, now + 86_400))
                        .conditionExpression("attribute_not_exists(#pk)")
                        .expressionAttributeNames(Map.of("#pk", PARTITION_KEY)))));
        return new SharedPartition(found, duplicate);
    }

    private Transaction transaction() {
        Map<String, AttributeValue> first = order(run + "-txn-a", "2026-02-01", 1, now + 86_400);
        Map<String, AttributeValue> missing = Map.of(PARTITION_KEY, s(run + "-txn-missing"), SORT_KEY, s("2026-02-01"));
        String answer = Answers.of(() -> items.write(first, () -> dynamo.transactWriteItems(t -> t.transactItems(
                i -> i.put(p -> p.tableName(table).item(first)),
                i -> i.conditionCheck(c -> c.tableName(table).key(key(missing))
                        .conditionExpression("attribute_exists(#pk)")
                        .expressionAttributeNames(Map.of("#pk", PARTITION_KEY)))))));
        var read = dynamo.getItem(g -> g.tableName(table).key(key(first)).consistentRead(true));
        return new Transaction(answer, read.hasItem() && !read.item().isEmpty());
    }

    private Map<String, Integer> parallelScan() {
        String prefix = run + "-item-";
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
                    .items().forEach(item -> seen.merge(item.get(PARTITION_KEY).s().substring(run.length() + 1), 1, Integer::sum));
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

    /**
     * An item's key under the table's own key schema: the starter's table has a partition key only, and
     * a request naming a sort key it does not have is refused before the behaviour is seen.
     */
    private Map<String, AttributeValue> key(Map<String, AttributeValue> item) {
        return OwnItems.keyOf(item, description.hasKeySchema() ? description.keySchema() : OwnItems.INSTRUCTED_KEY);
    }

    private void put(Map<String, AttributeValue> item) {
        items.write(item, () -> dynamo.putItem(p -> p.tableName(table).item(item)));
    }

    /**
     * An order as the instructions describe it: customer and date as strings, the TTL as epoch seconds.
     * The total is written with the type the table gives it, so that a wrongly typed LSI fails the lsi
     * check alone rather than every check that writes. It carries no status: no check needs the GSI to
     * hold an item, and so a wrongly typed GSI key fails only the gsi check.
     */
    private Map<String, AttributeValue> order(String customer, String date, int total, long expiresAt) {
        return Map.of(PARTITION_KEY, s(customer), SORT_KEY, s(date), LSI_KEY, typed(LSI_KEY, Integer.toString(total)),
                TTL_ATTRIBUTE, n(expiresAt), "note", s("written by dva-labs verify; removed after"));
    }

    /** A value of the type the table defines for {@code attribute}, a number when it defines none. */
    private AttributeValue typed(String attribute, String text) {
        return switch (DynamoDb.attributeType(description, attribute).orElse("N")) {
            case "S" -> s(text);
            case "B" -> AttributeValue.fromB(SdkBytes.fromUtf8String(text));
            default -> AttributeValue.fromN(text);
        };
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
