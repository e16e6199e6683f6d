package dev.dvalabs.exercises.serverlessapi;

import dev.dvalabs.targets.Target;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The orders the verifier posts through the learner's API, remembered before each request so that they
 * are removed however verify ends, from every table the function could have written them to (the one the
 * instructions name and the one its environment names). A request and its record happen under one lock,
 * so that {@link #close()} from another thread never misses one under way, and none is sent after it.
 */
final class OwnOrders implements AutoCloseable {

    private final Object lock = new Object();
    private final List<String> ids = new ArrayList<>();
    private final Set<String> tables = new LinkedHashSet<>();
    private Target target;
    private boolean closed;

    /** Where the coming orders may land. */
    void in(Target target, String... tables) {
        synchronized (lock) {
            this.target = target;
            for (String table : tables) {
                if (table != null && !table.isBlank()) {
                    this.tables.add(table);
                }
            }
        }
    }

    /** Runs {@code post}, which may write the order {@code id}, after recording it. */
    <T> T post(String id, java.util.function.Supplier<T> post) {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("verify was interrupted and has removed its test orders; it posts no more");
            }
            ids.add(id);
            return post.get();
        }
    }

    /** Deletes every order posted so far; later posts are still allowed, as observe may run again. */
    void removeAll() {
        List<String> posted;
        Set<String> from;
        Target where;
        synchronized (lock) {
            posted = List.copyOf(ids);
            ids.clear();
            from = Set.copyOf(tables);
            where = target;
        }
        if (posted.isEmpty() || where == null) {
            return;
        }
        try (DynamoDbClient dynamo = where.client(DynamoDbClient.builder())) {
            for (String table : from) {
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
        synchronized (lock) {
            closed = true;
        }
        removeAll();
    }
}
