package dev.dvalabs.exercises.dynamodbcapacity;

import dev.dvalabs.targets.Target;
import dev.dvalabs.verify.OwnWrites;
import dev.dvalabs.verify.RunMarker;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What the verifier writes: items in the learner's table and a table of its own, each recorded before it
 * is written (see {@link OwnWrites}) so that it is removed however verify ends, at the end of observe or
 * by {@link #close()} from another thread.
 */
final class OwnData implements AutoCloseable {

    /** The tag on the verifier's own table naming its run, beside the exercise's tag. */
    static final String TAG_VERIFY_RUN = "dva-labs:verify-run";

    /** An item written into a table, or a table created (key null). */
    private record Made(Target target, String table, Map<String, AttributeValue> key) {}

    final String exerciseId;
    final String run = RunMarker.start().value();
    private final OwnWrites<Made> made = new OwnWrites<>(OwnData::remove);
    private volatile Target target;

    OwnData(String exerciseId) {
        this.exerciseId = exerciseId;
    }

    void in(Target target) {
        this.target = target;
    }

    /** Runs {@code write}, which writes the item of {@code key} into {@code table}, remembering it first. */
    void item(String table, Map<String, AttributeValue> key, Runnable write) {
        items(table, List.of(key), write);
    }

    /** Runs {@code write}, which writes the items of {@code keys} into {@code table} (a batch), remembering them first. */
    void items(String table, List<Map<String, AttributeValue>> keys, Runnable write) {
        Target where = target;
        made.write(keys.stream().map(key -> new Made(where, table, key)).toList(), () -> {
            write.run();
            return null;
        });
    }

    /** Runs {@code create}, which creates {@code table}, remembering it first. */
    void table(String table, Runnable create) {
        made.write(new Made(target, table, null), create);
    }

    /** Deletes every item and table made so far. */
    void removeAll() {
        made.undoAll();
    }

    /** Items first, then the tables: an item may be in one of the verifier's own tables. */
    private static void remove(List<Made> all) {
        try (DynamoDbClient dynamo = all.get(0).target().client(DynamoDbClient.builder())) {
            all.stream().filter(m -> m.key() != null).forEach(item ->
                    ignoringRefusal(() -> dynamo.deleteItem(d -> d.tableName(item.table()).key(item.key()))));
            all.stream().filter(m -> m.key() == null).forEach(table ->
                    ignoringRefusal(() -> dynamo.deleteTable(d -> d.tableName(table.table()))));
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
        made.close();
    }
}
