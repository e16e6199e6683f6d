package dev.dvalabs.exercises.dynamodbcaching;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.cdk.TargetKind;
import dev.dvalabs.cdk.Variant;
import dev.dvalabs.deploy.Synthesizer;
import dev.dvalabs.exercises.dynamodbcaching.solution.DaxClientPackaged;
import dev.dvalabs.exercises.dynamodbcaching.solution.DaxOnAws;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The DAX part is in the solution's template for AWS and nowhere in the emulator's, read from the templates deploy sends. */
class DynamodbCachingTemplateTest {

    private static final String AWS = Synthesizer.template(new DynamodbCaching(), Variant.SOLUTION, TargetKind.AWS);
    private static final String EMULATOR = Synthesizer.template(new DynamodbCaching(), Variant.SOLUTION, TargetKind.EMULATOR);

    private static Template parsed(String json) {
        return Template.fromString(json);
    }

    private static Map<String, Object> ref(String logicalIdPrefix) {
        return Map.of("Ref", Match.stringLikeRegexp(logicalIdPrefix + ".*"));
    }

    @Test
    @DisplayName("on AWS the solution has the DAX cluster {dax}: one dax.t3.small node, encrypted at rest, its own subnet and parameter groups and role")
    void awsHasTheCluster() {
        Template aws = parsed(AWS);
        aws.resourceCountIs("AWS::DAX::Cluster", 1);
        aws.hasResourceProperties("AWS::DAX::Cluster", Match.objectLike(Map.of(
                "ClusterName", "dva-labs-products",
                "NodeType", "dax.t3.small",
                "ReplicationFactor", 1,
                "SSESpecification", Map.of("SSEEnabled", true),
                "SubnetGroupName", ref("DaxSubnets"),
                "ParameterGroupName", ref("DaxParameters"),
                "IAMRoleARN", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("DaxRole.*"), "Arn")))));
        aws.hasResourceProperties("AWS::DAX::SubnetGroup", Match.objectLike(Map.of("SubnetIds", Match.arrayWith(List.of(
                Map.of("Ref", Match.stringLikeRegexp("VpcisolatedSubnet1.*")), Map.of("Ref", Match.stringLikeRegexp("VpcisolatedSubnet2.*")))))));
        aws.hasResourceProperties("AWS::IAM::Role", Match.objectLike(Map.of("AssumeRolePolicyDocument", Match.objectLike(Map.of(
                "Statement", List.of(Match.objectLike(Map.of("Principal", Map.of("Service", "dax.amazonaws.com")))))))));
        // The cluster waits for its role's policy, which DAX needs to read the table.
        aws.hasResource("AWS::DAX::Cluster", Match.objectLike(Map.of("DependsOn", Match.arrayWith(List.of(
                Match.stringLikeRegexp("DaxRoleDefaultPolicy.*"))))));
    }

    @Test
    @DisplayName("on AWS the cluster's parameter group keeps items (and queries) the instructed 60 s")
    void awsItemTtl() {
        parsed(AWS).hasResourceProperties("AWS::DAX::ParameterGroup", Match.objectLike(Map.of(
                "ParameterNameValues", Map.of("record-ttl-millis", "60000", "query-ttl-millis", "60000"))));
    }

    @Test
    @DisplayName("on AWS the function is pointed at the cluster (DAX_ENDPOINT), may call it, and only it reaches the cluster's ports")
    void awsFunctionReachesTheCluster() {
        Template aws = parsed(AWS);
        aws.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "FunctionName", "dva-labs-products-api",
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "DAX_ENDPOINT", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("DaxCluster.*"), "ClusterDiscoveryEndpointURL")),
                        "CACHE_HOST", Match.anyValue()))))));
        aws.hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of(
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Action", List.of("dax:GetItem", "dax:PutItem"),
                        "Resource", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("DaxCluster.*"), "Arn")))))))),
                "Roles", List.of(Map.of("Ref", Match.stringLikeRegexp("FunctionServiceRole.*"))))));
        // The after-deploy step that packages the DAX client finds the function by this output, among the stack's resources.
        aws.hasOutput(DaxClientPackaged.FUNCTION_OUTPUT, Map.of("Value", Map.of("Ref", Match.stringLikeRegexp("Function[0-9A-F]{8}"))));
        for (int port : DaxOnAws.PORTS) {
            aws.hasResourceProperties("AWS::EC2::SecurityGroupIngress", Match.objectLike(Map.of(
                    "FromPort", port, "ToPort", port, "IpProtocol", "tcp",
                    "GroupId", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("DaxGroup.*"), "GroupId")),
                    "SourceSecurityGroupId", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("FunctionGroup.*"), "GroupId")))));
        }
    }

    @Test
    @DisplayName("the emulator's template names no DAX type, role, group or variable, and is the AWS one without the DAX part")
    void emulatorHasNoDax() {
        Template emulator = parsed(EMULATOR);
        for (String type : List.of("AWS::DAX::Cluster", "AWS::DAX::SubnetGroup", "AWS::DAX::ParameterGroup")) {
            emulator.resourceCountIs(type, 0);
        }
        assertThat(EMULATOR).doesNotContain("AWS::DAX", "dax.amazonaws.com", "\"Dax");
        // The inline code names DAX_ENDPOINT on its "via": "dax" path; no variable of the function sets it.
        emulator.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of("Environment", Map.of("Variables",
                Match.not(Match.objectLike(Map.of("DAX_ENDPOINT", Match.anyValue())))))));
        Template aws = parsed(AWS);
        // DAX's own role and security group are the only ones the AWS template adds.
        assertThat(aws.findResources("AWS::IAM::Role")).hasSize(emulator.findResources("AWS::IAM::Role").size() + 1);
        assertThat(aws.findResources("AWS::EC2::SecurityGroup")).hasSize(emulator.findResources("AWS::EC2::SecurityGroup").size() + 1);
        assertThat(aws.findResources("AWS::ElastiCache::ReplicationGroup")).isEqualTo(emulator.findResources("AWS::ElastiCache::ReplicationGroup"));
    }

    @Test
    @DisplayName("the starter is the same on AWS and on an emulator: DAX is the learner's task 5")
    void starterHasNoDax() {
        String aws = Synthesizer.template(new DynamodbCaching(), Variant.STARTER, TargetKind.AWS);
        assertThat(aws).isEqualTo(Synthesizer.template(new DynamodbCaching(), Variant.STARTER, TargetKind.EMULATOR))
                .doesNotContain("AWS::DAX");
    }
}
