package dev.dvalabs.exercises.codedeployappspecpipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dvalabs.cdk.Variant;
import dev.dvalabs.contract.EndToEnd;
import dev.dvalabs.deploy.DeployException;
import dev.dvalabs.deploy.Deployer;
import dev.dvalabs.destroy.Teardown;
import dev.dvalabs.loop.Loop;
import dev.dvalabs.targets.LocalEmulator;
import dev.dvalabs.testing.LocalEmulatorExtension;
import dev.dvalabs.verify.Report;
import dev.dvalabs.verify.Status;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/**
 * codedeploy-appspec-pipeline on the local emulator. ministack has no CodeDeploy, CodePipeline or EC2
 * instances, so the stacks do not deploy there (real AWS is the exercise's home); what can be practised
 * locally is the bundle: on a bucket made by hand the S3 checks run and the service checks are SKIP.
 */
@ExtendWith(LocalEmulatorExtension.class)
class CodedeployAppspecPipelineTest {

    static final String ID = new CodedeployAppspecPipeline().id();
    static final String BUCKET = "dva-labs-appspec-source-000000000000-us-east-1";
    static final Set<String> SERVICE_CHECKS = Set.of("application", "ec2-tag-targets", "in-place", "deployment-config",
            "auto-rollback", "service-role", "pipeline-stages", "pipeline-run", "deployment-succeeded", "page-served");

    @TempDir
    Path state;

    @RegisterExtension
    final EndToEnd lab = new EndToEnd(ID).isolatedIn(() -> state).afterDestroy(CodedeployAppspecPipelineTest::removeSourceBucket);

    private static void removeSourceBucket(LocalEmulator emulator) {
        try (S3Client s3 = s3(emulator)) {
            removeBucket(s3, BUCKET);
        }
    }

    private static S3Client s3(LocalEmulator emulator) {
        return emulator.client(S3Client.builder().forcePathStyle(true));
    }

    private static Set<String> withStatus(Report report, Status status) {
        return report.outcomes().stream().filter(o -> o.status() == status).map(o -> o.id()).collect(Collectors.toSet());
    }

