package dev.dvalabs.exercises.elasticbeanstalkdeployments;

import dev.dvalabs.testing.Sessions;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.targets.EndpointTarget;
import dev.dvalabs.testing.AwsStub;
import dev.dvalabs.testing.AwsStub.Answer;
import dev.dvalabs.testing.StubbedChecksContract;
import dev.dvalabs.verify.Check;
import dev.dvalabs.verify.Report;
import dev.dvalabs.verify.Session;
import dev.dvalabs.verify.Status;
import dev.dvalabs.verify.Verification;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/**
 * The elastic-beanstalk-deployments verifier against a loopback stub answering as the Elastic Beanstalk
 * (query/XML), S3 and STS API references show: a deployed solution passes, a deployment that rolls back and
 * one that goes through no temporary group fail, and every check is seen failing on answers that differ in one
 * respect, the verifier observing the stub for real each time (its own deployment included).
 */
class ElasticBeanstalkDeploymentsVerifierTest extends StubbedChecksContract<ElasticBeanstalkDeploymentsVerifier.Observed> {

    static final String ID = new ElasticBeanstalkDeployments().id();
    static final Path CATALOG = Path.of(ID);
    static final String BUCKET = "dva-labs-eb-bundles-123456789012-us-east-1";
    static final String RUN = "dva-labs-verify-test";
    static final String EB = "http://elasticbeanstalk.amazonaws.com/docs/2010-12-01/";
    static final Map<String, String> NAMES = Map.of("bucket", "dva-labs-eb-bundles-{account}-{region}",
            "application", "dva-labs-eb-app", "environment", "dva-labs-eb-env");
    static ElasticBeanstalkDeploymentsVerifier verifier() {
        return new ElasticBeanstalkDeploymentsVerifier(Duration.ofSeconds(5), Duration.ZERO, RUN);
    }
    static final List<String> IMMUTABLE_EVENTS = List.of(
            "Environment update is starting.",
            "Immutable deployment policy enabled. Launching one instance with the new settings to verify health.",
            "Created temporary auto scaling group awseb-e-abc-immutable-stack-AWSEBAutoScalingGroup-XYZ.",
            "Adding new instance(s) (i-0new) to the Auto Scaling group awseb-e-abc-stack-AWSEBAutoScalingGroup-ABC.",
            "Deleting temporary Auto Scaling group awseb-e-abc-immutable-stack-AWSEBAutoScalingGroup-XYZ.",
            "Environment update completed successfully.");

    @Override
    protected List<Check<ElasticBeanstalkDeploymentsVerifier.Observed>> checks() {
        return new ElasticBeanstalkDeploymentsVerifier().checks();
    }

    /** The stub, reset to a deployed solution's answers. */
    @Override
    protected AwsStub correct() {
        stub.clear();
        stub.account("123456789012");
        uploaded(stub, AwsStub.zip(CATALOG.resolve("solution/bundle"), ""));
        stub.query.put("DescribeEnvironments", Answer.xml(environment("v1", "Ready", "Green", true)));
        stub.query.put("DescribeConfigurationSettings", Answer.xml(settings(Map.of(
                "aws:elasticbeanstalk:environment EnvironmentType", "SingleInstance",
                "aws:ec2:instances InstanceTypes", "t3.micro",
                "aws:autoscaling:launchconfiguration InstanceType", "t3.micro",
                "aws:elasticbeanstalk:command DeploymentPolicy", "Immutable",
                "aws:elasticbeanstalk:application:environment GREETING", "Hello from .ebextensions"))));
        stub.query.put("DescribeApplicationVersions", Answer.xml(wrapped("DescribeApplicationVersions", """
                <ApplicationVersions><member><ApplicationName>dva-labs-eb-app</ApplicationName><VersionLabel>v1</VersionLabel>
                <SourceBundle><S3Bucket>%s</S3Bucket><S3Key>app-v1.zip</S3Key></SourceBundle><Status>PROCESSED</Status>
                </member></ApplicationVersions>""".formatted(BUCKET))));
        stub.query.put("CreateApplicationVersion", Answer.xml(wrapped("CreateApplicationVersion",
                "<ApplicationVersion><ApplicationName>dva-labs-eb-app</ApplicationName><VersionLabel>" + RUN
                        + "</VersionLabel></ApplicationVersion>")));
        stub.query.put("UpdateEnvironment", Answer.xml(wrapped("UpdateEnvironment", envMember("v1", "Updating", "Grey", true))));
        // The deployment moves the environment to the verifier's version, through a temporary group.
        stub.onCall.put("UpdateEnvironment", () -> {
            if (stub.written.get("UpdateEnvironment").contains(RUN)) {
                stub.query.put("DescribeEnvironments", Answer.xml(environment(RUN, "Ready", "Green", true)));
            }
        });
        stub.query.put("DescribeEvents", Answer.xml(events(IMMUTABLE_EVENTS)));
        stub.page = new Answer(200, "text/html", ("<p>GREETING: Hello from .ebextensions</p>"
                + "<p>/etc/dva-labs/ebextensions.txt: written by .ebextensions</p>").getBytes(StandardCharsets.UTF_8));
        return stub;
    }

