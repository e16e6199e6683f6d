package dev.dvalabs.exercises.codedeployappspecpipeline;

import dev.dvalabs.cdk.Variant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** What the codedeploy-appspec-pipeline stacks declare, read from their synthesized templates. */
class CodedeployAppspecPipelineStackTest {

    private static final Template SOLUTION = synth(Variant.SOLUTION);
    private static final Template STARTER = synth(Variant.STARTER);

    private static Template synth(Variant variant) {
        return Template.fromStack(new CodedeployAppspecPipeline().stack(new App(), variant));
    }

    @Test
    @DisplayName("the pipeline takes the bundle from the source bucket, then hands it to CodeDeploy, in that order")
    void pipelineSourceThenDeploy() {
        SOLUTION.hasResourceProperties("AWS::CodePipeline::Pipeline", Map.of(
                "Name", "dva-labs-webapp-pipeline",
                "Stages", List.of(
                        Map.of("Name", "Source", "Actions", List.of(Match.objectLike(Map.of(
                                "ActionTypeId", Map.of("Category", "Source", "Owner", "AWS", "Provider", "S3", "Version", "1"),
                                "Configuration", Map.of("S3Bucket", Map.of("Ref", logicalId("AWS::S3::Bucket", "dva-labs-appspec-source")),
                                        "S3ObjectKey", "webapp.zip", "PollForSourceChanges", true))))),
                        Map.of("Name", "Deploy", "Actions", List.of(Match.objectLike(Map.of(
                                "ActionTypeId", Map.of("Category", "Deploy", "Owner", "AWS", "Provider", "CodeDeploy", "Version", "1"),
                                "InputArtifacts", List.of(Map.of("Name", "Bundle")))))))));
    }

    @Test
    @DisplayName("the pipeline keeps its artifacts in a bucket of the stack, with no KMS key")
    void artifactsWithoutKmsKey() {
        SOLUTION.hasResourceProperties("AWS::CodePipeline::Pipeline", Match.objectLike(Map.of(
                "ArtifactStore", Map.of("Type", "S3", "Location", Map.of("Ref", Match.stringLikeRegexp("^Artifacts.*"))))));
        SOLUTION.resourceCountIs("AWS::KMS::Key", 0);
    }

    @Test
    @DisplayName("the deployment group finds its instance by the Name tag, in place, one at a time, rolling back a failed deployment")
    void deploymentGroup() {
        SOLUTION.hasResourceProperties("AWS::CodeDeploy::DeploymentGroup", Match.objectLike(Map.of(
                "DeploymentGroupName", "dva-labs-webapp-group",
                "Ec2TagSet", Map.of("Ec2TagSetList", List.of(Map.of("Ec2TagGroup", List.of(
                        Map.of("Key", "Name", "Value", "dva-labs-webapp", "Type", "KEY_AND_VALUE"))))),
                "DeploymentStyle", Map.of("DeploymentType", "IN_PLACE", "DeploymentOption", "WITHOUT_TRAFFIC_CONTROL"),
                "DeploymentConfigName", "CodeDeployDefault.OneAtATime",
                "AutoRollbackConfiguration", Map.of("Enabled", true, "Events", List.of("DEPLOYMENT_FAILURE")),
                "ServiceRoleArn", Match.anyValue())));
        SOLUTION.hasResourceProperties("AWS::IAM::Role", Match.objectLike(Map.of(
                "AssumeRolePolicyDocument", Match.objectLike(Map.of("Statement", List.of(Match.objectLike(Map.of(
                        "Principal", Map.of("Service", "codedeploy.amazonaws.com")))))))));
    }

    @Test
    @DisplayName("the application is an EC2/on-premises (Server) application")
    void serverApplication() {
        for (Template template : List.of(SOLUTION, STARTER)) {
            template.hasResourceProperties("AWS::CodeDeploy::Application",
                    Map.of("ApplicationName", "dva-labs-webapp", "ComputePlatform", "Server"));
        }
    }

