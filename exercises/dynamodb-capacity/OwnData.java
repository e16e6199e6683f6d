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
 * another thread. After close nothing is written any more.
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
        remember(() -> items.add(new Item(table, key)));
        write.run();
    }

    /** Runs {@code create}, which creates {@code table}, remembering it first. */
    void table(String table, Runnable create) {
        remember(() -> tables.add(table));
        create.run();
    }

    private void remember(Runnable record) {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("verify was interrupted and has removed its test data; it writes no more");
            }
            record.run();
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
