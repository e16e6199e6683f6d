package dev.dvalabs.exercises.codecommitcodebuild;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.cdk.Variant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** What the codecommit-codebuild stacks declare, read from their synthesized templates. */
class CodecommitCodebuildStackTest {

    private static final Template SOLUTION = synth(Variant.SOLUTION);
    private static final Template STARTER = synth(Variant.STARTER);

    private static Template synth(Variant variant) {
        return Template.fromStack(new CodecommitCodebuild().stack(new App(), variant));
    }

    @Test
    @DisplayName("the pipeline goes Source (CodeCommit main) → Build (CodeBuild) → Deploy (S3, extracted), in that order")
    void pipelineStages() {
        Object source = stage("Source", Map.of("Category", "Source", "Owner", "AWS", "Provider", "CodeCommit", "Version", "1"),
                Map.of("BranchName", "main", "PollForSourceChanges", false));
        Object build = stage("Build", Map.of("Category", "Build", "Owner", "AWS", "Provider", "CodeBuild", "Version", "1"), Map.of());
        Object deploy = stage("Deploy", Map.of("Category", "Deploy", "Owner", "AWS", "Provider", "S3", "Version", "1"),
                Map.of("Extract", "true"));
        SOLUTION.hasResourceProperties("AWS::CodePipeline::Pipeline", Match.objectLike(Map.of(
                "Name", "dva-labs-build-pipeline", "Stages", List.of(source, build, deploy))));
        SOLUTION.resourceCountIs("AWS::KMS::Key", 0);
        SOLUTION.resourceCountIs("AWS::Lambda::Function", 0);
    }

    @Test
    @DisplayName("the first commit's site is the checkout's site/index.html, read from the build's classpath")
    void firstCommitIsTheSite() throws IOException {
        assertThat(CodecommitCodebuildAfterDeploy.site()).isEqualTo(Files.readAllBytes(
                Path.of(new CodecommitCodebuild().id(), CodecommitCodebuildAfterDeploy.SITE_PATH))).isNotEmpty();
    }

    private static Object stage(String name, Map<String, Object> type, Map<String, Object> configuration) {
        return Match.objectLike(Map.of("Name", name, "Actions", List.of(Match.objectLike(Map.of(
                "ActionTypeId", type, "Configuration", Match.objectLike(configuration))))));
    }

    @Test
    @DisplayName("the project's inline buildspec is the exercise folder's buildspec.yml, with install, build, post_build and artifacts")
    void projectBuildspec() {
        SOLUTION.hasResourceProperties("AWS::CodeBuild::Project", Match.objectLike(Map.of(
                "Name", "dva-labs-build",
                "Source", Match.objectLike(Map.of("Type", "CODEPIPELINE",
                        "BuildSpec", Match.stringLikeRegexp("version: .?0\\.2[\\s\\S]*install:[\\s\\S]*runtime-versions:[\\s\\S]*post_build:[\\s\\S]*artifacts:[\\s\\S]*base-directory: dist"))),
                "Artifacts", Map.of("Type", "CODEPIPELINE"))));
    }

    @Test
    @DisplayName("the notification rule sends the repository's branch and tag events to the topic, which lets CodeStar Notifications publish")
    void notifications() {
        SOLUTION.hasResourceProperties("AWS::CodeStarNotifications::NotificationRule", Match.objectLike(Map.of(
                "Name", "dva-labs-repo-pushes",
                "EventTypeIds", CodecommitCodebuildVerifier.PUSH_EVENTS,
                "Targets", List.of(Match.objectLike(Map.of("TargetType", "SNS"))))));
        SOLUTION.hasResourceProperties("AWS::SNS::TopicPolicy", Match.objectLike(Map.of(
                "PolicyDocument", Match.objectLike(Map.of("Statement", List.of(Match.objectLike(Map.of(
                        "Action", "sns:Publish", "Principal", Map.of("Service", "codestar-notifications.amazonaws.com")))))))));
    }

    @Test
    @DisplayName("the starter is the repository alone")
    void starterRepositoryOnly() {
        STARTER.hasResourceProperties("AWS::CodeCommit::Repository", Match.objectLike(Map.of("RepositoryName", "dva-labs-repo")));
        assertThat(STARTER.toJSON().keySet()).contains("Resources");
        for (String type : List.of("AWS::CodeBuild::Project", "AWS::CodePipeline::Pipeline", "AWS::SNS::Topic",
                "AWS::CodeStarNotifications::NotificationRule")) {
            STARTER.resourceCountIs(type, 0);
        }
    }
}
