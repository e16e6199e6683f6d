package dev.dvalabs.exercises.codecommitcodebuild;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.exercise.Catalog;
import dev.dvalabs.exercise.Exercise;
import dev.dvalabs.loop.Loop;
import dev.dvalabs.targets.LocalEmulator;
import dev.dvalabs.testing.MotoExtension;
import dev.dvalabs.testing.Outcomes;
import dev.dvalabs.verify.Report;
import dev.dvalabs.verify.Status;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.codebuild.model.ArtifactsType;
import software.amazon.awssdk.services.codebuild.model.ComputeType;
import software.amazon.awssdk.services.codebuild.model.EnvironmentType;
import software.amazon.awssdk.services.codebuild.model.SourceType;
import software.amazon.awssdk.services.codecommit.CodeCommitClient;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.ActionCategory;
import software.amazon.awssdk.services.codepipeline.model.ActionDeclaration;
import software.amazon.awssdk.services.codepipeline.model.ActionOwner;
import software.amazon.awssdk.services.codepipeline.model.StageDeclaration;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The verifier's calls against moto's CodeCommit, CodeBuild and CodePipeline, an opinion on them independent of
 * the loopback stub: the stacks do not deploy on moto (deviations.yaml), so the test builds by API what the
 * solution has, runs the verify as {@code labs verify --target moto} does, and holds every check to what moto
 * can show, its recorded deviations SKIP and everything else judged as on AWS.
 */
@ExtendWith(MotoExtension.class)
@DisplayName("codecommit-codebuild's verifier on moto's CodeCommit, CodeBuild and CodePipeline")
class CodecommitCodebuildOnMotoTest {

    static final Exercise EXERCISE = Catalog.load().find(new CodecommitCodebuild().id()).orElseThrow();
    static final String ACCOUNT = "123456789012";

    private LocalEmulator moto;

    @BeforeEach
    void on(LocalEmulator moto) {
        this.moto = moto;
    }

    @Test
    @DisplayName("a right build: the project and its buildspec pass, and what moto cannot show is SKIP with its recorded signature")
    void rightBuild() throws IOException {
        build(buildspec(), SourceType.CODEPIPELINE, ArtifactsType.CODEPIPELINE);
        Report report = verify();
        assertThat(Outcomes.byCheck(report)).as(Outcomes.described(report)).isEqualTo(Map.of(
                "build-project", Status.PASS,
                "buildspec-valid", Status.PASS,
                // moto 5.2.5: no branches, no CodeStar Notifications, a GetPipeline answer the SDK cannot read (deviations.yaml).
                "repository", Status.SKIP,
                "notification-rule", Status.SKIP,
                "pipeline-stages", Status.SKIP,
                "pipeline-run", Status.SKIP,
                "build-phases", Status.SKIP,
                "artifact-delivered", Status.SKIP,
                "notified", Status.SKIP));
    }

    @Test
    @DisplayName("a project built from CodeCommit into S3, with a buildspec of version 0.3, FAILs build-project and buildspec-valid")
    void wrongProject() throws IOException {
        build(buildspec().replace("version: 0.2", "version: 0.3"), SourceType.CODECOMMIT, ArtifactsType.S3);
        Report report = verify();
        assertThat(Outcomes.byCheck(report)).as(Outcomes.described(report)).containsEntry("build-project", Status.FAIL).containsEntry("buildspec-valid", Status.FAIL);
    }

    @Test
    @DisplayName("no project and no repository: the CodeBuild and CodeCommit checks FAIL, not SKIP")
    void nothingBuilt() {
        Report report = verify();
        assertThat(Outcomes.byCheck(report)).as(Outcomes.described(report)).containsEntry("build-project", Status.FAIL)
                .containsEntry("buildspec-valid", Status.FAIL).containsEntry("repository", Status.FAIL);
    }

    private static String buildspec() throws IOException {
        return Files.readString(Path.of(EXERCISE.id(), "solution", "buildspec.yml"));
    }

