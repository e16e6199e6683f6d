package dev.dvalabs.exercises.dynamodbcaching.solution;

import dev.dvalabs.exercises.dynamodbcaching.DynamodbCachingVerifier;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.dax.CfnCluster;
import software.amazon.awscdk.services.dax.CfnParameterGroup;
import software.amazon.awscdk.services.dax.CfnSubnetGroup;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.ec2.ISubnet;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Function;
import software.constructs.Construct;

/**
 * Task 5's DAX cluster in the VPC's subnets, for the solution's template on AWS only: ministack's CloudFormation
 * refuses every {@code AWS::DAX::*} type before it looks at a condition, so the emulator's template must not name
 * one. One dax.t3.small node, encrypted at rest, keeping items 60 s (its own parameter group), reading the table
 * through a role of its own, and the function pointed at it and allowed to call it.
 */
public final class DaxOnAws extends Construct {

    /** DAX answers on 8111, and on 9111 with TLS between client and cluster. */
    public static final List<Integer> PORTS = List.of(8111, 9111);

    DaxOnAws(Construct scope, String clusterName, Vpc vpc, Table table, Function function, SecurityGroup functionGroup) {
        super(scope, "Dax");
        Role role = Role.Builder.create(this, "Role")
                .description("DAX reads and writes the products table on the function's behalf")
                .assumedBy(new ServicePrincipal("dax.amazonaws.com")).build();
        table.grant(role, "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:Scan",
                "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:DescribeTable");
        SecurityGroup group = SecurityGroup.Builder.create(this, "Group").vpc(vpc)
                .description("The products DAX cluster: calls from the function only").allowAllOutbound(false).build();
        PORTS.forEach(port -> group.addIngressRule(functionGroup, Port.tcp(port), "DAX from the products function"));
        CfnSubnetGroup subnets = CfnSubnetGroup.Builder.create(this, "Subnets")
                .subnetGroupName(clusterName + "-subnets")
                .description("The VPC's subnets, one an Availability Zone")
                .subnetIds(vpc.getIsolatedSubnets().stream().map(ISubnet::getSubnetId).toList())
                .build();
        // DAX keeps an item 5 minutes by default; the instructions ask for 60 seconds, queries alike.
        CfnParameterGroup parameters = CfnParameterGroup.Builder.create(this, "Parameters")
                .parameterGroupName(clusterName + "-params")
                .description("Items and queries kept 60 s")
                .parameterNameValues(Map.of("record-ttl-millis", DynamodbCachingVerifier.DAX_RECORD_TTL_MILLIS,
                        "query-ttl-millis", DynamodbCachingVerifier.DAX_RECORD_TTL_MILLIS))
                .build();
        CfnCluster cluster = CfnCluster.Builder.create(this, "Cluster")
                .clusterName(clusterName)
                .nodeType("dax.t3.small")
                .replicationFactor(1)
                .iamRoleArn(role.getRoleArn())
                .subnetGroupName(subnets.getRef())
                .parameterGroupName(parameters.getRef())
                .securityGroupIds(List.of(group.getSecurityGroupId()))
                .sseSpecification(CfnCluster.SSESpecificationProperty.builder().sseEnabled(true).build())
                .build();
        // DAX checks at creation that it may use the role, whose policy is a resource of its own.
        cluster.getNode().addDependency(role);
        function.addEnvironment(DynamodbCachingVerifier.DAX_VARIABLE, cluster.getAttrClusterDiscoveryEndpointUrl());
        function.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("dax:GetItem", "dax:PutItem")).resources(List.of(cluster.getAttrArn())).build());
    }
}
