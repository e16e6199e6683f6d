package dev.dvalabs.exercises.dynamodbstreamslambda;

import dev.dvalabs.targets.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The verifier's own order going through its life in the orders table (INSERT, MODIFY, REMOVE), and the
 * audit items the function wrote for it. Its key starts with {@code dva-labs-verify-}; the order and its
 * audit items are removed however verify ends: after observe, or by {@link #close()} from another thread
 * while observe still runs. Writes happen under one lock with the record of them, and none after close.
 */
final class AuditTrail implements AutoCloseable {

    /** One audit item: the record's event name and the images it carried, as DynamoDB JSON, null when absent. */
    record Audited(String eventName, String newImage, String oldImage) {}

    private static final Duration POLL = Duration.ofMillis(250);
    /** How long, after the REMOVE, the audit item of a record still under way may take to arrive once closing. */
    private static final Duration SETTLE = Duration.ofSeconds(5);

    private final Object lock = new Object();
    private final Target target;
    private final String orders;
    private final String audit;
    private final String orderId;
    private boolean written;
    private boolean closed;

    AuditTrail(Target target, String orders, String audit, String orderId) {
        this.target = target;
        this.orders = orders;
        this.audit = audit;
        this.orderId = orderId;
    }

    /** Creates the order with {@code status}, changes it to {@code changedStatus}, then deletes it. */
    void live(String status, String changedStatus) {
        Map<String, AttributeValue> key = Map.of(DynamodbStreamsLambdaVerifier.ORDER_KEY, AttributeValue.fromS(orderId));
        try (DynamoDbClient dynamo = target.client(DynamoDbClient.builder())) {
            write(() -> dynamo.putItem(p -> p.tableName(orders).item(Map.of(
                    DynamodbStreamsLambdaVerifier.ORDER_KEY, AttributeValue.fromS(orderId),
                    "status", AttributeValue.fromS(status),
                    "note", AttributeValue.fromS("written by dva-labs verify; removed after")))));
            write(() -> dynamo.updateItem(u -> u.tableName(orders).key(key).updateExpression("SET #s = :s")
                    .expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(changedStatus)))));
            write(() -> dynamo.deleteItem(d -> d.tableName(orders).key(key)));
        }
    }

    /**
     * The audit items for the order as soon as one for {@code last} is among them, or those there are
     * when {@code wait} has passed: records of one item reach the function in the order they were made,
     * so the audit of the last one proves that every record before it was handled too.
     */
    List<Audited> awaitUntil(String last, Duration wait) {
        Instant deadline = Instant.now().plus(wait);
        try (DynamoDbClient dynamo = target.client(DynamoDbClient.builder())) {
            while (true) {
                List<Audited> seen = read(dynamo);
                if (seen.stream().anyMatch(a -> a.eventName().equals(last)) || !Instant.now().isBefore(deadline)) {
                    return seen;
                }
                sleep();
            }
        }
    }

    private List<Audited> read(DynamoDbClient dynamo) {
        return items(dynamo).stream().map(i -> new Audited(text(i, "eventName"), text(i, "newImage"), text(i, "oldImage")))
                .toList();
    }

    /** The audit items written for the order, read strongly consistent. */
    private List<Map<String, AttributeValue>> items(DynamoDbClient dynamo) {
        return dynamo.queryPaginator(q -> q.tableName(audit).consistentRead(true)
                        .keyConditionExpression("#k = :k")
                        .expressionAttributeNames(Map.of("#k", DynamodbStreamsLambdaVerifier.ORDER_KEY))
                        .expressionAttributeValues(Map.of(":k", AttributeValue.fromS(orderId))))
                .items().stream().toList();
    }

    private static String text(Map<String, AttributeValue> item, String attribute) {
        AttributeValue value = item.get(attribute);
        return value == null ? null : value.s();
    }

    private void write(Runnable write) {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("verify was interrupted and has removed its test data; it writes no more");
            }
            written = true;
            write.run();
        }
    }

    /**
     * Deletes the order if it is still there and every audit item written for it. When the order was
     * still there, its REMOVE is on its way to the function: its audit item is awaited, briefly, first.
     */
    void removeAll() {
        synchronized (lock) {
            if (!written) {
                return;
            }
        }
        try (DynamoDbClient dynamo = target.client(DynamoDbClient.builder())) {
            boolean wasThere = dynamo.deleteItem(d -> d.tableName(orders)
                    .key(Map.of(DynamodbStreamsLambdaVerifier.ORDER_KEY, AttributeValue.fromS(orderId)))
                    .returnValues("ALL_OLD")).hasAttributes();
            if (wasThere) {
                awaitUntil("REMOVE", SETTLE);
            }
            items(dynamo).forEach(item -> dynamo.deleteItem(d -> d.tableName(audit).key(Map.of(
                    DynamodbStreamsLambdaVerifier.ORDER_KEY, item.get(DynamodbStreamsLambdaVerifier.ORDER_KEY),
                    DynamodbStreamsLambdaVerifier.EVENT_KEY, item.get(DynamodbStreamsLambdaVerifier.EVENT_KEY)))));
        } catch (AwsServiceException e) {
            // A table that is gone, or keyed otherwise than the instructions say, holds nothing of the verifier's.
        }
    }

    /** Removes what was written and refuses further writes; safe to call again, and from any thread. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
        }
        removeAll();
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the audit items", e);
        }
    }
}