    @Override
    protected ElasticBeanstalkDeploymentsVerifier.Observed observed(AwsStub seen) {
        try (Session session = Sessions.open(EndpointTarget.at(seen.endpoint(), null, Region.US_EAST_1), "test", NAMES)) {
            return verifier().observe(session);
        }
    }

    @Override
    protected Stream<Mistake<AwsStub>> mistakes() {
        return Stream.of(
                wrong("ebextensions-valid", "an empty bucket", s -> s.s3.put(BUCKET + "?list", Answer.xml(AwsStub.listing(BUCKET)))),
                wrong("ebextensions-valid", "the starter's bundle, without .ebextensions", s -> uploaded(s,
                        AwsStub.zip(CATALOG.resolve("starter-bundle"), ""))),
                wrong("ebextensions-valid", "the bundle zipped with its folder, .ebextensions one level down", s -> uploaded(s,
                        AwsStub.zip(CATALOG.resolve("solution"), "bundle"))),
                wrong("ebextensions-valid", "a config with a misspelled namespace", s -> uploaded(s, AwsStub.zip(
                        CATALOG.resolve("test/bundles/misspelled-namespace"), ""))),
                wrong("environment-ready", "health Red", this::redThroughout, "immutable-deploy"),
                wrong("environment-ready", "an environment still launching", s -> s.query.put("DescribeEnvironments",
                        Answer.xml(environment("v1", "Launching", "Grey", true))), "immutable-deploy"),
                wrong("environment-ready", "no such environment", s -> s.query.put("DescribeEnvironments",
                        Answer.xml(wrapped("DescribeEnvironments", "<Environments/>"))),
                        "single-instance", "deployment-policy", "immutable-deploy", "environment-property", "page-served"),
                wrong("single-instance", "a load-balanced environment", s -> setting(s,
                        "aws:elasticbeanstalk:environment EnvironmentType", "LoadBalanced")),
                wrong("single-instance", "a t3.small", s -> setting(s, "aws:ec2:instances InstanceTypes", "t3.small,t3.micro")),
                wrong("deployment-policy", "All at once", s -> setting(s, "aws:elasticbeanstalk:command DeploymentPolicy",
                        "AllAtOnce"), "immutable-deploy"),
                wrong("deployment-policy", "Rolling with additional batch", s -> setting(s,
                        "aws:elasticbeanstalk:command DeploymentPolicy", "RollingWithAdditionalBatch"), "immutable-deploy"),
                wrong("immutable-deploy", "a deployment through no temporary group", s -> s.query.put("DescribeEvents",
                        Answer.xml(events(List.of("Environment update is starting.",
                                "Deploying new version to instance(s).", "Environment update completed successfully."))))),
                wrong("immutable-deploy", "a deployment that rolled back", this::rolledBack),
                wrong("immutable-deploy", "the sample application, no version of the learner's", s -> s.query.put(
                        "DescribeEnvironments", Answer.xml(environment(null, "Ready", "Green", true)))),
                wrong("environment-property", "no GREETING", s -> {
                    setting(s, "aws:elasticbeanstalk:application:environment GREETING", null);
                }),
                wrong("environment-property", "another greeting", s -> setting(s,
                        "aws:elasticbeanstalk:application:environment GREETING", "Hello")),
                wrong("page-served", "the page without the file", s -> s.page = new Answer(200, "text/html",
                        "<p>GREETING: Hello from .ebextensions</p>".getBytes(StandardCharsets.UTF_8))),
                wrong("page-served", "a 502 from the proxy", s -> s.page = new Answer(502, "text/html",
                        "<h1>502 Bad Gateway</h1>".getBytes(StandardCharsets.UTF_8))),
                wrong("page-served", "an environment without a URL", s -> s.query.put("DescribeEnvironments",
                        Answer.xml(environment("v1", "Ready", "Green", false)))));
    }

