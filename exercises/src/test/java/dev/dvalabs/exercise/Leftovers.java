package dev.dvalabs.exercise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.target.Target;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** What a destroy must leave: no toolkit stack and no exercise table, queue or topic on the target. */
public final class Leftovers {

    private Leftovers() {}

    public static void assertNothingLeft(Target target) {
        try (DynamoDbClient dynamo = target.client(DynamoDbClient.builder());
             CloudFormationClient cloudFormation = target.client(CloudFormationClient.builder());
             SqsClient sqs = target.client(SqsClient.builder());
             SnsClient sns = target.client(SnsClient.builder())) {
            assertThat(dynamo.listTables().tableNames()).doesNotContain("dva-labs-orders");
            assertThat(sqs.listQueuesPaginator(r -> r.queueNamePrefix("dva-labs-")).queueUrls()).isEmpty();
            assertThat(sns.listTopicsPaginator().topics()).noneMatch(t -> t.topicArn().contains(":dva-labs-"));
            assertThat(cloudFormation.listStacks().stackSummaries())
                    .filteredOn(s -> s.stackStatus() != StackStatus.DELETE_COMPLETE)
                    .noneMatch(s -> s.stackName().startsWith("DvaLabs-"));
        }
    }
}
