package dev.dvalabs.exercises.dynamodbstreamslambda;

import dev.dvalabs.probe.WrittenItem;
import dev.dvalabs.verify.Session;
import dev.dvalabs.verify.Write;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * The verifier's own order going through its life in the orders table (INSERT, MODIFY, REMOVE), and the
 * audit items the function wrote for it, as one journaled write: its undoing deletes the order if it is
 * still there, waits briefly for the audit of that REMOVE, and deletes every audit item under the order's
 * exact key (its partition, which only this run's order has). Nothing is deleted by a prefix.
 */
record AuditTrail(String orders, String audit, String orderId) implements Write {

    /** One audit item: the record's event name and the images it carried, as DynamoDB JSON, null when absent. */
    record Audited(String eventName, String newImage, String oldImage) {}

    private static final Duration POLL = Duration.ofMillis(250);
    /** How long, after the REMOVE, the audit item of a record still under way may take to arrive once closing. */
    private static final Duration SETTLE = Duration.ofSeconds(5);

    /** Creates the order with {@code status}, changes it to {@code changedStatus}, then deletes it, each write journaled first. */
    void live(Session session, String status, String changedStatus) {
        DynamoDbClient dynamo = session.client(DynamoDbClient.class);
        session.write(this, () -> dynamo.putItem(p -> p.tableName(orders).item(Map.of(
                DynamodbStreamsLambdaVerifier.ORDER_KEY, AttributeValue.fromS(orderId),
                "status", AttributeValue.fromS(status),
                "note", AttributeValue.fromS("written by dva-labs verify; removed after")))));
        session.write(this, () -> dynamo.updateItem(u -> u.tableName(orders).key(key()).updateExpression("SET #s = :s")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(changedStatus)))));
        session.write(this, () -> dynamo.deleteItem(d -> d.tableName(orders).key(key())));
    }

    /**
     * The audit items for the order as soon as one for {@code last} is among them, or those there are
     * when {@code wait} has passed: records of one item reach the function in the order they were made,
     * so the audit of the last one proves that every record before it was handled too.
     */
    List<Audited> awaitUntil(Session session, String last, Duration wait) {
        return session.poll(wait, POLL).last(() -> read(session), seen -> seen.stream().anyMatch(a -> last.equals(a.eventName())));
    }

    private List<Audited> read(Session session) {
        return items(session.client(DynamoDbClient.class)).stream()
                .map(i -> new Audited(text(i, "eventName"), text(i, "newImage"), text(i, "oldImage"))).toList();
    }

    /** The audit items written for the order, read strongly consistent. */
    private List<Map<String, AttributeValue>> items(DynamoDbClient dynamo) {
        return dynamo.queryPaginator(q -> q.tableName(audit).consistentRead(true)
                        .keyConditionExpression("#k = :k")
                        .expressionAttributeNames(Map.of("#k", DynamodbStreamsLambdaVerifier.ORDER_KEY))
                        .expressionAttributeValues(Map.of(":k", AttributeValue.fromS(orderId))))
                .items().stream().toList();
    }

    private Map<String, AttributeValue> key() {
        return Map.of(DynamodbStreamsLambdaVerifier.ORDER_KEY, AttributeValue.fromS(orderId));
    }

    private static String text(Map<String, AttributeValue> item, String attribute) {
        AttributeValue value = item.get(attribute);
        return value == null ? null : value.s();
    }

    /**
     * Deletes the order if it is still there and every audit item written for it. When the order was
     * still there, its REMOVE is on its way to the function: its audit item is awaited, briefly, first. A
     * table that is gone holds nothing of the verifier's.
     */
    @Override
    public void undo(Session session) {
        DynamoDbClient dynamo = session.client(DynamoDbClient.class);
        try {
            boolean wasThere = dynamo.deleteItem(d -> d.tableName(orders).key(key()).returnValues("ALL_OLD")).hasAttributes();
            if (wasThere) {
                awaitUntil(session, "REMOVE", SETTLE);
            }
        } catch (ResourceNotFoundException gone) {
            // no orders table: no order, and no REMOVE to wait for
        }
        try {
            items(dynamo).forEach(item -> dynamo.deleteItem(d -> d.tableName(audit).key(Map.of(
                    DynamodbStreamsLambdaVerifier.ORDER_KEY, item.get(DynamodbStreamsLambdaVerifier.ORDER_KEY),
                    DynamodbStreamsLambdaVerifier.EVENT_KEY, item.get(DynamodbStreamsLambdaVerifier.EVENT_KEY)))));
        } catch (DynamoDbException e) {
            if (!WrittenItem.holdsNothingOfIt(e)) { // no audit table, or one keyed otherwise than the instructions say
                throw e;
            }
        }
    }

    @Override
    public String describe() {
        return "order " + orderId + " in table " + orders + " and its audit items in table " + audit;
    }
}