    /**
     * What the solution stack makes, by API: the repository, the topic, the output bucket, the project (its source and
     * artifacts of these types, the buildspec inline) and the pipeline Source → Build → Deploy.
     */
    private void build(String spec, SourceType source, ArtifactsType artifacts) {
        String role = "arn:aws:iam::" + ACCOUNT + ":role/dva-labs-build";
        try (CodeCommitClient codeCommit = moto.client(CodeCommitClient.builder());
             CodeBuildClient codeBuild = moto.client(CodeBuildClient.builder());
             CodePipelineClient codePipeline = moto.client(CodePipelineClient.builder());
             IamClient iam = moto.client(IamClient.builder());
             SnsClient sns = moto.client(SnsClient.builder());
             S3Client s3 = moto.client(S3Client.builder().forcePathStyle(true))) {
            try {
                codeCommit.createRepository(r -> r.repositoryName(name("repository")));
            } catch (SdkClientException unreadable) {
                // Made: moto's answer has its dates as ISO text, which the SDK cannot read (emulator-notes.md).
                assertThat(unreadable).hasMessageStartingWith("Unable to unmarshall response");
            }
            sns.createTopic(r -> r.name(name("topic")));
            s3.createBucket(r -> r.bucket(bucket()));
            // One role a service: moto's CreatePipeline accepts only a trust policy whose Principal.Service is the one string.
            iam.createRole(r -> r.roleName("dva-labs-build").assumeRolePolicyDocument(trust("codebuild.amazonaws.com")));
            iam.createRole(r -> r.roleName("dva-labs-build-pipeline").assumeRolePolicyDocument(trust("codepipeline.amazonaws.com")));
            String cloneUrl = "https://git-codecommit." + moto.region().id() + ".amazonaws.com/v1/repos/" + name("repository");
            codeBuild.createProject(r -> r.name(name("project")).serviceRole(role)
                    .source(s -> s.type(source).buildspec(spec).location(cloneUrl)) // moto requires a location even for CODEPIPELINE
                    .artifacts(a -> a.type(artifacts).location(bucket())) // and one for the artifacts too ("Project source location is required")
                    .environment(e -> e.type(EnvironmentType.LINUX_CONTAINER).image("aws/codebuild/standard:7.0")
                            .computeType(ComputeType.BUILD_GENERAL1_SMALL)));
            codePipeline.createPipeline(r -> r.pipeline(p -> p.name(name("pipeline")).roleArn(role + "-pipeline")
                    .artifactStore(a -> a.type("S3").location(bucket()))
                    .stages(stage("Source", action(ActionCategory.SOURCE, "CodeCommit", Map.of("RepositoryName", name("repository"),
                                    "BranchName", "main"), null, "Source")),
                            stage("Build", action(ActionCategory.BUILD, "CodeBuild", Map.of("ProjectName", name("project")),
                                    "Source", "Built")),
                            stage("Deploy", action(ActionCategory.DEPLOY, "S3", Map.of("BucketName", bucket(), "Extract", "true"),
                                    "Built", null)))));
        }
    }

    private static String trust(String service) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\","
                + "\"Principal\":{\"Service\":\"" + service + "\"}}]}";
    }

    private static StageDeclaration stage(String name, ActionDeclaration action) {
        return StageDeclaration.builder().name(name).actions(action).build();
    }

    private static ActionDeclaration action(ActionCategory category, String provider, Map<String, String> configuration,
                                            String input, String output) {
        ActionDeclaration.Builder action = ActionDeclaration.builder().name(provider)
                .actionTypeId(t -> t.category(category).owner(ActionOwner.AWS).provider(provider).version("1"))
                .configuration(configuration);
        if (input != null) {
            action.inputArtifacts(a -> a.name(input));
        }
        if (output != null) {
            action.outputArtifacts(a -> a.name(output));
        }
        return action.build();
    }

    private String bucket() {
        return name("bucket").replace("{account}", ACCOUNT).replace("{region}", moto.region().id());
    }

    private static String name(String key) {
        return EXERCISE.names().get(key);
    }

    private Report verify() {
        return new Loop(moto, new PrintWriter(new StringWriter(), true)).verify(EXERCISE, Map.of());
    }
}
