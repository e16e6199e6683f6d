package dev.dvalabs.exercises.dynamodbstreamslambda.solution;

import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.cdk.Variant;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.StreamViewType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableProps;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.FilterCriteria;
import software.amazon.awscdk.services.lambda.FilterRule;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.FunctionProps;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.StartingPosition;
import software.amazon.awscdk.services.lambda.eventsources.DynamoEventSource;
import software.amazon.awscdk.services.lambda.eventsources.DynamoEventSourceProps;
import software.amazon.awscdk.services.lambda.eventsources.SqsDlq;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueProps;
import software.constructs.Construct;

/**
 * dynamodb-streams-lambda, the solution: an orders table with a stream of new and old images; the auditor
 * function (the folder's auditor.py, as in the starter), with a 5-second timeout, invoked from the stream by an
 * event source mapping that starts at the latest record, takes batches of 25, lets INSERT and REMOVE through and
 * holds MODIFY back, and sends what fails after 2 retries (bisecting the batch) to a queue.
 */
public final class DynamodbStreamsLambdaSolution extends ExerciseStack {

    private static final String ORDER_KEY = "orderId";
    private static final String EVENT_KEY = "eventId";

    public DynamodbStreamsLambdaSolution(Construct scope, String exerciseId) {
        super(scope, exerciseId, Variant.SOLUTION, "Orders table, stream and auditor function for the DynamoDB Streams exercise");

        TableProps.Builder orders = TableProps.builder().tableName(name("orders"))
                .partitionKey(attribute(ORDER_KEY))
                .billingMode(BillingMode.PAY_PER_REQUEST).removalPolicy(RemovalPolicy.DESTROY);
        orders.stream(StreamViewType.NEW_AND_OLD_IMAGES);
        Table ordersTable = new Table(this, "Orders", orders.build());
        Table audit = new Table(this, "Audit", TableProps.builder().tableName(name("audit"))
                .partitionKey(attribute(ORDER_KEY))
                .sortKey(attribute(EVENT_KEY))
                .billingMode(BillingMode.PAY_PER_REQUEST).removalPolicy(RemovalPolicy.DESTROY).build());
        Queue failures = new Queue(this, "Failures", QueueProps.builder().queueName(name("failures"))
                .removalPolicy(RemovalPolicy.DESTROY).build());

        Function auditor = new Function(this, "Auditor", FunctionProps.builder().functionName(name("function"))
                .runtime(Runtime.PYTHON_3_12).handler("index.handler").code(Code.fromInline(file("auditor.py")))
                .environment(Map.of("AUDIT_TABLE", name("audit")))
                .timeout(Duration.seconds(5)).build());
        audit.grantWriteData(auditor);
        // What a mapping needs of the role, given in the starter too: the tasks are the stream and the
        // mapping, not the policy (the event source below adds the same again).
        auditor.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator",
                        "dynamodb:ListStreams"))
                .resources(List.of(ordersTable.getTableArn() + "/stream/*")).build());
        failures.grantSendMessages(auditor);

        auditor.addEventSource(new DynamoEventSource(ordersTable, DynamoEventSourceProps.builder()
                .startingPosition(StartingPosition.LATEST).batchSize(25)
                .filters(List.of(FilterCriteria.filter(Map.of("eventName", FilterRule.or("INSERT", "REMOVE")))))
                .onFailure(new SqsDlq(failures)).retryAttempts(2).bisectBatchOnError(true).build()));
        CfnOutput.Builder.create(this, "FunctionName").value(auditor.getFunctionName())
                .description("The function the stream triggers").build();
    }

    private static Attribute attribute(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }
}
