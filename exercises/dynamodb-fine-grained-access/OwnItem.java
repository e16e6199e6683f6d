package dev.dvalabs.exercises.dynamodbfinegrainedaccess;

import dev.dvalabs.verify.Session;
import dev.dvalabs.verify.Write;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item a user's session puts under its own key, as the journal holds it; undone with your own
 * credentials by its exact key.
 */
record OwnItem(String table, String userId, String itemId) implements Write {

    Map<String, AttributeValue> key() {
        return Map.of(DynamodbFineGrainedAccessVerifier.PARTITION_KEY, AttributeValue.fromS(userId),
                DynamodbFineGrainedAccessVerifier.SORT_KEY, AttributeValue.fromS(itemId));
    }

    @Override
    public void undo(Session session) {
        try {
            session.client(DynamoDbClient.class).deleteItem(r -> r.tableName(table).key(key()));
        } catch (AwsServiceException e) {
            if (e.statusCode() != 400) {
                throw e; // 400: no such table, or one keyed otherwise, which never held the item
            }
        }
    }

    @Override
    public String describe() {
        return "item " + userId + "/" + itemId + " in table " + table;
    }
}
