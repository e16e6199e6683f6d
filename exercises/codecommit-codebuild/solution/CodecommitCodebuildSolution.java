package dev.dvalabs.exercises.codecommitcodebuild.solution;

import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.cdk.Variant;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.codebuild.BuildEnvironment;
import software.amazon.awscdk.services.codebuild.BuildSpec;
import software.amazon.awscdk.services.codebuild.ComputeType;
import software.amazon.awscdk.services.codebuild.LinuxBuildImage;
import software.amazon.awscdk.services.codebuild.PipelineProject;
import software.amazon.awscdk.services.codecommit.Repository;
import software.amazon.awscdk.services.codepipeline.Artifact;
import software.amazon.awscdk.services.codepipeline.Pipeline;
import software.amazon.awscdk.services.codepipeline.PipelineType;
import software.amazon.awscdk.services.codepipeline.StageProps;
import software.amazon.awscdk.services.codepipeline.actions.CodeBuildAction;
import software.amazon.awscdk.services.codepipeline.actions.CodeCommitSourceAction;
import software.amazon.awscdk.services.codepipeline.actions.CodeCommitTrigger;
import software.amazon.awscdk.services.codepipeline.actions.S3DeployAction;
import software.amazon.awscdk.services.codestarnotifications.CfnNotificationRule;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;
import org.yaml.snakeyaml.Yaml;

/**
 * codecommit-codebuild, the solution: a CodeCommit repository whose pushes a notification rule sends to an SNS
 * topic; a CodeBuild project whose buildspec is {@code solution/buildspec.yml}; and a pipeline Source (the
 * repository's main) → Build (the project) → Deploy (an S3 bucket, so that it stands alone). Nothing needs an
 * asset or a Lambda, so it deploys without a CDK bootstrap.
 */
public final class CodecommitCodebuildSolution extends ExerciseStack {

    static final String BRANCH = "main";
    /** A push creates or moves a branch: the two events the rule sends to the topic. */
    static final List<String> PUSH_EVENTS = List.of("codecommit-repository-branches-and-tags-created",
            "codecommit-repository-branches-and-tags-updated");

    public CodecommitCodebuildSolution(Construct scope, String exerciseId) {
        super(scope, exerciseId, Variant.SOLUTION, "CodeCommit repository, CodeBuild project and pipeline for the CodeCommit and CodeBuild exercise");

        Repository repository = Repository.Builder.create(this, "Repository")
                .repositoryName(name("repository"))
                .description("dva-labs: the source the pipeline builds")
                .build();
        repository.applyRemovalPolicy(RemovalPolicy.DESTROY);
        CfnOutput.Builder.create(this, "CloneUrlHttp").value(repository.getRepositoryCloneUrlHttp())
                .description("git clone over HTTPS with Git credentials from IAM").build();

        Topic topic = Topic.Builder.create(this, "Events").topicName(name("topic")).build();
        // CodeStar Notifications publishes as a service: the topic's policy must let it.
        topic.addToResourcePolicy(PolicyStatement.Builder.create().effect(Effect.ALLOW)
                .principals(List.of(new ServicePrincipal("codestar-notifications.amazonaws.com")))
                .actions(List.of("sns:Publish")).resources(List.of(topic.getTopicArn())).build());
        CfnNotificationRule.Builder.create(this, "Pushes")
                .name(name("notificationRule"))
                .detailType("FULL")
                .eventTypeIds(PUSH_EVENTS)
                .resource(repository.getRepositoryArn())
                .targets(List.of(CfnNotificationRule.TargetProperty.builder()
                        .targetType("SNS").targetAddress(topic.getTopicArn()).build()))
                .build();

        PipelineProject project = PipelineProject.Builder.create(this, "Build")
                .projectName(name("project"))
                .description("Builds and tests the site on every commit to main")
                .buildSpec(BuildSpec.fromObjectToYaml(buildspec()))
                .environment(BuildEnvironment.builder()
                        .buildImage(LinuxBuildImage.STANDARD_7_0).computeType(ComputeType.SMALL).build())
                .build();
        // The build's log group, so that destroy removes it with the stack rather than leave it forever.
        LogGroup.Builder.create(this, "BuildLogs").logGroupName("/aws/codebuild/" + name("project"))
                .retention(RetentionDays.ONE_WEEK).removalPolicy(RemovalPolicy.DESTROY).build();

        Bucket output = Bucket.Builder.create(this, "Output")
                .bucketName(globalName("bucket"))
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        Bucket artifacts = Bucket.Builder.create(this, "Artifacts")
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        Artifact source = Artifact.artifact("Source");
        Artifact built = Artifact.artifact("Built");
        Pipeline.Builder.create(this, "Pipeline")
                .pipelineName(name("pipeline"))
                .pipelineType(PipelineType.V1)
                .artifactBucket(artifacts)
                .crossAccountKeys(false)
                .restartExecutionOnUpdate(false)
                .stages(List.of(
                        StageProps.builder().stageName("Source").actions(List.of(CodeCommitSourceAction.Builder.create()
                                .actionName("Repository").repository(repository).branch(BRANCH)
                                // A commit starts a run through an EventBridge rule, not by polling.
                                .trigger(CodeCommitTrigger.EVENTS).output(source).build())).build(),
                        StageProps.builder().stageName("Build").actions(List.of(CodeBuildAction.Builder.create()
                                .actionName("BuildAndTest").project(project).input(source).outputs(List.of(built)).build())).build(),
                        StageProps.builder().stageName("Deploy").actions(List.of(S3DeployAction.Builder.create()
                                .actionName("Site").bucket(output).input(built).extract(true).build())).build()))
                .build();
        CfnOutput.Builder.create(this, "OutputBucket").value(output.getBucketName())
                .description("Where the Deploy stage puts the built site").build();
    }

    /** solution/buildspec.yml as the project's inline buildspec. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> buildspec() {
        return (Map<String, Object>) new Yaml().load(file("solution/buildspec.yml"));
    }
}