    /** The bucket as a learner makes it by hand, with the stack's tags, and a bundle uploaded as labs deploy does. */
    private void bucketWithBundle(LocalEmulator emulator, boolean versioned, Variant bundle) {
        try (S3Client s3 = s3(emulator)) {
            s3.createBucket(r -> r.bucket(BUCKET));
            s3.putBucketTagging(r -> r.bucket(BUCKET).tagging(t -> t.tagSet(
                    s -> s.key("dva-labs:exercise").value(ID), s -> s.key("dva-labs:variant").value(bundle.label()))));
            if (versioned) {
                s3.putBucketVersioning(r -> r.bucket(BUCKET).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
            }
        }
        Map<String, String> outputs = Map.of("SourceBucket", BUCKET);
        lab.exercise().lab().afterDeploy().orElseThrow().run(emulator, bundle, "by hand", outputs,
                new PrintWriter(new StringWriter()));
    }

    @Test
    @DisplayName("neither stack deploys on ministack: the solution's AMI parameter is unknown there, the starter's application type too")
    void stacksDoNotDeployOnMinistack(LocalEmulator emulator) {
        assertThatThrownBy(() -> new Deployer(emulator, lab.out()).deploy(lab.exercise(), Variant.SOLUTION))
                .isInstanceOf(CloudFormationException.class)
                .hasMessageContaining("SSM parameter '/aws/service/ami-amazon-linux-latest/al2023-ami");
        assertThatThrownBy(() -> new Deployer(emulator, lab.out()).deploy(lab.exercise(), Variant.STARTER))
                .isInstanceOf(CloudFormationException.class)
                .hasMessageContaining("Unrecognized resource types: [AWS::CodeDeploy::Application]");
    }

    @Test
    @DisplayName("labs run on ministack: one sentence pointing at the compatibility table, and nothing is left")
    void runOnMinistackIsRefusedInOneSentence(LocalEmulator emulator) {
        assertThatThrownBy(() -> new Loop(emulator, lab.out()).run(lab.exercise(), Variant.SOLUTION, report -> {}))
                .isInstanceOf(DeployException.class)
                .hasMessageContaining("refused the solution stack of " + ID)
                .hasMessageContaining("docs/compatibility.md says which exercises deploy on which emulator");
        assertThat(lab.printed()).contains("Nothing of " + ID + " is left");
    }

    @Test
    @DisplayName("the solution's bundle in a versioned bucket passes the S3 checks, without an instance the instance check fails; every CodeDeploy and CodePipeline check is SKIP with the reason")
    void solutionBundleOnTheEmulator(LocalEmulator emulator) {
        bucketWithBundle(emulator, true, Variant.SOLUTION);
        Report report = lab.verify(emulator);
        assertThat(withStatus(report, Status.PASS)).containsExactlyInAnyOrder("source-versioned", "appspec-valid");
        assertThat(withStatus(report, Status.FAIL)).containsExactly("instance");
        assertThat(report.outcome("instance").result().observed()).isEqualTo("instances tagged Name=dva-labs-webapp []");
        assertThat(withStatus(report, Status.SKIP)).isEqualTo(SERVICE_CHECKS);
        assertThat(report.outcome("application").result().observed())
                .contains("ministack 1.5.33 has no CodeDeploy", "CodeDeploy is not available on local");
        assertThat(report.outcome("pipeline-stages").result().observed()).contains("CodePipeline is not available on local");
        assertThat(report.outcome("appspec-valid").result().observed()).isEqualTo("newest bundle webapp.zip: appspec.yml has no errors");
    }

    @Test
    @DisplayName("the starter's bundle in an unversioned bucket, without an instance, fails the S3 and instance checks, naming the AppSpec's mistakes")
    void starterBundleFails(LocalEmulator emulator) {
        bucketWithBundle(emulator, false, Variant.STARTER);
        Report report = lab.verify(emulator);
        assertThat(withStatus(report, Status.FAIL)).containsExactlyInAnyOrder("source-versioned", "appspec-valid", "instance");
        assertThat(withStatus(report, Status.FAIL)).isEqualTo(Set.copyOf(lab.exercise().starterFails().stream()
                .filter(c -> !SERVICE_CHECKS.contains(c)).toList()));
        assertThat(report.outcome("appspec-valid").result().observed()).contains("hook-reserved", "timeout-too-long");
        assertThat(report.outcomes()).filteredOn(o -> o.status() == Status.FAIL).allSatisfy(o -> assertThat(o.hint()).isNotBlank());
    }

    @Test
    @DisplayName("an empty source bucket fails appspec-valid with 'no revision uploaded'")
    void noRevisionUploaded(LocalEmulator emulator) {
        try (S3Client s3 = s3(emulator)) {
            s3.createBucket(r -> r.bucket(BUCKET));
        }
        Report report = lab.verify(emulator);
        assertThat(report.outcome("appspec-valid").status()).isEqualTo(Status.FAIL);
        assertThat(report.outcome("appspec-valid").result().observed()).startsWith("newest bundle no revision uploaded");
    }

    @Test
    @DisplayName("a missing source bucket fails both S3 checks with what S3 said")
    void missingBucket(LocalEmulator emulator) {
        Report report = lab.verify(emulator);
        assertThat(report.outcome("source-versioned").status()).isEqualTo(Status.FAIL);
        assertThat(report.outcome("source-versioned").result().observed())
                .startsWith("ministack refused: bucket " + BUCKET + ": NoSuchBucket");
        assertThat(report.outcome("appspec-valid").status()).isEqualTo(Status.FAIL);
    }

    @Test
    @DisplayName("destroy empties a tagged versioned bucket of every version and deletes it")
    void destroyEmptiesTheBucket(LocalEmulator emulator) {
        bucketWithBundle(emulator, true, Variant.SOLUTION);
        bucketWithBundle(emulator, true, Variant.SOLUTION); // a second version of webapp.zip
        Teardown.Result result = new Teardown(emulator, lab.out()).destroy(ID);
        assertThat(result.remaining()).isEmpty();
        assertThat(result.removed()).anySatisfy(r -> assertThat(r).contains("arn:aws:s3:::" + BUCKET, "emptied first"));
        try (S3Client s3 = s3(emulator)) {
            assertThatThrownBy(() -> s3.headBucket(r -> r.bucket(BUCKET))).isInstanceOf(NoSuchBucketException.class);
        }
    }

    @Test
    @DisplayName("destroy leaves an untagged bucket made by hand untouched")
    void untaggedBucketSurvives(LocalEmulator emulator) {
        try (S3Client s3 = s3(emulator)) {
            s3.createBucket(r -> r.bucket("hand-made-bundles"));
            new Teardown(emulator, lab.out()).destroy(ID);
            assertThat(s3.listBuckets().buckets()).anyMatch(b -> b.name().equals("hand-made-bundles"));
            removeBucket(s3, "hand-made-bundles");
        }
    }

    private static void removeBucket(S3Client s3, String bucket) {
        try {
            for (var page : s3.listObjectVersionsPaginator(r -> r.bucket(bucket))) {
                List<software.amazon.awssdk.services.s3.model.ObjectIdentifier> ids = page.versions().stream()
                        .map(v -> software.amazon.awssdk.services.s3.model.ObjectIdentifier.builder().key(v.key()).versionId(v.versionId()).build())
                        .toList();
                if (!ids.isEmpty()) {
                    s3.deleteObjects(r -> r.bucket(bucket).delete(d -> d.objects(ids)));
                }
            }
            s3.deleteBucket(r -> r.bucket(bucket));
        } catch (NoSuchBucketException e) {
            // already gone
        }
    }
}
