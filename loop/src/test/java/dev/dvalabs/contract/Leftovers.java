package dev.dvalabs.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.cdk.Variant;
import dev.dvalabs.destroy.Teardown;
import dev.dvalabs.targets.Target;
import java.io.PrintWriter;
import java.io.StringWriter;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What a destroy must leave: no stack of the exercise in either variant, no table, queue, topic, function,
 * event source mapping, function log group, data stream, delivery stream, REST API, usage plan or API key
 * named like the toolkit's (the verifiers' temporary ones included), and nothing a second destroy
 * could not account for.
 */
public final class Leftovers {

    private Leftovers() {}

    public static void assertNothingLeft(Target target, String exerciseId) {
        try (CloudFormationClient cloudFormation = target.client(CloudFormationClient.builder());
             DynamoDbClient dynamo = target.client(DynamoDbClient.builder());
             SqsClient sqs = target.client(SqsClient.builder());
             SnsClient sns = target.client(SnsClient.builder());
             LambdaClient lambda = target.client(LambdaClient.builder());
             CloudWatchLogsClient logs = target.client(CloudWatchLogsClient.builder());
             KinesisClient kinesis = target.client(KinesisClient.builder());
             FirehoseClient firehose = target.client(FirehoseClient.builder());
             ApiGatewayClient api = target.client(ApiGatewayClient.builder())) {
            for (Variant variant : Variant.values()) {
                String name = ExerciseStack.nameOf(exerciseId, variant);
                assertThat(cloudFormation.listStacks().stackSummaries())
                        .filteredOn(s -> s.stackStatus() != StackStatus.DELETE_COMPLETE)
                        .noneMatch(s -> s.stackName().equals(name));
            }
            assertThat(dynamo.listTables().tableNames()).noneMatch(t -> t.startsWith("dva-labs-"));
            assertThat(sqs.listQueuesPaginator(r -> r.queueNamePrefix("dva-labs-")).queueUrls()).isEmpty();
            assertThat(sns.listTopicsPaginator().topics()).noneMatch(t -> t.topicArn().contains(":dva-labs-"));
            assertThat(lambda.listFunctionsPaginator().functions()).noneMatch(f -> f.functionName().startsWith("dva-labs-"));
            assertThat(lambda.listEventSourceMappingsPaginator().eventSourceMappings())
                    .noneMatch(m -> m.functionArn().contains(":function:dva-labs-"));
            assertThat(logs.describeLogGroupsPaginator(r -> r.logGroupNamePrefix("/aws/lambda/dva-labs-")).logGroups()).isEmpty();
            assertThat(kinesis.listStreamsPaginator().streamNames()).noneMatch(n -> n.startsWith("dva-labs-"));
            assertThat(firehose.listDeliveryStreams(r -> r.limit(100)).deliveryStreamNames()).noneMatch(n -> n.startsWith("dva-labs-"));
            assertThat(api.getRestApisPaginator(r -> r.limit(500)).items()).noneMatch(a -> a.name().startsWith("dva-labs-"));
            assertThat(api.getUsagePlansPaginator(r -> r.limit(500)).items()).noneMatch(p -> p.name().startsWith("dva-labs-"));
            assertThat(api.getApiKeysPaginator(r -> r.limit(500)).items()).noneMatch(k -> k.name().startsWith("dva-labs-"));
        }
        assertThat(new Teardown(target, new PrintWriter(new StringWriter())).destroy(exerciseId).remaining())
                .as("what a second destroy could not remove").isEmpty();
    }
}