    @Test
    @DisplayName("a deployed solution passes every check; the verifier deploys its marked version once and puts the old one back on close")
    void solutionPassesAndIsPutBack() {
        correct();
        Report report;
        try (Session session = Sessions.open(EndpointTarget.at(stub.endpoint(), null, Region.US_EAST_1), "test", NAMES)) {
            report = Verification.run(session, verifier(), Map.of());
            assertThat(stub.written.get("CreateApplicationVersion")).contains("VersionLabel=" + RUN, "S3Key=app-v1.zip",
                    "Tags.member.1.Key=dva-labs%3Averify");
            assertThat(stub.written.get("UpdateEnvironment")).contains("VersionLabel=" + RUN);
        }
        assertThat(report.outcomes()).allSatisfy(o -> assertThat(o.status()).as(o.id() + ": " + o.result()).isEqualTo(Status.PASS));
        assertThat(report.outcome("immutable-deploy").result().observed())
                .contains(RUN + " went through a temporary Auto Scaling group; the environment is Ready/Green running " + RUN);
        assertThat(report.outcome("ebextensions-valid").result().observed()).isEqualTo("newest bundle app-v1.zip: .ebextensions has no errors");
        assertThat(stub.written.get("UpdateEnvironment")).as("closing the session put the environment back on v1").contains("VersionLabel=v1");
    }

    @Test
    @DisplayName("a rolled-back deployment says so, naming the version the environment kept")
    void rollbackIsNamed() {
        AwsStub s = correct();
        rolledBack(s);
        Report report = judge(s);
        assertThat(report.outcome("immutable-deploy").result().observed()).contains("running v1 (rolled back)",
                "Failed to deploy application");
    }

    @Test
    @DisplayName("the verifier deploys nothing when the policy is not Immutable, and says why")
    void noDeploymentWithoutImmutable() {
        AwsStub s = correct();
        setting(s, "aws:elasticbeanstalk:command DeploymentPolicy", "AllAtOnce");
        Report report = judge(s);
        assertThat(s.written).doesNotContainKeys("CreateApplicationVersion", "UpdateEnvironment");
        assertThat(report.outcome("immutable-deploy").result().observed()).contains("not deployed: the deployment policy is AllAtOnce");
    }

    @Test
    @DisplayName("a bundle's linter errors are named with their file, line and column")
    void bundleErrorsArePositioned() {
        AwsStub s = correct();
        uploaded(s, AwsStub.zip(CATALOG.resolve("test/bundles/misspelled-namespace"), ""));
        assertThat(judge(s).outcome("ebextensions-valid").result().observed())
                .contains("app-v1.zip/.ebextensions/options.config:2:3: ERROR unknown-namespace");
    }

    @Test
    @DisplayName("a learner who deploys a version of their own after the verifier's keeps it: closing the session puts nothing back")
    void learnersLaterDeploymentIsKept() {
        correct();
        try (Session session = Sessions.open(EndpointTarget.at(stub.endpoint(), null, Region.US_EAST_1), "test", NAMES)) {
            Verification.run(session, verifier(), Map.of());
            assertThat(stub.written.get("UpdateEnvironment")).contains("VersionLabel=" + RUN);
            stub.query.put("DescribeEnvironments", Answer.xml(environment("learners-v2", "Ready", "Green", true)));
            stub.written.remove("UpdateEnvironment");
        }
        assertThat(stub.written).doesNotContainKey("UpdateEnvironment");
    }

    @Test
    @DisplayName("an environment that refuses the way back (not Ready) keeps the verifier's version in the journal: the next verify puts v1 back")
    void refusedUndoIsRetriedByTheNextVerify(@org.junit.jupiter.api.io.TempDir Path state) {
        correct();
        var target = EndpointTarget.at(stub.endpoint(), null, Region.US_EAST_1);
        Session first = Session.on(target, "test", dev.dvalabs.verify.Names.declared(NAMES)).state(state).open();
        Verification.run(first, verifier(), Map.of());
        stub.onCall.remove("UpdateEnvironment");
        Answer accepted = stub.query.get("UpdateEnvironment");
        stub.query.put("UpdateEnvironment", Answer.xml(400, "<ErrorResponse><Error><Type>Sender</Type><Code>InvalidParameterValue</Code>"
                + "<Message>Environment named dva-labs-eb-env is in an invalid state for this operation. Must be Ready.</Message>"
                + "</Error></ErrorResponse>"));
        org.assertj.core.api.Assertions.assertThatThrownBy(first::close).hasMessageContaining("the next verify tries again");
        stub.query.put("UpdateEnvironment", accepted);
        stub.written.remove("UpdateEnvironment");
        try (Session next = Session.on(target, "test", dev.dvalabs.verify.Names.declared(NAMES)).state(state).open()) {
            assertThat(next.recovered()).containsExactly("version " + RUN + " deployed to dva-labs-eb-env (it ran v1 before)");
        }
        assertThat(stub.written.get("UpdateEnvironment")).contains("VersionLabel=v1");
    }

