package dev.dvalabs.exercises.serverlessapi;

import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.cdk.Variant;
import java.util.List;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * serverless-api, the starter: the table and a function that answers the same fixed text to everything, with no
 * API. This is the file to edit for the tasks in instructions.md; {@code ./labs solution serverless-api} shows
 * the answer when you want it.
 */
class ServerlessApiStack extends ExerciseStack {

    /** One answer to everything, and no table in sight. */
    static final String FIXED_ANSWER = """
            def handler(event, context):
                return {"statusCode": 200, "body": "orders are coming soon"}
            """;

    ServerlessApiStack(Construct scope, String exerciseId) {
        super(scope, exerciseId, Variant.STARTER, "Orders API, function and table for the serverless API exercise");

        Table table = Table.Builder.create(this, "Orders")
                .tableName(name("table"))
                .partitionKey(Attribute.builder().name("id").type(AttributeType.STRING).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        // Made by the stack so that destroy removes it: Lambda would make it on the first call, outside any stack.
        LogGroup logs = LogGroup.Builder.create(this, "Logs")
                .logGroupName("/aws/lambda/" + name("function"))
                .retention(RetentionDays.ONE_WEEK)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        Role role = Role.Builder.create(this, "Role")
                .roleName(name("role"))
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .managedPolicies(List.of(ManagedPolicy.fromAwsManagedPolicyName("service-role/AWSLambdaBasicExecutionRole")))
                .build();
        Function.Builder function = Function.Builder.create(this, "Function")
                .functionName(name("function"))
                .runtime(Runtime.PYTHON_3_12)
                .handler("index.handler")
                .role(role);
        Function starter = function.code(Code.fromInline(FIXED_ANSWER)).build();
        starter.getNode().addDependency(logs);
        CfnOutput.Builder.create(this, "TableName").value(table.getTableName()).build();
    }
}
