package dev.dvalabs.exercises.elasticbeanstalkdeployments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.cdk.Variant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** What the elastic-beanstalk-deployments stacks declare, read from their synthesized templates. */
class ElasticBeanstalkDeploymentsStackTest {

    private static final Template SOLUTION = synth(Variant.SOLUTION);
    private static final Template STARTER = synth(Variant.STARTER);

    private static Template synth(Variant variant) {
        return Template.fromStack(new ElasticBeanstalkDeployments().stack(new App(), variant));
    }

    private static Map<String, Object> option(String namespace, String name, Object value) {
        return Map.of("Namespace", namespace, "OptionName", name, "Value", value);
    }

    @Test
    @DisplayName("the solution's environment is single-instance on a free-tier type and deploys Immutable")
    void solutionEnvironment() {
        SOLUTION.hasResourceProperties("AWS::ElasticBeanstalk::Environment", Match.objectLike(Map.of(
                "ApplicationName", "dva-labs-eb-app",
                "EnvironmentName", "dva-labs-eb-env",
                "SolutionStackName", Match.stringLikeRegexp("running Python"),
                "OptionSettings", Match.arrayWith(List.of(
                        option("aws:elasticbeanstalk:environment", "EnvironmentType", "SingleInstance"),
                        option("aws:ec2:instances", "InstanceTypes", "t3.micro"),
                        option("aws:elasticbeanstalk:command", "DeploymentPolicy", "Immutable"))))));
    }

    @Test
    @DisplayName("the starter's environment deploys All at once, and is otherwise the same")
    void starterAllAtOnce() {
        STARTER.hasResourceProperties("AWS::ElasticBeanstalk::Environment", Match.objectLike(Map.of(
                "OptionSettings", Match.arrayWith(List.of(
                        option("aws:elasticbeanstalk:environment", "EnvironmentType", "SingleInstance"),
                        option("aws:elasticbeanstalk:command", "DeploymentPolicy", "AllAtOnce"))))));
        assertThat(STARTER.toJSON().toString()).doesNotContain("Immutable");
    }

    @Test
    @DisplayName("both variants have the application, the bundle bucket, an instance profile and a service role Elastic Beanstalk may assume")
    void applicationAndRoles() {
        for (Template template : List.of(SOLUTION, STARTER)) {
            template.hasResourceProperties("AWS::ElasticBeanstalk::Application", Map.of("ApplicationName", "dva-labs-eb-app",
                    "Description", Match.anyValue()));
            template.resourceCountIs("AWS::S3::Bucket", 1);
            template.resourceCountIs("AWS::IAM::InstanceProfile", 1);
            template.hasResourceProperties("AWS::IAM::Role", Match.objectLike(Map.of(
                    "AssumeRolePolicyDocument", Match.objectLike(Map.of("Statement", List.of(Match.objectLike(Map.of(
                            "Principal", Map.of("Service", "elasticbeanstalk.amazonaws.com")))))))));
            template.hasOutput("EnvironmentUrl", Match.anyValue());
            template.hasOutput("BundleBucket", Match.anyValue());
        }
    }

    @Test
    @DisplayName("no load balancer, no database: nothing but the environment's own single instance costs by the hour")
    void nothingElseBilled() {
        for (Template template : List.of(SOLUTION, STARTER)) {
            template.resourceCountIs("AWS::ElasticLoadBalancingV2::LoadBalancer", 0);
            template.resourceCountIs("AWS::RDS::DBInstance", 0);
            template.resourceCountIs("AWS::EC2::Instance", 0);
            template.resourceCountIs("AWS::EC2::NatGateway", 0);
        }
    }
}