    private static void uploaded(AwsStub s, byte[] zip) {
        s.s3.put(BUCKET + "?list", Answer.xml(AwsStub.listing(BUCKET, "app-v1.zip")));
        s.s3.put(BUCKET + "/app-v1.zip", new Answer(200, "application/zip", zip));
    }

    private void redThroughout(AwsStub s) {
        s.query.put("DescribeEnvironments", Answer.xml(environment("v1", "Ready", "Red", true)));
        s.onCall.put("UpdateEnvironment", () -> s.query.put("DescribeEnvironments", Answer.xml(environment(RUN, "Ready", "Red", true))));
    }

    private void rolledBack(AwsStub s) {
        s.onCall.put("UpdateEnvironment", () -> s.query.put("DescribeEnvironments", Answer.xml(environment("v1", "Ready", "Green", true))));
        s.query.put("DescribeEvents", Answer.xml(events(List.of("Environment update is starting.",
                "Immutable deployment policy enabled. Launching one instance with the new settings to verify health.",
                "Created temporary auto scaling group awseb-e-abc-immutable-stack-AWSEBAutoScalingGroup-XYZ.",
                "Failed to deploy application.", "Rolling back: terminating the temporary Auto Scaling group.",
                "Environment update completed with errors."))));
    }

    /** Replaces one option's value in the configuration (null: leaves it out), keeping the others. */
    private static void setting(AwsStub s, String key, String value) {
        Map<String, String> values = new java.util.TreeMap<>(Map.of(
                "aws:elasticbeanstalk:environment EnvironmentType", "SingleInstance",
                "aws:ec2:instances InstanceTypes", "t3.micro",
                "aws:elasticbeanstalk:command DeploymentPolicy", "Immutable",
                "aws:elasticbeanstalk:application:environment GREETING", "Hello from .ebextensions"));
        values.remove(key);
        if (value != null) {
            values.put(key, value);
        }
        s.query.put("DescribeConfigurationSettings", Answer.xml(settings(values)));
    }

    static String wrapped(String action, String result) {
        return "<" + action + "Response xmlns=\"" + EB + "\"><" + action + "Result>" + result + "</" + action + "Result>"
                + "<ResponseMetadata><RequestId>stub</RequestId></ResponseMetadata></" + action + "Response>";
    }

    String environment(String label, String status, String health, boolean withUrl) {
        return wrapped("DescribeEnvironments", "<Environments><member>" + envMember(label, status, health, withUrl)
                + "</member></Environments>");
    }

    String envMember(String label, String status, String health, boolean withUrl) {
        return member(label, status, health, withUrl ? "127.0.0.1:" + stub.port() : null);
    }

    static String member(String label, String status, String health, String cname) {
        return "<EnvironmentName>dva-labs-eb-env</EnvironmentName><EnvironmentId>e-abc</EnvironmentId>"
                + "<ApplicationName>dva-labs-eb-app</ApplicationName>"
                + (label == null ? "" : "<VersionLabel>" + label + "</VersionLabel>")
                + "<SolutionStackName>" + ElasticBeanstalkDeploymentsStack.SOLUTION_STACK + "</SolutionStackName>"
                + (cname == null ? "" : "<CNAME>" + cname + "</CNAME>")
                + "<DateUpdated>2026-01-01T00:10:00Z</DateUpdated><Status>" + status + "</Status><Health>" + health + "</Health>";
    }

    static String settings(Map<String, String> values) {
        StringBuilder options = new StringBuilder();
        values.forEach((key, value) -> {
            int space = key.indexOf(' ');
            options.append("<member><Namespace>").append(key, 0, space).append("</Namespace><OptionName>")
                    .append(key.substring(space + 1)).append("</OptionName><Value>").append(value).append("</Value></member>");
        });
        return wrapped("DescribeConfigurationSettings", "<ConfigurationSettings><member><ApplicationName>dva-labs-eb-app"
                + "</ApplicationName><EnvironmentName>dva-labs-eb-env</EnvironmentName><OptionSettings>" + options
                + "</OptionSettings></member></ConfigurationSettings>");
    }

    static String events(List<String> messages) {
        StringBuilder members = new StringBuilder();
        for (int i = 0; i < messages.size(); i++) {
            members.append("<member><EventDate>2026-01-01T00:1").append(i).append(":00Z</EventDate><Message>")
                    .append(messages.get(i)).append("</Message><Severity>INFO</Severity>"
                            + "<EnvironmentName>dva-labs-eb-env</EnvironmentName></member>");
        }
        return wrapped("DescribeEvents", "<Events>" + members + "</Events>");
    }
}
