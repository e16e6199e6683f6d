package dev.dvalabs.exercises.elasticbeanstalkdeployments.solution;

import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.cdk.Variant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.elasticbeanstalk.CfnApplication;
import software.amazon.awscdk.services.elasticbeanstalk.CfnEnvironment;
import software.amazon.awscdk.services.iam.CfnInstanceProfile;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.constructs.Construct;

/**
 * elastic-beanstalk-deployments, the solution: the starter's bucket, application and single-instance environment,
 * deploying Immutable. Its bundle (solution/bundle/, with {@code .ebextensions/}) is uploaded and deployed by the
 * after-deploy step, as {@code eb deploy} does.
 */
public final class ElasticBeanstalkDeploymentsSolution extends ExerciseStack {

    /**
     * The platform: Python on Amazon Linux 2023 needs no build step for a one-file WSGI app. AWS retires
     * platform versions; when CloudFormation says this one is unknown, put the newest from
     * {@code aws elasticbeanstalk list-available-solution-stacks} here.
     */
    static final String SOLUTION_STACK = "64bit Amazon Linux 2023 v4.9.0 running Python 3.12";
    /** t3.micro is the free tier's instance type where t2.micro is not offered, and the cheaper of the two anyway. */
    static final String INSTANCE_TYPE = "t3.micro";
    static final String BUNDLE_BUCKET_OUTPUT = "BundleBucket";
    static final String URL_OUTPUT = "EnvironmentUrl";

    public ElasticBeanstalkDeploymentsSolution(Construct scope, String exerciseId) {
        super(scope, exerciseId, Variant.SOLUTION, "Application, single-instance environment and bundle bucket for the Elastic Beanstalk exercise");

        Bucket bundles = Bucket.Builder.create(this, "Bundles")
                .bucketName(globalName("bucket"))
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        CfnApplication application = CfnApplication.Builder.create(this, "Application")
                .applicationName(name("application"))
                .description("dva-labs: deployment policies and .ebextensions")
                .build();

        Role instanceRole = Role.Builder.create(this, "InstanceRole")
                .assumedBy(new ServicePrincipal("ec2.amazonaws.com"))
                .managedPolicies(List.of(ManagedPolicy.fromAwsManagedPolicyName("AWSElasticBeanstalkWebTier")))
                .build();
        CfnInstanceProfile profile = CfnInstanceProfile.Builder.create(this, "InstanceProfile")
                .roles(List.of(instanceRole.getRoleName())).build();
        Role serviceRole = Role.Builder.create(this, "ServiceRole")
                .assumedBy(new ServicePrincipal("elasticbeanstalk.amazonaws.com"))
                .managedPolicies(List.of(ManagedPolicy.fromAwsManagedPolicyName("service-role/AWSElasticBeanstalkEnhancedHealth")))
                .build();

        List<CfnEnvironment.OptionSettingProperty> options = new ArrayList<>(List.of(
                option("aws:elasticbeanstalk:environment", "EnvironmentType", "SingleInstance"),
                option("aws:elasticbeanstalk:environment", "ServiceRole", serviceRole.getRoleArn()),
                option("aws:autoscaling:launchconfiguration", "IamInstanceProfile", profile.getRef()),
                option("aws:ec2:instances", "InstanceTypes", INSTANCE_TYPE),
                option("aws:elasticbeanstalk:command", "DeploymentPolicy", "Immutable")));
        CfnEnvironment environment = CfnEnvironment.Builder.create(this, "Environment")
                .applicationName(name("application"))
                .environmentName(name("environment"))
                .solutionStackName(SOLUTION_STACK)
                .optionSettings(options)
                .build();
        environment.getNode().addDependency(application);

        CfnOutput.Builder.create(this, BUNDLE_BUCKET_OUTPUT).value(bundles.getBucketName())
                .description("Source bundles (zips) go here").build();
        CfnOutput.Builder.create(this, URL_OUTPUT)
                .value(Fn.join("", List.of("http://", environment.getAttrEndpointUrl(), "/")))
                .description("The environment's page").build();
    }

    private static CfnEnvironment.OptionSettingProperty option(String namespace, String name, String value) {
        return CfnEnvironment.OptionSettingProperty.builder().namespace(namespace).optionName(name).value(value).build();
    }
}
