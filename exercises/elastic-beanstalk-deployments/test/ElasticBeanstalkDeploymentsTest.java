package dev.dvalabs.exercises.elasticbeanstalkdeployments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dvalabs.cdk.Variant;
import dev.dvalabs.contract.EndToEnd;
import dev.dvalabs.deploy.Deployer;
import dev.dvalabs.targets.LocalEmulator;
import dev.dvalabs.testing.LocalEmulatorExtension;
import dev.dvalabs.verify.Report;
import dev.dvalabs.verify.Status;
import java.nio.file.Path;
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

/**
 * elastic-beanstalk-deployments on the local emulator: ministack has no Elastic Beanstalk, so the stacks do
 * not deploy there; a bundle in a bucket made by hand is checked (S3 only) and every Elastic Beanstalk check
 * is SKIP with the recorded reason.
 */
@ExtendWith(LocalEmulatorExtension.class)
class ElasticBeanstalkDeploymentsTest {

    static final String ID = new ElasticBeanstalkDeployments().id();
    static final String BUCKET = "dva-labs-eb-bundles-000000000000-us-east-1";
    static final Set<String> SERVICE_CHECKS = Set.of("environment-ready", "single-instance", "deployment-policy",
            "immutable-deploy", "environment-property", "page-served");

    @TempDir
    Path state;

    @RegisterExtension
    final EndToEnd lab = new EndToEnd(ID).isolatedIn(() -> state).afterDestroy(ElasticBeanstalkDeploymentsTest::removeBundleBucket);

    private static void removeBundleBucket(LocalEmulator emulator) {
        try (S3Client s3 = emulator.client(S3Client.builder().forcePathStyle(true))) {
            if (s3.listBuckets().buckets().stream().anyMatch(b -> b.name().equals(BUCKET))) {
                s3.listObjectsV2(r -> r.bucket(BUCKET)).contents().forEach(o -> s3.deleteObject(r -> r.bucket(BUCKET).key(o.key())));
                s3.deleteBucket(r -> r.bucket(BUCKET));
            }
        }
    }

    private Report verifyWith(LocalEmulator emulator, Variant bundle) {
        try (S3Client s3 = emulator.client(S3Client.builder().forcePathStyle(true))) {
            s3.createBucket(r -> r.bucket(BUCKET));
        }
        // What labs deploy's step does after the stack: upload the bundle (the Elastic Beanstalk part is refused there).
        lab.exercise().lab().afterDeploy().orElseThrow().run(emulator, bundle, "by hand",
                Map.of(ElasticBeanstalkDeploymentsStack.BUNDLE_BUCKET_OUTPUT, BUCKET), lab.out());
        return lab.verify(emulator);
    }

    private static Set<String> withStatus(Report report, Status status) {
        return report.outcomes().stream().filter(o -> o.status() == status).map(o -> o.id()).collect(Collectors.toSet());
    }

    @Test
    @DisplayName("the solution's stack does not deploy on ministack: its CloudFormation does not know Elastic Beanstalk")
    void stackDoesNotDeploy(LocalEmulator emulator) {
        assertThatThrownBy(() -> new Deployer(emulator, lab.out()).deploy(lab.exercise(), Variant.SOLUTION))
                .isInstanceOf(CloudFormationException.class).hasMessageContaining("Unrecognized resource types");
    }

    @Test
    @DisplayName("the solution's bundle passes ebextensions-valid on ministack; every Elastic Beanstalk check is SKIP with the reason")
    void solutionBundle(LocalEmulator emulator) {
        Report report = verifyWith(emulator, Variant.SOLUTION);
        assertThat(withStatus(report, Status.PASS)).containsExactly("ebextensions-valid");
        assertThat(withStatus(report, Status.SKIP)).isEqualTo(SERVICE_CHECKS);
        assertThat(report.outcome("environment-ready").result().observed())
                .contains("ministack 1.5.33 has no Elastic Beanstalk", "Elastic Beanstalk is not available on local");
        assertThat(lab.printed()).contains("not deployed: Elastic Beanstalk is not available on local");
    }

    @Test
    @DisplayName("the starter's bundle fails ebextensions-valid on ministack, saying .ebextensions is missing")
    void starterBundle(LocalEmulator emulator) {
        Report report = verifyWith(emulator, Variant.STARTER);
        assertThat(withStatus(report, Status.FAIL)).containsExactly("ebextensions-valid");
        assertThat(report.outcome("ebextensions-valid").result().observed()).contains("ebextensions-missing");
    }
}
