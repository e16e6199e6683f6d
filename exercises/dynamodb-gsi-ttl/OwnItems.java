package dev.dvalabs.exercises.dynamodbgsittl;

import dev.dvalabs.targets.Target;
import dev.dvalabs.verify.OwnWrites;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;

/**
 * The items the verifier writes into the learner's table, each recorded before it is written (see
 * {@link OwnWrites}) so that it is removed however verify ends, even by {@link #close()} from another
 * thread while observe is still running.
 */
final class OwnItems implements AutoCloseable {

    /** Until the table is described, the key the instructions ask for; the real schema replaces it. */
    static final List<KeySchemaElement> INSTRUCTED_KEY = List.of(
            KeySchemaElement.builder().attributeName(DynamodbGsiTtlVerifier.PARTITION_KEY).keyType(KeyType.HASH).build(),
            KeySchemaElement.builder().attributeName(DynamodbGsiTtlVerifier.SORT_KEY).keyType(KeyType.RANGE).build());

    private record Written(Target target, String table, Map<String, AttributeValue> item) {}

    private final OwnWrites<Written> writes = new OwnWrites<>(this::delete);
    private volatile Target target;
    private volatile String table;
    private volatile List<KeySchemaElement> keySchema = INSTRUCTED_KEY;

    /** Where the coming writes go. */
    void in(Target target, String table) {
        this.target = target;
        this.table = table;
        this.keySchema = INSTRUCTED_KEY;
    }

    /** The table's real key schema, which removing an item needs (the starter has a partition key only). */
    void keyedBy(List<KeySchemaElement> schema) {
        this.keySchema = List.copyOf(schema);
    }

    /**
     * Runs {@code write}, which writes {@code item}, remembering the item first: a write that AWS refused
     * or that half-happened is still deleted. After {@link #close()} nothing is written any more.
     */
    void write(Map<String, AttributeValue> item, Runnable write) {
        writes.write(new Written(target, table, item), write);
    }

    /** Deletes every item written so far; later writes are still allowed, as observe may run again. */
    void removeAll() {
        writes.undoAll();
    }

    private void delete(List<Written> items) {
        List<KeySchemaElement> schema = keySchema;
        try (DynamoDbClient dynamo = items.get(0).target().client(DynamoDbClient.builder())) {
            for (Written written : items) {
                try {
                    dynamo.deleteItem(d -> d.tableName(written.table()).key(keyOf(written.item(), schema)));
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
        writes.close();
    }

    /** The item's key under {@code schema}; an attribute the item lacks is left out, for DynamoDB to refuse. */
    static Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item, List<KeySchemaElement> schema) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        schema.stream().filter(k -> item.containsKey(k.attributeName()))
                .forEach(k -> key.put(k.attributeName(), item.get(k.attributeName())));
        return key;
    }
}