    @Test
    @DisplayName("one free-tier instance carries the tag, the agent's installer and an instance profile")
    void webServer() {
        SOLUTION.resourceCountIs("AWS::EC2::Instance", 1);
        SOLUTION.hasResourceProperties("AWS::EC2::Instance", Match.objectLike(Map.of(
                "InstanceType", "t3.micro",
                "IamInstanceProfile", Match.anyValue(),
                "Tags", Match.arrayWith(List.of(Map.of("Key", "Name", "Value", "dva-labs-webapp"))))));
        Map<?, ?> instance = (Map<?, ?>) SOLUTION.findResources("AWS::EC2::Instance").values().iterator().next();
        String userData = String.valueOf(((Map<?, ?>) instance.get("Properties")).get("UserData"));
        assertThat(userData).contains("aws-codedeploy-", "/latest/install", "./install auto", "systemctl enable --now codedeploy-agent");
        assertThat(SOLUTION.toJSON().get("Parameters").toString()).contains("/aws/service/ami-amazon-linux-latest/al2023-ami");
        SOLUTION.resourceCountIs("AWS::IAM::InstanceProfile", 1);
    }

    @Test
    @DisplayName("the network costs nothing an hour: one public subnet, no NAT gateway")
    void noNatGateway() {
        SOLUTION.resourceCountIs("AWS::EC2::NatGateway", 0);
        SOLUTION.resourceCountIs("AWS::EC2::Subnet", 1);
        SOLUTION.hasResourceProperties("AWS::EC2::SecurityGroup", Match.objectLike(Map.of(
                "SecurityGroupIngress", List.of(Match.objectLike(Map.of("FromPort", 80, "ToPort", 80, "CidrIp", "0.0.0.0/0"))))));
    }

    @Test
    @DisplayName("the solution's source bucket is versioned, as an S3 pipeline source needs; the starter's is not")
    void sourceBucketVersioned() {
        SOLUTION.hasResourceProperties("AWS::S3::Bucket", Match.objectLike(Map.of(
                "BucketName", Match.anyValue(), "VersioningConfiguration", Map.of("Status", "Enabled"))));
        STARTER.hasResourceProperties("AWS::S3::Bucket", Match.objectLike(Map.of(
                "BucketName", Match.anyValue(), "VersioningConfiguration", Match.absent())));
    }

    @Test
    @DisplayName("buckets are deleted with the stack (labs destroy empties them first)")
    void bucketsDeletedWithStack() {
        assertThat(SOLUTION.findResources("AWS::S3::Bucket").values())
                .hasSize(2)
                .allSatisfy(bucket -> assertThat(((Map<?, ?>) bucket).get("DeletionPolicy")).isEqualTo("Delete"));
    }

    @Test
    @DisplayName("the starter is the source bucket and the application, nothing else")
    void starterIsBucketAndApplication() {
        Map<?, ?> resources = (Map<?, ?>) STARTER.toJSON().get("Resources");
        List<String> types = resources.values().stream().map(r -> String.valueOf(((Map<?, ?>) r).get("Type"))).toList();
        assertThat(types).containsExactlyInAnyOrder("AWS::S3::Bucket", "AWS::CodeDeploy::Application");
    }

    @Test
    @DisplayName("nothing needs an asset or a custom resource, so no bootstrap is needed")
    void noAssetsNoCustomResources() {
        for (Template template : List.of(SOLUTION, STARTER)) {
            template.resourceCountIs("AWS::Lambda::Function", 0);
            template.resourceCountIs("Custom::S3AutoDeleteObjects", 0);
            assertThat(template.toJSON().toString()).doesNotContain("cdk-hnb659fds-assets");
        }
    }

    /** The logical id of the one resource of a type whose properties mention a marker. */
    private static String logicalId(String type, String marker) {
        return SOLUTION.findResources(type).entrySet().stream()
                .filter(e -> e.getValue().toString().contains(marker)).map(Map.Entry::getKey)
                .findFirst().orElseThrow();
    }
}
