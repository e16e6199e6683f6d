package dev.dvalabs.exercises.dynamodbcaching;

import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.cdk.Variant;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.IpAddresses;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.constructs.Construct;

/**
 * dynamodb-caching, the starter: the products table, a VPC whose two isolated subnets reach DynamoDB through a
 * gateway endpoint, and the function in it, reading every product from the table. This is the file to edit for
 * the tasks in instructions.md; {@code ./labs solution dynamodb-caching} shows the answer when you want it.
 */
final class DynamodbCachingStack extends ExerciseStack {

    /** Written out, not read from the VPC: ministack's CloudFormation has no Fn::GetAtt VPC.CidrBlock. */
    static final String VPC_CIDR = "10.40.0.0/16";

    /** Every read from the table, and no write path. */
    static final String TABLE_ONLY = """
            import os
            import boto3
            table = boto3.resource("dynamodb").Table(os.environ["TABLE_NAME"])
            def handler(event, context):
                item = table.get_item(Key={"id": event["id"]}).get("Item") if "id" in event else None
                return {"id": event.get("id"), "item": item, "source": "table", "ttl": None}
            """;

    DynamodbCachingStack(Construct scope, String exerciseId) {
        super(scope, exerciseId, Variant.STARTER, "Products table, Redis cache and function for the DynamoDB caching exercise");

        Table table = Table.Builder.create(this, "Products")
                .tableName(name("table"))
                .partitionKey(Attribute.builder().name("id").type(AttributeType.STRING).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        // A cache lives in a VPC; the function joins it there, and reaches DynamoDB by the gateway endpoint (no NAT to pay for).
        Vpc vpc = Vpc.Builder.create(this, "Vpc")
                .ipAddresses(IpAddresses.cidr(VPC_CIDR))
                .maxAzs(2)
                .natGateways(0)
                .restrictDefaultSecurityGroup(false)
                .subnetConfiguration(List.of(SubnetConfiguration.builder().name("isolated")
                        .subnetType(SubnetType.PRIVATE_ISOLATED).cidrMask(24).build()))
                .gatewayEndpoints(Map.of("DynamoDb", GatewayVpcEndpointOptions.builder()
                        .service(GatewayVpcEndpointAwsService.DYNAMODB).build()))
                .build();
        SecurityGroup functionGroup = SecurityGroup.Builder.create(this, "FunctionGroup").vpc(vpc)
                .description("The products function").allowAllOutbound(true).build();
        Function.Builder function = Function.Builder.create(this, "Function")
                .functionName(name("function"))
                .runtime(Runtime.PYTHON_3_12)
                .handler("index.handler")
                .timeout(Duration.seconds(10))
                .vpc(vpc)
                .vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_ISOLATED).build())
                .securityGroups(List.of(functionGroup));
        Function starter = function.code(Code.fromInline(TABLE_ONLY))
                .environment(Map.of("TABLE_NAME", table.getTableName())).build();
        table.grant(starter, "dynamodb:GetItem");
    }
}
