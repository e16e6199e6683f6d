package dev.dvalabs.exercises.serverlessapi;

import dev.dvalabs.verify.Session;
import dev.dvalabs.verify.Write;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * An order the verifier POSTs through the learner's API, as the journal holds it: recorded before the POST
 * with what is known then (the id sent, the tables the function may write to, and {@code mark}, an
 * unguessable text the order carries as its {@code item}), and recorded again once the API answered, with
 * the id it answered (a function may choose its own id, the usual REST design).
 *
 * <p>Undoing it deletes, from each table, the item under the id answered and under the id sent, each only
 * when that item's {@code item} is exactly this order's mark (a conditional delete): never a learner's
 * order, even one the function answered with by mistake. When no id is known to hold it (the JVM was killed
 * between the POST and its answer, the API did not answer, or answered without an id), the undo looks for
 * the one item whose {@code item} is exactly the mark, by a scan filtered on that value, and deletes it by
 * its key under the same condition. The scan is the price of a lost answer only (a verify whose POST was
 * answered with an id never scans); and as a function may still be writing after the API gave up (API
 * Gateway waits 29 s, a function runs up to 15 minutes), an order not found before then stays in the
 * journal for the next verify to look for again.
 *
 * @param tables the tables the function may write to: the environment's TABLE_NAME and the instructions' table
 * @param sent the id in the body posted
 * @param answered the id the API answered with; null while unknown
 * @param settled whether the API answered at all (then the function has ended)
 * @param mark the order's {@code item}, unique to this order
 * @param posted when the POST was sent (ISO-8601)
 */
record PostedOrder(List<String> tables, String sent, String answered, boolean settled, String mark, String posted)
        implements Write {

    static final String KEY = "id";
    static final String MARKED = "item";
    /** How long a function may run after it was invoked (Lambda's maximum timeout). */
    static final Duration STILL_RUNNING = Duration.ofMinutes(15);

    /** The same order once the API answered, with the id it answered (null when the answer names none). */
    PostedOrder answered(String id) {
        return new PostedOrder(tables, sent, id, true, mark, posted);
    }

    @Override
    public void undo(Session session) {
        DynamoDbClient dynamo = session.client(DynamoDbClient.class);
        boolean found = false;
        for (String table : tables) {
            Set<String> ids = new LinkedHashSet<>();
            if (answered != null) {
                ids.add(answered);
            }
            ids.add(sent);
            for (String id : ids) {
                found |= deleteIfOurs(dynamo, table, id);
            }
            if (answered == null && !found) {
                for (String id : idsMarked(dynamo, table)) {
                    found |= deleteIfOurs(dynamo, table, id);
                }
            }
        }
        if (answered == null && !found && !settled
                && session.now().isBefore(Instant.parse(posted).plus(STILL_RUNNING))) {
            throw new IllegalStateException("the API did not answer the order posted at " + posted
                    + ", and the function may still store it");
        }
    }

    /** Deletes the item under {@code id} when it is this order; whether it did. */
    private boolean deleteIfOurs(DynamoDbClient dynamo, String table, String id) {
        try {
            dynamo.deleteItem(r -> r.tableName(table).key(Map.of(KEY, AttributeValue.fromS(id)))
                    .conditionExpression("#marked = :mark")
                    .expressionAttributeNames(Map.of("#marked", MARKED))
                    .expressionAttributeValues(Map.of(":mark", AttributeValue.fromS(mark))));
            return true;
        } catch (ConditionalCheckFailedException notOurs) {
            return false; // gone, or an item that is not this order
        } catch (AwsServiceException e) {
            if (e.statusCode() == 400) {
                return false; // no such table, or one keyed otherwise: the order cannot be in it
            }
            throw e;
        }
    }

    /** The ids of the items whose {@code item} is exactly this order's mark. */
    private List<String> idsMarked(DynamoDbClient dynamo, String table) {
        List<String> ids = new ArrayList<>();
        try {
            dynamo.scanPaginator(r -> r.tableName(table).filterExpression("#marked = :mark")
                            .expressionAttributeNames(Map.of("#marked", MARKED, "#key", KEY)).projectionExpression("#key")
                            .expressionAttributeValues(Map.of(":mark", AttributeValue.fromS(mark))))
                    .items().forEach(item -> {
                        AttributeValue key = item.get(KEY);
                        if (key != null && key.s() != null) {
                            ids.add(key.s());
                        }
                    });
        } catch (AwsServiceException e) {
            if (e.statusCode() != 400) {
                throw e;
            }
        }
        return ids;
    }

    @Override
    public String describe() {
        return "the order " + (answered != null && !answered.equals(sent) ? answered + " (posted as " + sent + ")" : sent)
                + " posted through the API, in " + String.join(" or ", tables);
    }
}
