package dev.dvalabs.exercise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.target.Target;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** What a destroy must leave: no toolkit stack and no exercise table on the target. */
public final class Leftovers {

    private Leftovers() {}

    public static void assertNothingLeft(Target target) {
        try (DynamoDbClient dynamo = target.client(DynamoDbClient.builder());
             CloudFormationClient cloudFormation = target.client(CloudFormationClient.builder())) {
            assertThat(dynamo.listTables().tableNames()).doesNotContain("dva-labs-orders");
            assertThat(cloudFormation.listStacks().stackSummaries())
                    .filteredOn(s -> s.stackStatus() != StackStatus.DELETE_COMPLETE)
                    .noneMatch(s -> s.stackName().startsWith("DvaLabs-"));
        }
    }
}
