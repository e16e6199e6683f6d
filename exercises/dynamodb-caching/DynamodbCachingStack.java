package dev.dvalabs.exercises.dynamodbcaching;

import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.cdk.Variant;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.ISubnet;
import software.amazon.awscdk.services.ec2.IpAddresses;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.elasticache.CfnReplicationGroup;
import software.amazon.awscdk.services.elasticache.CfnSubnetGroup;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.constructs.Construct;

/**
 * dynamodb-caching. Starter: the products table, a VPC whose two isolated subnets reach DynamoDB through a
 * gateway endpoint, and the function in it, reading every product from the table. Solution: a Redis
 * replication group of two nodes with Multi-AZ and automatic failover, and the function caching reads by
 * lazy loading with a 5 s TTL and writing through, and on AWS the DAX cluster ({@link DaxOnAws}): the emulator's
 * CloudFormation refuses AWS::DAX::* types even under a condition, so only the AWS template names them.
 */
final class DynamodbCachingStack extends ExerciseStack {

    static final int REDIS_PORT = 6379;
    /** Written out, not read from the VPC: ministack's CloudFormation has no Fn::GetAtt VPC.CidrBlock. */
    static final String VPC_CIDR = "10.40.0.0/16";

    /** The starter: every read from the table, and no write path. */
    static final String TABLE_ONLY = """
            import os
            import boto3
            table = boto3.resource("dynamodb").Table(os.environ["TABLE_NAME"])
            def handler(event, context):
                item = table.get_item(Key={"id": event["id"]}).get("Item") if "id" in event else None
                return {"id": event.get("id"), "item": item, "source": "table", "ttl": None}
            """;

    /** The solution's function, in the folder's function/products.py, which the corpus deploys too. */
    static String products(String exerciseId) {
        String path = "exercises/" + exerciseId + "/function/products.py";
        try (InputStream in = DynamodbCachingStack.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    DynamodbCachingStack(Construct scope, String exerciseId, Variant variant) {
        super(scope, exerciseId, variant, "Products table, Redis cache and function for the DynamoDB caching exercise");

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
        if (!solution()) {
            Function starter = function.code(Code.fromInline(TABLE_ONLY))
                    .environment(Map.of("TABLE_NAME", table.getTableName())).build();
            table.grant(starter, "dynamodb:GetItem");
            return;
        }

        SecurityGroup cacheGroup = SecurityGroup.Builder.create(this, "CacheGroup").vpc(vpc)
                .description("The products cache: Redis from inside the VPC").allowAllOutbound(false).build();
        cacheGroup.addIngressRule(Peer.ipv4(VPC_CIDR), Port.tcp(REDIS_PORT), "Redis from the VPC");
        CfnSubnetGroup subnets = CfnSubnetGroup.Builder.create(this, "CacheSubnets")
                .cacheSubnetGroupName(name("cache") + "-subnets")
                .description("The products cache's two subnets, one an Availability Zone")
                .subnetIds(vpc.getIsolatedSubnets().stream().map(ISubnet::getSubnetId).toList())
                .build();
        CfnReplicationGroup cache = CfnReplicationGroup.Builder.create(this, "Cache")
                .replicationGroupId(name("cache"))
                .replicationGroupDescription("Products cache: a primary and a replica in another Availability Zone")
                .engine("redis")
                .engineVersion("7.1")
                .cacheNodeType("cache.t3.micro")
                .numCacheClusters(2)
                .automaticFailoverEnabled(true)
                .multiAzEnabled(true)
                .cacheSubnetGroupName(subnets.getRef())
                .securityGroupIds(List.of(cacheGroup.getSecurityGroupId()))
                .port(REDIS_PORT)
                .build();
        Function products = function.code(Code.fromInline(products(exerciseId)))
                .environment(Map.of("TABLE_NAME", table.getTableName(),
                        "CACHE_HOST", cache.getAttrPrimaryEndPointAddress(),
                        "CACHE_PORT", cache.getAttrPrimaryEndPointPort()))
                .build();
        table.grant(products, "dynamodb:GetItem", "dynamodb:PutItem");
        if (onAws()) new DaxOnAws(this, name("dax"), vpc, table, products, functionGroup);
        CfnOutput.Builder.create(this, "CacheEndpoint").value(cache.getAttrPrimaryEndPointAddress()).build();
    }
}
