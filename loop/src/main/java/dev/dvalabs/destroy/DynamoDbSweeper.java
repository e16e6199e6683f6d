package dev.dvalabs.destroy;

import dev.dvalabs.targets.Target;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ListTagsOfResourceResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** DynamoDB tables, by {@code arn:aws:dynamodb:region:account:table/name}. */
public final class DynamoDbSweeper implements Sweeper {

    @Override
    public String service() {
        return "dynamodb";
    }

    @Override
    public Optional<Map<String, String>> tags(Target target, String arn) {
        try (DynamoDbClient dynamo = target.client(DynamoDbClient.builder())) {
            // Asked first because ministack answers ListTagsOfResource for a table that is gone with AccessDenied.
            dynamo.describeTable(r -> r.tableName(table(arn)));
            Map<String, String> tags = new LinkedHashMap<>();
            String next = null;
            do {
                String token = next;
                ListTagsOfResourceResponse page = dynamo.listTagsOfResource(r -> r.resourceArn(arn).nextToken(token));
                page.tags().forEach(t -> tags.put(t.key(), t.value()));
                next = page.nextToken();
            } while (next != null);
            return Optional.of(tags);
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public Swept delete(Target target, String arn) {
        String table = table(arn);
        try (DynamoDbClient dynamo = target.client(DynamoDbClient.builder())) {
            dynamo.deleteTable(r -> r.tableName(table));
            return Swept.deleted();
        } catch (ResourceNotFoundException e) {
            return Swept.alreadyGone();
        }
    }

    private static String table(String arn) {
        return arn.substring(arn.indexOf(":table/") + ":table/".length());
    }
}
