package dev.dvalabs.destroy;

import dev.dvalabs.targets.Target;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** DynamoDB tables, by {@code arn:aws:dynamodb:region:account:table/name}. */
public final class DynamoDbSweeper implements Sweeper {

    @Override
    public String service() {
        return "dynamodb";
    }

    @Override
    public Swept delete(Target target, String arn) {
        String table = arn.substring(arn.indexOf(":table/") + ":table/".length());
        try (DynamoDbClient dynamo = target.client(DynamoDbClient.builder())) {
            dynamo.deleteTable(r -> r.tableName(table));
            return Swept.deleted();
        } catch (ResourceNotFoundException e) {
            return Swept.alreadyGone();
        }
    }
}
