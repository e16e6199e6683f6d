package dev.dvalabs.exercises.codecommitcodebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dvalabs.cdk.Variant;
import dev.dvalabs.contract.EndToEnd;
import dev.dvalabs.deploy.Deployer;
import dev.dvalabs.targets.LocalEmulator;
import dev.dvalabs.testing.LocalEmulatorExtension;
import dev.dvalabs.verify.Report;
import dev.dvalabs.verify.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.codebuild.model.ArtifactsType;
import software.amazon.awssdk.services.codebuild.model.ComputeType;
import software.amazon.awssdk.services.codebuild.model.EnvironmentType;
import software.amazon.awssdk.services.codebuild.model.SourceType;

/**
 * codecommit-codebuild on the local emulator: ministack has no CodeCommit, CodeStar Notifications or
 * CodePipeline, so the stacks do not deploy and those checks are SKIP with the reason; its CodeBuild judges a
 * project made by hand, buildspec included, as AWS would.
 */
@ExtendWith(LocalEmulatorExtension.class)
class CodecommitCodebuildTest {

    static final String ID = new CodecommitCodebuild().id();
    static final Set<String> SERVICE_CHECKS = Set.of("repository", "notification-rule", "pipeline-stages", "pipeline-run",
            "build-phases", "artifact-delivered", "notified");

    @TempDir
    Path state;

    @RegisterExtension
    final EndToEnd lab = new EndToEnd(ID).isolatedIn(() -> state).afterDestroy(CodecommitCodebuildTest::deleteProject);

    static final String PROJECT = dev.dvalabs.cdk.ExerciseStack.declaredNames(ID).get("project").toString();

    private static void deleteProject(LocalEmulator emulator) {
        try (CodeBuildClient codeBuild = emulator.client(CodeBuildClient.builder())) {
            if (!codeBuild.batchGetProjects(r -> r.names(PROJECT)).projects().isEmpty()) {
                codeBuild.deleteProject(r -> r.name(PROJECT));
            }
        }
    }

    private static Set<String> withStatus(Report report, Status status) {
        return report.outcomes().stream().filter(o -> o.status() == status).map(o -> o.id()).collect(Collectors.toSet());
    }

    private void project(LocalEmulator emulator, String buildspecFile) throws IOException {
        String buildspec = Files.readString(Path.of(ID, buildspecFile));
        try (CodeBuildClient codeBuild = emulator.client(CodeBuildClient.builder())) {
            codeBuild.createProject(r -> r.name(PROJECT)
                    .source(s -> s.type(SourceType.CODEPIPELINE).buildspec(buildspec))
                    .artifacts(a -> a.type(ArtifactsType.CODEPIPELINE))
                    .environment(e -> e.type(EnvironmentType.LINUX_CONTAINER).image("aws/codebuild/standard:7.0")
                            .computeType(ComputeType.BUILD_GENERAL1_SMALL))
                    .serviceRole("arn:aws:iam::000000000000:role/dva-labs-build"));
        }
    }

    @Test
    @DisplayName("the starter's stack does not deploy on ministack: its CloudFormation does not know CodeCommit")
    void stackDoesNotDeploy(LocalEmulator emulator) {
        assertThatThrownBy(() -> new Deployer(emulator, lab.out()).deploy(lab.exercise(), Variant.STARTER))
                .isInstanceOf(CloudFormationException.class).hasMessageContaining("Unrecognized resource types");
    }

    @Test
    @DisplayName("a project made by hand with the solution's buildspec passes the CodeBuild checks; the rest is SKIP with the reason")
    void projectByHand(LocalEmulator emulator) throws IOException {
        project(emulator, "solution/buildspec.yml");
        Report report = lab.verify(emulator);
        assertThat(withStatus(report, Status.PASS)).containsExactlyInAnyOrder("build-project", "buildspec-valid");
        assertThat(withStatus(report, Status.SKIP)).isEqualTo(SERVICE_CHECKS);
        assertThat(report.outcome("repository").result().observed()).contains("CodeCommit is not available on local");
    }

    @Test
    @DisplayName("a project made by hand with the starter's buildspec fails buildspec-valid, naming the mistakes")
    void starterBuildspecByHand(LocalEmulator emulator) throws IOException {
        project(emulator, "starter-buildspec.yml");
        Report report = lab.verify(emulator);
        assertThat(withStatus(report, Status.FAIL)).containsExactly("buildspec-valid");
        assertThat(report.outcome("buildspec-valid").result().observed()).contains("runtime-versions-phase", "unknown-key");
    }

    @Test
    @DisplayName("without a project, build-project and buildspec-valid fail with 'no such project'")
    void noProject(LocalEmulator emulator) {
        Report report = lab.verify(emulator);
        assertThat(withStatus(report, Status.FAIL)).containsExactlyInAnyOrder("build-project", "buildspec-valid");
        assertThat(report.outcome("build-project").result().observed()).contains("project dva-labs-build: no such project");
    }
}
