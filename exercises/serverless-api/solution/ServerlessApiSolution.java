package dev.dvalabs.exercises.serverlessapi.solution;

import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.cdk.Variant;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.apigateway.ApiKey;
import software.amazon.awscdk.services.apigateway.LambdaIntegration;
import software.amazon.awscdk.services.apigateway.MethodOptions;
import software.amazon.awscdk.services.apigateway.Resource;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.apigateway.StageOptions;
import software.amazon.awscdk.services.apigateway.UsagePlan;
import software.amazon.awscdk.services.apigateway.UsagePlanPerApiStage;
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
 * serverless-api, the solution: a REST API with a {@code prod} stage whose {@code POST /orders} (API key required)
 * and {@code GET /orders/{id}} reach one Python function (solution/function/orders.py, which the corpus deploys
 * too) through Lambda proxy integration; the function finds its table through the {@code TABLE_NAME} variable,
 * its role may put and get items of that table alone and write its logs; a usage plan holds the key; the stage
 * is throttled.
 */
public final class ServerlessApiSolution extends ExerciseStack {

    static final String STAGE = "prod";
    static final int TIMEOUT_SECONDS = 10;
    static final int MEMORY_MB = 256;
    static final int RATE_LIMIT = 10;
    static final int BURST_LIMIT = 20;

    public ServerlessApiSolution(Construct scope, String exerciseId) {
        super(scope, exerciseId, Variant.SOLUTION, "Orders API, function and table for the serverless API exercise");

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
        Function orders = function.code(Code.fromInline(file("solution/function/orders.py")))
                .environment(Map.of("TABLE_NAME", table.getTableName()))
                .timeout(Duration.seconds(TIMEOUT_SECONDS))
                .memorySize(MEMORY_MB)
                .build();
        orders.getNode().addDependency(logs);
        table.grant(orders, "dynamodb:PutItem", "dynamodb:GetItem");

        RestApi api = RestApi.Builder.create(this, "Api")
                .restApiName(name("api"))
                .cloudWatchRole(false)
                .deployOptions(StageOptions.builder()
                        .stageName(STAGE)
                        .throttlingRateLimit(RATE_LIMIT)
                        .throttlingBurstLimit(BURST_LIMIT)
                        .build())
                .build();
        LambdaIntegration proxy = LambdaIntegration.Builder.create(orders).proxy(true).build();
        Resource ordersPath = api.getRoot().addResource("orders");
        ordersPath.addMethod("POST", proxy, MethodOptions.builder().apiKeyRequired(true).build());
        ordersPath.addResource("{id}").addMethod("GET", proxy);

        ApiKey key = ApiKey.Builder.create(this, "Key").apiKeyName(name("apiKey")).build();
        UsagePlan plan = UsagePlan.Builder.create(this, "Plan")
                .name(name("usagePlan"))
                .apiStages(List.of(UsagePlanPerApiStage.builder().api(api).stage(api.getDeploymentStage()).build()))
                .build();
        plan.addApiKey(key);

        CfnOutput.Builder.create(this, "TableName").value(table.getTableName()).build();
        CfnOutput.Builder.create(this, "Url").value(api.urlForPath("/orders"))
                .description("POST orders here (with the x-api-key header); GET /orders/{id}").build();
    }
}
