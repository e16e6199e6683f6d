package dev.dvalabs.destroy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.cdk.Variant;
import dev.dvalabs.targets.LocalEmulator;
import dev.dvalabs.testing.LocalEmulatorExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * destroy --dry-run lists what destroy removes beside the stack: the event source mapping a learner made by hand
 * to the stack's function and the log group Lambda made for it, and removes neither.
 */
@ExtendWith(LocalEmulatorExtension.class)
class DryRunLeftoversTest {

    private static final String EXERCISE = "dry-run-leftovers";
    private static final String FUNCTION = "dry-run-leftovers-fn";
    private static final String TEMPLATE = """
            {"Resources": {"Fn": {"Type": "AWS::Lambda::Function", "Properties": {
              "FunctionName": "%s", "Runtime": "python3.12", "Handler": "index.handler",
              "Role": "arn:aws:iam::000000000000:role/dry-run",
              "Code": {"ZipFile": "def handler(event, context):\\n    return event\\n"},
              "Tags": [{"Key": "dva-labs:exercise", "Value": "%s"}]}}}}
            """.formatted(FUNCTION, EXERCISE);

    @Test
    void theDryRunListsTheMappingMadeByHandAndTheFunctionsLogGroupAndRemovesNeither(LocalEmulator emulator) {
        String stack = ExerciseStack.nameOf(EXERCISE, Variant.SOLUTION);
        try (CloudFormationClient cloudFormation = emulator.client(CloudFormationClient.builder());
             LambdaClient lambda = emulator.client(LambdaClient.builder());
             SqsClient sqs = emulator.client(SqsClient.builder());
             CloudWatchLogsClient logs = emulator.client(CloudWatchLogsClient.builder())) {
            cloudFormation.createStack(r -> r.stackName(stack).templateBody(TEMPLATE));
            cloudFormation.waiter().waitUntilStackCreateComplete(r -> r.stackName(stack));
            String queue = sqs.getQueueAttributes(r -> r.queueUrl(sqs.createQueue(q -> q.queueName("dry-run-source")).queueUrl())
                    .attributeNamesWithStrings("QueueArn")).attributesAsStrings().get("QueueArn");
            String mapping = lambda.createEventSourceMapping(r -> r.functionName(FUNCTION).eventSourceArn(queue)).uuid();
            logs.createLogGroup(r -> r.logGroupName("/aws/lambda/" + FUNCTION));

            List<String> plan = new Teardown(emulator, new PrintWriter(new StringWriter(), true)).plan(EXERCISE);

            assertThat(plan).contains("Would delete stack " + stack + " (CREATE_COMPLETE)",
                    "Would delete event source mapping " + mapping + " from " + queue,
                    "Would delete log group /aws/lambda/" + FUNCTION + " (written by the exercise's function)");
            assertThat(lambda.listEventSourceMappings(r -> r.functionName(FUNCTION)).eventSourceMappings())
                    .extracting(m -> m.uuid()).containsExactly(mapping);
            assertThat(logs.describeLogGroups(r -> r.logGroupNamePrefix("/aws/lambda/" + FUNCTION)).logGroups()).hasSize(1);

            Teardown.Result result = new Teardown(emulator, new PrintWriter(new StringWriter(), true)).destroy(EXERCISE);
            assertThat(result.removed()).as("destroy removes what the dry run listed").contains(
                    "event source mapping " + mapping + " from " + queue,
                    "log group /aws/lambda/" + FUNCTION + " (written by the exercise's function)");
            sqs.deleteQueue(r -> r.queueUrl(sqs.getQueueUrl(q -> q.queueName("dry-run-source")).queueUrl()));
        }
    }
}
