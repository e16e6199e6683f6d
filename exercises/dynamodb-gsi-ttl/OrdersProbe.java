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

import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.exercises.dynamodbgsittl.DynamodbGsiTtlVerifier.ConsistentReads;
import dev.dvalabs.exercises.dynamodbgsittl.DynamodbGsiTtlVerifier.Observed;
import dev.dvalabs.exercises.dynamodbgsittl.DynamodbGsiTtlVerifier.Ordering;
import dev.dvalabs.exercises.dynamodbgsittl.DynamodbGsiTtlVerifier.SharedPartition;
import dev.dvalabs.exercises.dynamodbgsittl.DynamodbGsiTtlVerifier.Transaction;
import dev.dvalabs.probe.Answers;
import dev.dvalabs.probe.OwnTable;
import dev.dvalabs.probe.Table;
import dev.dvalabs.probe.WrittenItem;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Session;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;

/**
 * One look at the learner's orders table: its description, then the behaviour the notes teach, exercised
 * with the verifier's own items (their partition key is the run's mark), each journaled by the session
 * before it is written and deleted by its key after. Every read of the learner's table is a query of the
 * verifier's own partitions or a read of one item: none grows with the learner's items. The parallel scan,
 * which reads a whole table, runs on a table of the verifier's own.
 */
final class OrdersProbe {

    private final Session session;
    private final DynamoDbClient dynamo;
    private final Table table;
    private final String run;
    private final long now;

    private OrdersProbe(Session session, Table table) {
        this.session = session;
        this.dynamo = session.client(DynamoDbClient.class);
        this.table = table;
        this.run = session.marker().value();
        this.now = session.now().getEpochSecond();
    }

    static Observed observe(Session session) {
        DynamoDbClient dynamo = session.client(DynamoDbClient.class);
        String name = session.name("table");
        Fact<Table> described = Table.read(dynamo, name);
        Fact<TimeToLiveDescription> ttl = Table.timeToLive(dynamo, name);
        Fact<OrdersProbe> probe = described.map(t -> new OrdersProbe(session, t));
        Fact<OrdersProbe> orders = probe.then(p -> p.about(p::writeOrders));
        return new Observed(
                described,
                ttl,
                orders.then(p -> p.about(() -> new Ordering(p.queryOwnPartition(true), p.queryOwnPartition(false)))),
                orders.then(p -> p.about(p::projected)),
                probe.map(p -> new ConsistentReads(Answers.of(p::consistentReadOnTable), Answers.of(p::consistentReadOnGsi))),
                orders.then(p -> p.about(p::sharedPartition)),
                probe.then(p -> p.about(p::transaction)),
                probe.then(OrdersProbe::parallelScan),
                probe.then(p -> p.about(p::ttlFiltered)));
    }

    private <T> Fact<T> about(Supplier<T> observation) {
        return Fact.about("table " + table.name(), observation);
    }

    private OrdersProbe writeOrders() {
        for (int i = 0; i < SORT_KEYS.size(); i++) {
            put(order(run, SORT_KEYS.get(i), (i + 1) * 10, now + 86_400));
        }
        return this;
    }

    private List<String> queryOwnPartition(boolean forward) {
        return dynamo.query(q -> q.tableName(table.name()).scanIndexForward(forward)
                        .keyConditionExpression("#pk = :pk")
                        .expressionAttributeNames(Map.of("#pk", PARTITION_KEY))
                        .expressionAttributeValues(Map.of(":pk", s(run))))
                .items().stream().map(i -> i.get(SORT_KEY).s()).toList();
    }

    private Set<String> projected() {
        var item = dynamo.query(q -> q.tableName(table.name()).limit(1)
                .keyConditionExpression("#pk = :pk")
                .projectionExpression("#sk, #total")
                .expressionAttributeNames(Map.of("#pk", PARTITION_KEY, "#sk", SORT_KEY, "#total", LSI_KEY))
                .expressionAttributeValues(Map.of(":pk", s(run)))).items();
        return item.isEmpty() ? Set.of() : Set.copyOf(item.get(0).keySet());
    }

