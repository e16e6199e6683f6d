package dev.dvalabs.exercises.serverlessapi;

import dev.dvalabs.targets.Target;
import dev.dvalabs.verify.OwnWrites;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The orders the verifier posts through the learner's API, each recorded before its request (see
 * {@link OwnWrites}) so that it is removed however verify ends, from every table the function could have
 * written it to (the one the instructions name and the one its environment names).
 */
final class OwnOrders implements AutoCloseable {

    private final OwnWrites<String> ids = new OwnWrites<>(this::delete);
    private final Set<String> tables = ConcurrentHashMap.newKeySet();
    private volatile Target target;

    /** Where the coming orders may land. */
    void in(Target target, String... tables) {
        this.target = target;
        for (String table : tables) {
            if (table != null && !table.isBlank()) {
                this.tables.add(table);
            }
        }
    }

    /** Runs {@code post}, which may write the order {@code id}, after recording it. */
    <T> T post(String id, Supplier<T> post) {
        return ids.write(List.of(id), post);
    }

    /** Deletes every order posted so far; later posts are still allowed, as observe may run again. */
    void removeAll() {
        ids.undoAll();
    }

    private void delete(List<String> posted) {
        Target where = target;
        if (where == null) {
            return;
        }
        try (DynamoDbClient dynamo = where.client(DynamoDbClient.builder())) {
            for (String table : Set.copyOf(tables)) {
                for (String id : posted) {
                    try {
                        dynamo.deleteItem(d -> d.tableName(table).key(Map.of("id", AttributeValue.fromS(id))));
                    } catch (AwsServiceException e) {
                        // The table is gone or keyed otherwise: the order cannot be in it.
                    }
                }
            }
        }
    }

    /** Removes what was posted and refuses further posts; safe to call again, and from any thread. */
    @Override
    public void close() {
        ids.close();
    }
}
