package dev.dvalabs.exercises.dynamodbcaching.solution;

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
 * dynamodb-caching, the solution: the starter's table, VPC and function, plus a Redis replication group of two
 * nodes with Multi-AZ and automatic failover, and the function (solution/function/products.py, which the corpus
 * deploys too) caching reads by lazy loading with a 5 s TTL and writing through, and on AWS the DAX cluster ({@link DaxOnAws}): the
 * emulator's CloudFormation refuses AWS::DAX::* types even under a condition, so only the AWS template names them.
 */
public final class DynamodbCachingSolution extends ExerciseStack {

    static final int REDIS_PORT = 6379;
    /** Written out, not read from the VPC: ministack's CloudFormation has no Fn::GetAtt VPC.CidrBlock. */
    static final String VPC_CIDR = "10.40.0.0/16";

    public DynamodbCachingSolution(Construct scope, String exerciseId) {
        super(scope, exerciseId, Variant.SOLUTION, "Products table, Redis cache and function for the DynamoDB caching exercise");

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
        Function products = function.code(Code.fromInline(file("solution/function/products.py")))
                .environment(Map.of("TABLE_NAME", table.getTableName(),
                        "CACHE_HOST", cache.getAttrPrimaryEndPointAddress(),
                        "CACHE_PORT", cache.getAttrPrimaryEndPointPort()))
                .build();
        table.grant(products, "dynamodb:GetItem", "dynamodb:PutItem");
        if (onAws()) {
            new DaxOnAws(this, name("dax"), vpc, table, products, functionGroup);
        }
        CfnOutput.Builder.create(this, "CacheEndpoint").value(cache.getAttrPrimaryEndPointAddress()).build();
        CfnOutput.Builder.create(this, DaxClientPackaged.FUNCTION_OUTPUT).value(products.getFunctionName()).build();
    }
}
