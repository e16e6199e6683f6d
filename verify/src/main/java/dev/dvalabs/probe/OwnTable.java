package dev.dvalabs.probe;

import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Session;
import dev.dvalabs.verify.Write;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * A table of the verifier's own, made to show a behaviour without touching the learner's data (a parallel
 * scan, a throttle): journaled by its exact name before it is created, and deleted when the session closes.
 * Give it a name carrying the run's mark and the exercise's tag, so that {@code labs destroy} finds it too.
 */
public record OwnTable(String table) implements Write {

    /** How long a new table may take to become ACTIVE: seconds on AWS, at once on an emulator. */
    static final Duration ACTIVE_WITHIN = Duration.ofMinutes(2);

    /** Journals the table, creates it, and waits until it is ACTIVE; the table as it then is, or the refusal. */
    public static Fact<Table> create(Session session, CreateTableRequest request) {
        DynamoDbClient dynamo = session.client(DynamoDbClient.class);
        String name = request.tableName();
        return Fact.about("the verifier's own table " + name, () -> {
            session.write(new OwnTable(name), () -> dynamo.createTable(request));
            return session.poll(ACTIVE_WITHIN, Duration.ofMillis(250)).until(() -> {
                Table table = new Table(dynamo.describeTable(r -> r.tableName(name)).table());
                return table.description().tableStatus() == TableStatus.ACTIVE ? Optional.of(table) : Optional.empty();
            }).orElseThrow(() -> new IllegalStateException("the verifier's own table " + name + " was not ACTIVE within "
                    + ACTIVE_WITHIN.toMinutes() + " minutes"));
        });
    }

    /** Deletes the table; one already gone is no failure. */
    @Override
    public void undo(Session session) {
        try {
            session.client(DynamoDbClient.class).deleteTable(d -> d.tableName(table));
        } catch (ResourceNotFoundException gone) {
            // never made, or removed already
        }
    }

    @Override
    public String describe() {
        return "the verifier's own table " + table;
    }
}
