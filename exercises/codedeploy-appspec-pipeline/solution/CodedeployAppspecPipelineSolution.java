package dev.dvalabs.exercises.codedeployappspecpipeline.solution;

import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.cdk.Variant;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.codedeploy.AutoRollbackConfig;
import software.amazon.awscdk.services.codedeploy.CfnDeploymentGroup;
import software.amazon.awscdk.services.codedeploy.InstanceTagSet;
import software.amazon.awscdk.services.codedeploy.ServerApplication;
import software.amazon.awscdk.services.codedeploy.ServerDeploymentConfig;
import software.amazon.awscdk.services.codedeploy.ServerDeploymentGroup;
import software.amazon.awscdk.services.codepipeline.Artifact;
import software.amazon.awscdk.services.codepipeline.Pipeline;
import software.amazon.awscdk.services.codepipeline.PipelineType;
import software.amazon.awscdk.services.codepipeline.StageProps;
import software.amazon.awscdk.services.codepipeline.actions.CodeDeployServerDeployAction;
import software.amazon.awscdk.services.codepipeline.actions.S3SourceAction;
import software.amazon.awscdk.services.codepipeline.actions.S3Trigger;
import software.amazon.awscdk.services.ec2.Instance;
import software.amazon.awscdk.services.ec2.InstanceClass;
import software.amazon.awscdk.services.ec2.InstanceSize;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.MachineImage;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.UserData;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.constructs.Construct;

/**
 * codedeploy-appspec-pipeline, the solution: a versioned source bucket for the bundle (solution/bundle/), a
 * CodeDeploy application with an in-place deployment group that finds one EC2 instance by its tag, the instance
 * with the CodeDeploy agent, and a pipeline that takes the bundle from the bucket (Source) and hands it to
 * CodeDeploy (Deploy).
 *
 * <p>Nothing here needs an asset or a Lambda-backed custom resource, so it deploys without a CDK
 * bootstrap. Buckets are emptied by {@code labs destroy}, not by a custom resource.
 */
public final class CodedeployAppspecPipelineSolution extends ExerciseStack {

    /** The object {@code labs deploy} uploads and the pipeline's source watches, as in the notes' {@code aws deploy push}. */
    static final String BUNDLE_KEY = "webapp.zip";
    /** The tag the deployment group finds its instances by: EC2 by tag, as the notes list the choices. */
    static final String INSTANCE_TAG_KEY = "Name";
    static final String SOURCE_BUCKET_OUTPUT = "SourceBucket";

    public CodedeployAppspecPipelineSolution(Construct scope, String exerciseId) {
        super(scope, exerciseId, Variant.SOLUTION,
                "Source bucket, CodeDeploy application and pipeline for the CodeDeploy AppSpec pipeline exercise");

        // Bucket names are global: the account and region keep one learner's name from another's.
        Bucket source = Bucket.Builder.create(this, "Source")
                .bucketName(globalName("bucket"))
                .versioned(true)
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        ServerApplication application = ServerApplication.Builder.create(this, "Application")
                .applicationName(name("application"))
                .build();
        CfnOutput.Builder.create(this, SOURCE_BUCKET_OUTPUT).value(source.getBucketName())
                .description("Upload the bundle zip here as " + BUNDLE_KEY).build();
        ServerDeploymentGroup group = deploymentGroup(application);
        Instance instance = webServer();
        deployFromPipeline(source, group, instance);
        CfnOutput.Builder.create(this, "WebServerUrl")
                .value(Fn.join("", List.of("http://", instance.getInstancePublicDnsName(), "/")))
                .description("The page CodeDeploy installs").build();
    }

