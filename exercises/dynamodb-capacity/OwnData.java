package dev.dvalabs.exercises.dynamodbcapacity;

import dev.dvalabs.targets.Target;
import dev.dvalabs.verify.RunMarker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What the verifier writes: items in the learner's table and a table of its own, remembered before each
 * write so that they are removed however verify ends, at the end of observe or by {@link #close()} from
 * another thread. Each write happens under one lock with its record, so that close never misses a write
 * under way; after close nothing is written any more.
 */
final class OwnData implements AutoCloseable {

    /** The tag on the verifier's own table naming its run, beside the exercise's tag. */
    static final String TAG_VERIFY_RUN = "dva-labs:verify-run";

    private record Item(String table, Map<String, AttributeValue> key) {}

    final String exerciseId;
    final String run = RunMarker.start().value();
    private final Object lock = new Object();
    private final List<Item> items = new ArrayList<>();
    private final List<String> tables = new ArrayList<>();
    private Target target;
    private boolean closed;

    OwnData(String exerciseId) {
        this.exerciseId = exerciseId;
    }

    void in(Target target) {
        synchronized (lock) {
            this.target = target;
        }
    }

    /** Runs {@code write}, which writes the item of {@code key} into {@code table}, remembering it first. */
    void item(String table, Map<String, AttributeValue> key, Runnable write) {
        items(table, List.of(key), write);
    }

    /** Runs {@code write}, which writes the items of {@code keys} into {@code table} (a batch), remembering them first. */
    void items(String table, List<Map<String, AttributeValue>> keys, Runnable write) {
        whileOpen(() -> keys.forEach(key -> items.add(new Item(table, key))), write);
    }

    /** Runs {@code create}, which creates {@code table}, remembering it first. */
    void table(String table, Runnable create) {
        whileOpen(() -> tables.add(table), create);
    }

    /**
     * Records, then writes, under one lock, as dynamodb-gsi-ttl's OwnItems does: a {@link #close()} from
     * another thread waits for a write under way and then removes it, and no write follows close.
     */
    private void whileOpen(Runnable record, Runnable write) {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("verify was interrupted and has removed its test data; it writes no more");
            }
            record.run();
            write.run();
        }
    }

    /** Deletes every item and table made so far. */
    void removeAll() {
        List<Item> itemsNow;
        List<String> tablesNow;
        Target where;
        synchronized (lock) {
            itemsNow = List.copyOf(items);
            tablesNow = List.copyOf(tables);
            items.clear();
            tables.clear();
            where = target;
        }
        if (where == null || itemsNow.isEmpty() && tablesNow.isEmpty()) {
            return;
        }
        try (DynamoDbClient dynamo = where.client(DynamoDbClient.builder())) {
            for (Item item : itemsNow) {
                ignoringRefusal(() -> dynamo.deleteItem(d -> d.tableName(item.table()).key(item.key())));
            }
            for (String table : tablesNow) {
                ignoringRefusal(() -> dynamo.deleteTable(d -> d.tableName(table)));
            }
        }
    }

    /** A write that was refused, or a table already gone, leaves nothing to remove. */
    private static void ignoringRefusal(Runnable delete) {
        try {
            delete.run();
        } catch (AwsServiceException e) {
            // nothing to remove
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
        }
        removeAll();
    }
}
