package dev.dvalabs.exercises.dynamodbstreamslambda;

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
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableProps;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.FunctionProps;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueProps;
import software.constructs.Construct;

/**
 * dynamodb-streams-lambda, the starter: the orders table without a stream, the auditor function with a
 * 30-second timeout and no mapping, the audit table and the queue. This is the file to edit for the tasks in
 * instructions.md; {@code ./labs solution dynamodb-streams-lambda} shows the answer when you want it.
 */
class DynamodbStreamsLambdaStack extends ExerciseStack {

    DynamodbStreamsLambdaStack(Construct scope, String exerciseId) {
        super(scope, exerciseId, Variant.STARTER, "Orders table, stream and auditor function for the DynamoDB Streams exercise");

        TableProps.Builder orders = TableProps.builder().tableName(name("orders"))
                .partitionKey(attribute(DynamodbStreamsLambdaVerifier.ORDER_KEY))
                .billingMode(BillingMode.PAY_PER_REQUEST).removalPolicy(RemovalPolicy.DESTROY);
        Table ordersTable = new Table(this, "Orders", orders.build());
        Table audit = new Table(this, "Audit", TableProps.builder().tableName(name("audit"))
                .partitionKey(attribute(DynamodbStreamsLambdaVerifier.ORDER_KEY))
                .sortKey(attribute(DynamodbStreamsLambdaVerifier.EVENT_KEY))
                .billingMode(BillingMode.PAY_PER_REQUEST).removalPolicy(RemovalPolicy.DESTROY).build());
        Queue failures = new Queue(this, "Failures", QueueProps.builder().queueName(name("failures"))
                .removalPolicy(RemovalPolicy.DESTROY).build());

        Function auditor = new Function(this, "Auditor", FunctionProps.builder().functionName(name("function"))
                .runtime(Runtime.PYTHON_3_12).handler("index.handler").code(Code.fromInline(file("auditor.py")))
                .environment(Map.of("AUDIT_TABLE", name("audit")))
                .timeout(Duration.seconds(30)).build());
        audit.grantWriteData(auditor);
        // What a mapping you make needs of the role, given already: the tasks are the stream and the
        // mapping, not the policy.
        auditor.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator",
                        "dynamodb:ListStreams"))
                .resources(List.of(ordersTable.getTableArn() + "/stream/*")).build());
        failures.grantSendMessages(auditor);

        CfnOutput.Builder.create(this, "FunctionName").value(auditor.getFunctionName())
                .description("The function the stream triggers").build();
    }

    private static Attribute attribute(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }
}
