package dev.dvalabs.exercises.dynamodbgsittl;

import dev.dvalabs.targets.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;

/**
 * The items the verifier writes into the learner's table, remembered so that they are removed however
 * verify ends: at the end of observe, or by {@link #close()} from the thread of an interrupted JVM's
 * shutdown hook while observe is still running. Every write happens under one lock with the record of
 * it, so that close never misses a write that is under way, and none happens after close.
 */
final class OwnItems implements AutoCloseable {

    /** Until the table is described, the key the instructions ask for; the real schema replaces it. */
    static final List<KeySchemaElement> INSTRUCTED_KEY = List.of(
            KeySchemaElement.builder().attributeName(DynamodbGsiTtlVerifier.PARTITION_KEY).keyType(KeyType.HASH).build(),
            KeySchemaElement.builder().attributeName(DynamodbGsiTtlVerifier.SORT_KEY).keyType(KeyType.RANGE).build());

    private final Object lock = new Object();
    private final List<Map<String, AttributeValue>> written = new ArrayList<>();
    private Target target;
    private String table;
    private List<KeySchemaElement> keySchema = INSTRUCTED_KEY;
    private boolean closed;

    /** Where the coming writes go. */
    void in(Target target, String table) {
        synchronized (lock) {
            this.target = target;
            this.table = table;
            this.keySchema = INSTRUCTED_KEY;
        }
    }

    /** The table's real key schema, which removing an item needs (the starter has a partition key only). */
    void keyedBy(List<KeySchemaElement> schema) {
        synchronized (lock) {
            this.keySchema = List.copyOf(schema);
        }
    }

    /**
     * Runs {@code write}, which writes {@code item}, remembering the item first: a write that AWS refused
     * or that half-happened is still deleted. After {@link #close()} nothing is written any more.
     */
    void write(Map<String, AttributeValue> item, Runnable write) {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("verify was interrupted and has removed its test data; it writes no more");
            }
            written.add(item);
            write.run();
        }
    }

    /** Deletes every item written so far; later writes are still allowed, as observe may run again. */
    void removeAll() {
        List<Map<String, AttributeValue>> items;
        List<KeySchemaElement> schema;
        Target where;
        String from;
        synchronized (lock) {
            items = List.copyOf(written);
            written.clear();
            schema = keySchema;
            where = target;
            from = table;
        }
        if (items.isEmpty()) {
            return;
        }
        try (DynamoDbClient dynamo = where.client(DynamoDbClient.builder())) {
            for (Map<String, AttributeValue> item : items) {
                try {
                    dynamo.deleteItem(d -> d.tableName(from).key(keyOf(item, schema)));
                } catch (AwsServiceException e) {
                    // Never written (the put was refused, as a table keyed otherwise refuses it), or the
                    // table is gone: nothing to remove.
                }
            }
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

    /** The item's key under {@code schema}; an attribute the item lacks is left out, for DynamoDB to refuse. */
    static Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item, List<KeySchemaElement> schema) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        schema.stream().filter(k -> item.containsKey(k.attributeName()))
                .forEach(k -> key.put(k.attributeName(), item.get(k.attributeName())));
        return key;
    }
}
