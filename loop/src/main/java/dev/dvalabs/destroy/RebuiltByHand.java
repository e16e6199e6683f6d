package dev.dvalabs.destroy;

import dev.dvalabs.targets.Target;
import java.time.Instant;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.StackResourceSummary;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * A stack's named resource that the learner deleted and made again by hand while the stack stood: the
 * instructions ask for exactly that when a table's key schema or local indexes must change. Deleting
 * the stack would delete the learner's table by its name, with its items. A table made after the stack
 * last touched its resource is the learner's. Tags cannot tell: not every emulator's CloudFormation tags
 * what it makes.
 */
final class RebuiltByHand {

    /**
     * How far apart the stack's record of a resource and the resource's own creation time may lie and
     * still be one creation: ministack keeps a table's creation to the second, moto's stack record is
     * taken as the table is made; a learner's rebuild comes later than that.
     */
    private static final Duration SAME_MOMENT = Duration.ofSeconds(1);

    private RebuiltByHand() {}

    /** The first such resource of the stack, as "DynamoDB table dva-labs-orders"; empty when there is none. */
    static Optional<String> first(Target target, CloudFormationClient cloudFormation, String stackId) {
        for (StackResourceSummary resource : cloudFormation.listStackResourcesPaginator(r -> r.stackName(stackId))
                .stackResourceSummaries()) {
            if ("AWS::DynamoDB::Table".equals(resource.resourceType()) && resource.physicalResourceId() != null
                    && !resource.physicalResourceId().isEmpty() && resource.lastUpdatedTimestamp() != null
                    && tableCreated(target, resource.physicalResourceId())
                    .filter(created -> created.isAfter(resource.lastUpdatedTimestamp().plus(SAME_MOMENT)))
                    .isPresent()) {
                return Optional.of("DynamoDB table " + resource.physicalResourceId());
            }
        }
        return Optional.empty();
    }

    private static Optional<Instant> tableCreated(Target target, String table) {
        try (DynamoDbClient dynamo = target.client(DynamoDbClient.builder())) {
            return Optional.ofNullable(dynamo.describeTable(r -> r.tableName(table)).table().creationDateTime());
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }
}