    private void consistentReadOnTable() {
        dynamo.query(q -> q.tableName(table.name()).consistentRead(true)
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
        String key = table.globalIndexPartitionKey(GSI).orElse(GSI_KEY);
        dynamo.query(q -> q.tableName(table.name()).indexName(GSI).consistentRead(true)
                .keyConditionExpression("#k = :k")
                .expressionAttributeNames(Map.of("#k", key))
                .expressionAttributeValues(Map.of(":k", typed(key, "1"))));
    }

    private SharedPartition sharedPartition() {
        int found = queryOwnPartition(true).size();
        Map<String, AttributeValue> again = order(run, SORT_KEYS.get(0), 99, now + 86_400);
        String duplicate = Answers.of(() -> WrittenItem.write(session, table.name(), key(again), () ->
                dynamo.putItem(p -> p.tableName(table.name()).item(again)
                        .conditionExpression("attribute_not_exists(#pk)")
                        .expressionAttributeNames(Map.of("#pk", PARTITION_KEY)))));
        return new SharedPartition(found, duplicate);
    }

    private Transaction transaction() {
        Map<String, AttributeValue> first = order(run + "-txn-a", "2026-02-01", 1, now + 86_400);
        Map<String, AttributeValue> missing = Map.of(PARTITION_KEY, s(run + "-txn-missing"), SORT_KEY, s("2026-02-01"));
        String answer = Answers.of(() -> WrittenItem.write(session, table.name(), key(first), () ->
                dynamo.transactWriteItems(t -> t.transactItems(
                        i -> i.put(p -> p.tableName(table.name()).item(first)),
                        i -> i.conditionCheck(c -> c.tableName(table.name()).key(key(missing))
                                .conditionExpression("attribute_exists(#pk)")
                                .expressionAttributeNames(Map.of("#pk", PARTITION_KEY)))))));
        var read = dynamo.getItem(g -> g.tableName(table.name()).key(key(first)).consistentRead(true));
        return new Transaction(answer, read.hasItem() && !read.item().isEmpty());
    }

    /**
     * A parallel scan of a table of the verifier's own, keyed as the learner's table is, holding only the
     * verifier's {@link DynamodbGsiTtlVerifier#SCAN_ITEMS} orders: a scan reads every item of a table, so on
     * the learner's it would cost as much as their data. Keyed the same, it refuses the orders the learner's
     * table would refuse (a sort key of the wrong type), so the check fails where the table cannot hold them.
     */
    private Fact<Map<String, Integer>> parallelScan() {
        String own = run + "-scan";
        // Every key attribute has its type on AWS; one moto's UpdateTable dropped (deviations.yaml) is a string here.
        List<AttributeDefinition> keys = table.keySchema().stream().map(k -> AttributeDefinition.builder()
                .attributeName(k.attributeName()).attributeType(table.attributeType(k.attributeName()).orElse("S")).build())
                .toList();
        return OwnTable.create(session, CreateTableRequest.builder()
                        .tableName(own).billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(keys)
                        .keySchema(table.keySchema())
                        .tags(t -> t.key(ExerciseStack.TAG_EXERCISE).value(session.exercise())).build())
                .then(scanned -> Fact.about("the verifier's own table " + own + ", keyed as " + table.name(), () -> {
                    String prefix = run + "-item-";
                    for (int i = 0; i < SCAN_ITEMS; i++) {
                        WrittenItem.put(session, own, order(prefix + i, "2026-03-01", i, now + 86_400), table.keySchema());
                    }
                    Map<String, Integer> seen = new LinkedHashMap<>();
                    for (int segment = 0; segment < SCAN_SEGMENTS; segment++) {
                        int s = segment;
                        dynamo.scanPaginator(r -> r.tableName(own).segment(s).totalSegments(SCAN_SEGMENTS)).items()
                                .forEach(item -> seen.merge(item.get(PARTITION_KEY).s().substring(run.length() + 1), 1,
                                        Integer::sum));
                    }
                    return seen;
                }));
    }

    /** Two items of their own partitions, one expired and one live, each read back by a query filtering on the TTL. */
    private List<String> ttlFiltered() {
        String prefix = run + "-ttl-";
        put(order(prefix + "expired", "2026-04-01", 1, now - 3_600));
        put(order(prefix + "live", "2026-04-01", 2, now + 3_600));
        List<String> kept = new ArrayList<>();
        for (String which : List.of("expired", "live")) {
            dynamo.query(q -> q.tableName(table.name())
                            .keyConditionExpression("#pk = :pk")
                            .filterExpression("#ttl > :now")
                            .expressionAttributeNames(Map.of("#pk", PARTITION_KEY, "#ttl", TTL_ATTRIBUTE))
                            .expressionAttributeValues(Map.of(":pk", s(prefix + which), ":now", n(now))))
                    .items().forEach(item -> kept.add(item.get(PARTITION_KEY).s().substring(prefix.length())));
        }
        return kept;
    }

    /**
     * An item's key under the table's own key schema: the starter's table has a partition key only, and
     * a request naming a sort key it does not have is refused before the behaviour is seen.
     */
    private Map<String, AttributeValue> key(Map<String, AttributeValue> item) {
        return WrittenItem.keyOf(item, table.keySchema());
    }

    private void put(Map<String, AttributeValue> item) {
        WrittenItem.put(session, table.name(), item, table.keySchema());
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
        return switch (table.attributeType(attribute).orElse("N")) {
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