    private ServerDeploymentGroup deploymentGroup(ServerApplication application) {
        ServerDeploymentGroup group = ServerDeploymentGroup.Builder.create(this, "DeploymentGroup")
                .application(application)
                .deploymentGroupName(name("deploymentGroup"))
                .ec2InstanceTags(new InstanceTagSet(Map.of(INSTANCE_TAG_KEY, List.of(name("instance")))))
                .deploymentConfig(ServerDeploymentConfig.ONE_AT_A_TIME)
                .autoRollback(AutoRollbackConfig.builder()
                        .failedDeployment(true).stoppedDeployment(false).deploymentInAlarm(false).build())
                // The agent comes from the instance's user data; installAgent only reaches Auto Scaling groups.
                .installAgent(false)
                .build();
        // In place is CodeDeploy's default when the style is left out; spelled out, it is what the learner reads.
        ((CfnDeploymentGroup) group.getNode().getDefaultChild()).setDeploymentStyle(
                CfnDeploymentGroup.DeploymentStyleProperty.builder()
                        .deploymentType("IN_PLACE").deploymentOption("WITHOUT_TRAFFIC_CONTROL").build());
        return group;
    }

    /** One small instance in a public subnet of a stack-owned VPC: no NAT gateway, no default-VPC lookup. */
    private Instance webServer() {
        Vpc vpc = Vpc.Builder.create(this, "Network")
                .maxAzs(1)
                .natGateways(0)
                .restrictDefaultSecurityGroup(false) // that option is a Lambda-backed custom resource
                .subnetConfiguration(List.of(SubnetConfiguration.builder()
                        .name("public").subnetType(SubnetType.PUBLIC).cidrMask(24).build()))
                .build();
        SecurityGroup web = SecurityGroup.Builder.create(this, "WebAccess").vpc(vpc)
                .description("HTTP to the page CodeDeploy installs").allowAllOutbound(true).build();
        web.addIngressRule(Peer.anyIpv4(), Port.tcp(80), "the page, for the learner and the verifier");
        Role role = Role.Builder.create(this, "WebServerRole")
                .assumedBy(new ServicePrincipal("ec2.amazonaws.com"))
                .description("Lets the CodeDeploy agent fetch revisions from the pipeline's artifact bucket")
                .build();
        UserData userData = UserData.forLinux();
        // The agent is installed from the regional CodeDeploy bucket, as the notes say: download and run install.
        userData.addCommands(
                "dnf install -y ruby wget",
                "cd /tmp",
                Fn.join("", List.of("wget -q https://aws-codedeploy-", Aws.REGION, ".s3.", Aws.REGION, ".",
                        Aws.URL_SUFFIX, "/latest/install")),
                "chmod +x ./install",
                "./install auto",
                "systemctl enable --now codedeploy-agent");
        return Instance.Builder.create(this, "WebServer")
                .instanceName(name("instance")) // the Name tag the deployment group selects
                .vpc(vpc)
                .vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PUBLIC).build())
                .instanceType(InstanceType.of(InstanceClass.T3, InstanceSize.MICRO))
                .machineImage(MachineImage.latestAmazonLinux2023())
                .securityGroup(web)
                .role(role)
                .userData(userData)
                .requireImdsv2(true)
                .build();
    }

    private void deployFromPipeline(Bucket source, ServerDeploymentGroup group, Instance instance) {
        // A bucket of our own for artifacts: without one CDK makes a KMS key for cross-account use.
        Bucket artifacts = Bucket.Builder.create(this, "Artifacts")
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        artifacts.grantRead(instance.getRole());
        Artifact bundle = Artifact.artifact("Bundle");
        Pipeline.Builder.create(this, "Pipeline")
                .pipelineName(name("pipeline"))
                .pipelineType(PipelineType.V1)
                .artifactBucket(artifacts)
                .crossAccountKeys(false)
                .restartExecutionOnUpdate(false)
                .stages(List.of(
                        StageProps.builder().stageName("Source").actions(List.of(S3SourceAction.Builder.create()
                                .actionName("Bundle")
                                .bucket(source)
                                .bucketKey(BUNDLE_KEY)
                                // Polling needs no CloudTrail trail; an upload starts a run within a minute or so.
                                .trigger(S3Trigger.POLL)
                                .output(bundle)
                                .build())).build(),
                        StageProps.builder().stageName("Deploy").actions(List.of(CodeDeployServerDeployAction.Builder.create()
                                .actionName("Deploy")
                                .input(bundle)
                                .deploymentGroup(group)
                                .build())).build()))
                .build();
    }
}
