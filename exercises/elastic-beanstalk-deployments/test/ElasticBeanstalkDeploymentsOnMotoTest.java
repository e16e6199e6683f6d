package dev.dvalabs.exercises.elasticbeanstalkdeployments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.exercise.Catalog;
import dev.dvalabs.exercise.Exercise;
import dev.dvalabs.loop.Loop;
import dev.dvalabs.targets.LocalEmulator;
import dev.dvalabs.testing.MotoExtension;
import dev.dvalabs.testing.Outcomes;
import dev.dvalabs.testing.AwsStub;
import dev.dvalabs.verify.Report;
import dev.dvalabs.verify.Status;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.elasticbeanstalk.ElasticBeanstalkClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The verifier's calls against moto's Elastic Beanstalk, an opinion on them independent of the loopback stub:
 * the stacks do not deploy on moto (deviations.yaml), so the test builds by API what the solution has, runs
 * the verify as {@code labs verify --target moto} does, and holds every check to what moto can show, its
 * recorded deviations SKIP and everything else judged as on AWS.
 */
@ExtendWith(MotoExtension.class)
@DisplayName("elastic-beanstalk-deployments' verifier on moto's Elastic Beanstalk")
class ElasticBeanstalkDeploymentsOnMotoTest {

    static final Exercise EXERCISE = Catalog.load().find(new ElasticBeanstalkDeployments().id()).orElseThrow();
    static final Path FOLDER = Path.of(EXERCISE.id());

    private LocalEmulator moto;

    @BeforeEach
    void on(LocalEmulator moto) {
        this.moto = moto;
    }

    @Test
    @DisplayName("a right build: the bundle passes, and what moto cannot show is SKIP with its recorded signature")
    void rightBuild() {
        build(FOLDER.resolve("solution/bundle"), name("environment"));
        Report report = verify();
        assertThat(Outcomes.byCheck(report)).as(Outcomes.described(report)).isEqualTo(Map.of(
                "ebextensions-valid", Status.PASS,
                // moto 5.2.5: health always Grey, no configuration settings, no URL (deviations.yaml).
                "environment-ready", Status.SKIP,
                "single-instance", Status.SKIP,
                "deployment-policy", Status.SKIP,
                "immutable-deploy", Status.SKIP,
                "environment-property", Status.SKIP,
                "page-served", Status.SKIP));
    }

    @Test
    @DisplayName("a misspelled namespace in the bundle FAILs ebextensions-valid")
    void misspelledNamespace() {
        build(FOLDER.resolve("test/bundles/misspelled-namespace"), name("environment"));
        Report report = verify();
        assertThat(report.outcome("ebextensions-valid").status()).as(Outcomes.described(report)).isEqualTo(Status.FAIL);
        assertThat(report.outcome("environment-ready").status()).isEqualTo(Status.SKIP);
    }

    @Test
    @DisplayName("an environment under another name FAILs every Elastic Beanstalk check, though moto's DescribeEnvironments answers it")
    void misnamedEnvironment() {
        build(FOLDER.resolve("solution/bundle"), name("environment") + "-2");
        try (ElasticBeanstalkClient eb = moto.client(ElasticBeanstalkClient.builder())) {
            // What makes the probe's own name filter necessary: moto answers the filter with every environment.
            assertThat(eb.describeEnvironments(r -> r.applicationName(name("application")).environmentNames(name("environment")))
                    .environments()).singleElement().extracting(e -> e.environmentName()).isEqualTo(name("environment") + "-2");
        }
        Report report = verify();
        assertThat(Outcomes.byCheck(report)).as(Outcomes.described(report)).isEqualTo(Map.of(
                "ebextensions-valid", Status.PASS,
                "environment-ready", Status.FAIL,
                "single-instance", Status.FAIL,
                "deployment-policy", Status.FAIL,
                "immutable-deploy", Status.FAIL,
                "environment-property", Status.FAIL,
                "page-served", Status.FAIL));
        assertThat(report.outcome("environment-ready").result().observed()).contains("no such environment");
    }

    /** The bucket holding the zipped bundle, the application and an environment of that name (as the solution stack makes). */
    private void build(Path bundle, String environment) {
        String bucket = name("bucket").replace("{account}", "123456789012").replace("{region}", moto.region().id());
        try (S3Client s3 = moto.client(S3Client.builder().forcePathStyle(true));
             ElasticBeanstalkClient eb = moto.client(ElasticBeanstalkClient.builder())) {
            s3.createBucket(r -> r.bucket(bucket));
            s3.putObject(r -> r.bucket(bucket).key("app-v1.zip"), RequestBody.fromBytes(AwsStub.zip(bundle, "")));
            eb.createApplication(r -> r.applicationName(name("application")));
            eb.createEnvironment(r -> r.applicationName(name("application")).environmentName(environment)
                    .solutionStackName("64bit Amazon Linux 2023 v4.9.0 running Python 3.12")
                    .optionSettings(o -> o.namespace("aws:elasticbeanstalk:command").optionName("DeploymentPolicy").value("Immutable")));
        }
    }

    private static String name(String key) {
        return EXERCISE.names().get(key);
    }

    private Report verify() {
        return new Loop(moto, new PrintWriter(new StringWriter(), true)).verify(EXERCISE, Map.of());
    }
}
