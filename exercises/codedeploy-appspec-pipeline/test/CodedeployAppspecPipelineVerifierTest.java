package dev.dvalabs.exercises.codedeployappspecpipeline;

import dev.dvalabs.verify.CheckResult;
import dev.dvalabs.verify.Outcome;
import dev.dvalabs.verify.Report;
import dev.dvalabs.verify.Status;
import dev.dvalabs.verify.Verification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.targets.EndpointTarget;
import dev.dvalabs.exercises.codedeployappspecpipeline.AwsStub.Answer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.regions.Region;

/**
 * The codedeploy-appspec-pipeline verifier against a loopback stub that answers as the CodeDeploy,
 * CodePipeline, EC2, STS and S3 API references show: the happy path passes, and each check is seen
 * failing on answers that differ in one respect.
 */
class CodedeployAppspecPipelineVerifierTest {

    static final String ID = new CodedeployAppspecPipeline().id();
    static final Path CATALOG = Path.of(ID);
    static final String BUCKET = "dva-labs-appspec-source-123456789012-us-east-1";
    static final String CD = "CodeDeploy_20141006.";
    static final String CP = "CodePipeline_20150709.";

    private AwsStub stub;

    @BeforeEach
    void startStub() throws IOException {
        stub = new AwsStub();
        solution(stub);
    }

    @AfterEach
    void stopStub() {
        stub.close();
    }

    private Report verify() {
        EndpointTarget target = EndpointTarget.at(stub.endpoint(), null, Region.US_EAST_1);
        return Verification.run(ID, new CodedeployAppspecPipelineVerifier(stub.port()), target, Map.of(
                "bucket", "dva-labs-appspec-source-{account}-{region}", "application", "dva-labs-webapp",
                "deploymentGroup", "dva-labs-webapp-group", "pipeline", "dva-labs-webapp-pipeline"), Map.of());
    }

    @Test
    @DisplayName("a deployed solution passes every check")
    void solutionPasses() {
        Report report = verify();
        assertThat(report.outcomes()).allSatisfy(o -> assertThat(o.status()).as(o.id() + ": " + o.result()).isEqualTo(Status.PASS));
        assertThat(report.outcome("deployment-succeeded").result().observed())
                .isEqualTo("d-NEW Succeeded, every event Succeeded on 1 instance(s)");
        assertThat(report.outcome("page-served").result().observed()).contains("HTTP 200, says 'Deployed with CodeDeploy'");
        assertThat(report.outcome("appspec-valid").result().observed()).isEqualTo("webapp.zip: appspec.yml has no errors");
    }

    @Test
    @DisplayName("a failed deployment fails its check and names the failed lifecycle event and script")
    void failedDeploymentNamesTheEvent() {
        stub.json.put(CD + "GetDeployment d-NEW", Answer.json(deployment("d-NEW", "Failed", 1_700_000_100)));
        stub.json.put(CD + "GetDeploymentTarget", Answer.json(instanceTarget("Failed", """
                {"lifecycleEventName":"ApplicationStop","status":"Succeeded","diagnostics":{"errorCode":"Success","message":"Succeeded","scriptName":"","logTail":""}},
                {"lifecycleEventName":"DownloadBundle","status":"Succeeded","diagnostics":{"errorCode":"Success","message":"Succeeded","scriptName":"","logTail":""}},
                {"lifecycleEventName":"ValidateService","status":"Failed","diagnostics":{"errorCode":"ScriptFailed",
                 "message":"Script at specified location: scripts/validate_service.sh run as user root failed with exit code 1",
                 "scriptName":"scripts/validate_service.sh","logTail":"http://localhost/ does not serve"}},
                {"lifecycleEventName":"AfterAllowTraffic","status":"Skipped"}""")));
        CheckResult result = verify().outcome("deployment-succeeded").result();
        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.observed()).startsWith("d-NEW Failed; ")
                .contains("i-0abc ValidateService Failed (ScriptFailed in scripts/validate_service.sh: Script at specified location")
                .contains("i-0abc AfterAllowTraffic Skipped")
                .doesNotContain("ApplicationStop");
    }

    @Test
    @DisplayName("the latest deployment is the newest by creation time, not the first listed")
    void newestDeploymentCounts() {
        stub.json.put(CD + "ListDeployments", Answer.json("{\"deployments\":[\"d-NEW\",\"d-OLD\"]}"));
        stub.json.put(CD + "GetDeployment d-OLD", Answer.json(deployment("d-OLD", "Failed", 1_600_000_000)));
        assertThat(verify().outcome("deployment-succeeded").status()).isEqualTo(Status.PASS);
    }

    @Test
    @DisplayName("a pipeline whose latest run failed fails pipeline-run, with the run's summary")
    void failedPipelineRun() {
        stub.json.put(CP + "ListPipelineExecutions", Answer.json("""
                {"pipelineExecutionSummaries":[{"pipelineExecutionId":"e-2","status":"Failed",
                 "statusSummary":"Action Deploy failed","startTime":1700000300.0,"lastUpdateTime":1700000400.0,
                 "trigger":{"triggerType":"PollForSourceChanges","triggerDetail":""}}]}"""));
        CheckResult result = verify().outcome("pipeline-run").result();
        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.observed()).isEqualTo("e-2 Failed: Action Deploy failed");
    }

    @Test
    @DisplayName("on a target without CodeDeploy and CodePipeline their checks are SKIP with the reason; the S3 checks still run")
    void servicesMissingAreSkipped() {
        // ministack 1.5.33's own answer to both services.
        stub.json.clear();
        stub.json.put(CD + "GetApplication", new Answer(400, "application/json",
                "{\"error\": \"Unsupported service: codedeploy\"}".getBytes(StandardCharsets.UTF_8)));
        stub.json.put(CP + "GetPipeline", new Answer(400, "application/json",
                "{\"error\": \"Unsupported service: codepipeline\"}".getBytes(StandardCharsets.UTF_8)));
        Report report = verify();
        assertThat(report.outcomes()).filteredOn(o -> o.status() == Status.SKIP).extracting(Outcome::id)
                .containsExactly("application", "ec2-tag-targets", "in-place", "deployment-config", "auto-rollback",
                        "pipeline-stages", "pipeline-run", "deployment-succeeded", "page-served");
        assertThat(report.outcome("application").result().observed())
                .isEqualTo("CodeDeploy is not available on endpoint at " + stub.endpoint() + " (us-east-1)");
        assertThat(report.outcome("pipeline-run").result().observed()).startsWith("CodePipeline is not available on endpoint");
        assertThat(report.outcome("source-versioned").status()).isEqualTo(Status.PASS);
        assertThat(report.outcome("appspec-valid").status()).isEqualTo(Status.PASS);
    }

    @Test
    @DisplayName("where CodeDeploy answers, a missing application FAILs with what it said instead of being skipped")
    void missingApplicationFails() {
        Answer missing = Answer.json(400, "{\"__type\":\"ApplicationDoesNotExistException\",\"message\":\"No application found for name: dva-labs-webapp\"}");
        stub.json.put(CD + "GetApplication", missing);
        stub.json.put(CD + "GetDeploymentGroup", missing);
        stub.json.put(CD + "ListDeployments", missing);
        Report report = verify();
        for (String check : new String[] {"application", "ec2-tag-targets", "deployment-succeeded", "page-served"}) {
            assertThat(report.outcome(check).status()).as(check).isEqualTo(Status.FAIL);
            assertThat(report.outcome(check).result().observed()).as(check).contains("ApplicationDoesNotExistException");
        }
    }

    static Stream<Arguments> oneThingWrong() {
        return Stream.of(
                wrong("source-versioned", "never enabled", s -> s.s3.put(BUCKET + "?versioning",
                        Answer.xml("<VersioningConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"/>"))),
                wrong("appspec-valid", "no revision uploaded", s -> s.s3.put(BUCKET + "?list", Answer.xml(listing()))),
                wrong("appspec-valid", "appspec.yml:12:3: ERROR hook-reserved", s -> uploaded(s, zip(CATALOG.resolve("starter-bundle")))),
                wrong("application", "dva-labs-webapp on Lambda", s -> s.json.put(CD + "GetApplication", Answer.json(
                        "{\"application\":{\"applicationId\":\"a-1\",\"applicationName\":\"dva-labs-webapp\",\"computePlatform\":\"Lambda\",\"createTime\":1700000000.0}}"))),
                wrong("ec2-tag-targets", "no EC2 tag filter", s -> s.json.put(CD + "GetDeploymentGroup", Answer.json(group(
                        "\"autoScalingGroups\":[{\"name\":\"web-asg\",\"hook\":\"CodeDeploy-managed-automatic-launch-deployment-hook\"}]",
                        "IN_PLACE", "CodeDeployDefault.OneAtATime", true)))),
                wrong("in-place", "BLUE_GREEN", s -> s.json.put(CD + "GetDeploymentGroup", Answer.json(group(
                        TAGS, "BLUE_GREEN", "CodeDeployDefault.OneAtATime", true)))),
                wrong("deployment-config", "dva-labs-two-at-a-time", s -> s.json.put(CD + "GetDeploymentGroup", Answer.json(group(
                        TAGS, "IN_PLACE", "dva-labs-two-at-a-time", true)))),
                wrong("auto-rollback", "disabled", s -> s.json.put(CD + "GetDeploymentGroup", Answer.json(group(
                        TAGS, "IN_PLACE", "CodeDeployDefault.OneAtATime", false)))),
                wrong("pipeline-stages", "S3Bucket=someone-elses-bucket", s -> s.json.put(CP + "GetPipeline",
                        Answer.json(pipeline("someone-elses-bucket")))),
                wrong("pipeline-run", "the pipeline has never run", s -> s.json.put(CP + "ListPipelineExecutions",
                        Answer.json("{\"pipelineExecutionSummaries\":[]}"))),
                wrong("deployment-succeeded", "no deployment to the group yet", s -> s.json.put(CD + "ListDeployments",
                        Answer.json("{\"deployments\":[]}"))),
                wrong("page-served", "HTTP 200, without 'Deployed with CodeDeploy'", s -> s.page = new Answer(200, "text/html",
                        "<h1>Test Page for the HTTP Server on Amazon Linux</h1>".getBytes(StandardCharsets.UTF_8))),
                wrong("page-served", "the instance has no public DNS name or IP address", s -> s.query.put("DescribeInstances",
                        Answer.xml(instances("", "")))));
    }

    private static Arguments wrong(String check, String observed, Consumer<AwsStub> change) {
        return Arguments.of(check, observed, change);
    }

    @ParameterizedTest(name = "{0} fails when it sees: {1}")
    @MethodSource("oneThingWrong")
    void eachCheckFails(String check, String observed, Consumer<AwsStub> change) {
        change.accept(stub);
        Report report = verify();
        assertThat(report.outcome(check).status()).isEqualTo(Status.FAIL);
        assertThat(report.outcome(check).result().observed()).contains(observed);
        assertThat(report.outcomes()).filteredOn(o -> !o.id().equals(check))
                .filteredOn(o -> !(check.equals("deployment-succeeded") && o.id().equals("page-served")))
                .allSatisfy(o -> assertThat(o.status()).as(o.id()).isEqualTo(Status.PASS));
    }

    // ---- answers of a deployed solution, shaped as the API references show them ----

    static final String TAGS = "\"ec2TagFilters\":[{\"Key\":\"Name\",\"Value\":\"dva-labs-webapp\",\"Type\":\"KEY_AND_VALUE\"}]";

    static void solution(AwsStub stub) {
        stub.query.put("GetCallerIdentity", Answer.xml("""
                <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/learner</Arn>
                  <UserId>AIDASTUB</UserId><Account>123456789012</Account></GetCallerIdentityResult>
                  <ResponseMetadata><RequestId>stub</RequestId></ResponseMetadata>
                </GetCallerIdentityResponse>"""));
        stub.query.put("DescribeInstances", Answer.xml(instances("127.0.0.1", "127.0.0.1")));
        stub.s3.put(BUCKET + "?versioning", Answer.xml(
                "<VersioningConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Status>Enabled</Status></VersioningConfiguration>"));
        uploaded(stub, zip(CATALOG.resolve("bundle")));
        stub.json.put(CD + "GetApplication", Answer.json(
                "{\"application\":{\"applicationId\":\"a-1\",\"applicationName\":\"dva-labs-webapp\",\"computePlatform\":\"Server\","
                        + "\"createTime\":1700000000.0,\"linkedToGitHub\":false}}"));
        stub.json.put(CD + "GetDeploymentGroup", Answer.json(group(TAGS, "IN_PLACE", "CodeDeployDefault.OneAtATime", true)));
        stub.json.put(CD + "ListDeployments", Answer.json("{\"deployments\":[\"d-OLD\",\"d-NEW\"]}"));
        stub.json.put(CD + "GetDeployment d-OLD", Answer.json(deployment("d-OLD", "Succeeded", 1_600_000_000)));
        stub.json.put(CD + "GetDeployment d-NEW", Answer.json(deployment("d-NEW", "Succeeded", 1_700_000_100)));
        stub.json.put(CD + "ListDeploymentTargets", Answer.json("{\"targetIds\":[\"i-0abc\"]}"));
        StringBuilder events = new StringBuilder();
        for (String event : new String[] {"ApplicationStop", "DownloadBundle", "BeforeInstall", "Install", "AfterInstall",
                "ApplicationStart", "ValidateService", "BeforeAllowTraffic", "AllowTraffic", "AfterAllowTraffic"}) {
            events.append(events.length() == 0 ? "" : ",").append("{\"lifecycleEventName\":\"").append(event)
                    .append("\",\"status\":\"Succeeded\",\"startTime\":1700000150.0,\"endTime\":1700000151.0,"
                            + "\"diagnostics\":{\"errorCode\":\"Success\",\"message\":\"Succeeded\",\"scriptName\":\"\",\"logTail\":\"\"}}");
        }
        stub.json.put(CD + "GetDeploymentTarget", Answer.json(instanceTarget("Succeeded", events.toString())));
        stub.json.put(CP + "GetPipeline", Answer.json(pipeline(BUCKET)));
        stub.json.put(CP + "ListPipelineExecutions", Answer.json("""
                {"pipelineExecutionSummaries":[{"pipelineExecutionId":"e-1","status":"Succeeded","startTime":1700000100.0,
                 "lastUpdateTime":1700000200.0,"sourceRevisions":[{"actionName":"Bundle","revisionId":"v1"}],
                 "trigger":{"triggerType":"PollForSourceChanges","triggerDetail":""}}]}"""));
        stub.page = new Answer(200, "text/html", "<h1>Deployed with CodeDeploy</h1>".getBytes(StandardCharsets.UTF_8));
    }

    static String group(String targets, String type, String config, boolean rollback) {
        return "{\"deploymentGroupInfo\":{\"applicationName\":\"dva-labs-webapp\",\"deploymentGroupId\":\"g-1\","
                + "\"deploymentGroupName\":\"dva-labs-webapp-group\",\"deploymentConfigName\":\"" + config + "\","
                + targets + ",\"serviceRoleArn\":\"arn:aws:iam::123456789012:role/codedeploy\","
                + "\"deploymentStyle\":{\"deploymentType\":\"" + type + "\",\"deploymentOption\":\"WITHOUT_TRAFFIC_CONTROL\"},"
                + "\"autoRollbackConfiguration\":{\"enabled\":" + rollback + ",\"events\":"
                + (rollback ? "[\"DEPLOYMENT_FAILURE\"]" : "[]") + "},\"computePlatform\":\"Server\"}}";
    }

    static String deployment(String id, String status, long created) {
        return "{\"deploymentInfo\":{\"applicationName\":\"dva-labs-webapp\",\"deploymentGroupName\":\"dva-labs-webapp-group\","
                + "\"deploymentConfigName\":\"CodeDeployDefault.OneAtATime\",\"deploymentId\":\"" + id + "\","
                + "\"status\":\"" + status + "\",\"createTime\":" + created + ".0,\"creator\":\"CodePipeline\","
                + "\"computePlatform\":\"Server\"}}";
    }

    static String instanceTarget(String status, String events) {
        return "{\"deploymentTarget\":{\"deploymentTargetType\":\"InstanceTarget\",\"instanceTarget\":{"
                + "\"deploymentId\":\"d-NEW\",\"targetId\":\"i-0abc\","
                + "\"targetArn\":\"arn:aws:ec2:us-east-1:123456789012:instance/i-0abc\",\"status\":\"" + status + "\","
                + "\"lastUpdatedAt\":1700000200.0,\"lifecycleEvents\":[" + events + "]}}}";
    }

    static String pipeline(String bucket) {
        return """
                {"pipeline":{"name":"dva-labs-webapp-pipeline","roleArn":"arn:aws:iam::123456789012:role/pipeline",
                 "artifactStore":{"type":"S3","location":"artifacts-bucket"},"version":1,"pipelineType":"V1",
                 "stages":[
                  {"name":"Source","actions":[{"name":"Bundle","runOrder":1,
                    "actionTypeId":{"category":"Source","owner":"AWS","provider":"S3","version":"1"},
                    "configuration":{"S3Bucket":"%s","S3ObjectKey":"webapp.zip","PollForSourceChanges":"true"},
                    "outputArtifacts":[{"name":"Bundle"}]}]},
                  {"name":"Deploy","actions":[{"name":"Deploy","runOrder":1,
                    "actionTypeId":{"category":"Deploy","owner":"AWS","provider":"CodeDeploy","version":"1"},
                    "configuration":{"ApplicationName":"dva-labs-webapp","DeploymentGroupName":"dva-labs-webapp-group"},
                    "inputArtifacts":[{"name":"Bundle"}]}]}]},
                 "metadata":{"pipelineArn":"arn:aws:codepipeline:us-east-1:123456789012:dva-labs-webapp-pipeline",
                  "created":1700000000.0,"updated":1700000000.0}}""".formatted(bucket);
    }

    static String instances(String dnsName, String ip) {
        return """
                <DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
                  <requestId>stub</requestId>
                  <reservationSet><item><reservationId>r-1</reservationId><ownerId>123456789012</ownerId><groupSet/>
                    <instancesSet><item><instanceId>i-0abc</instanceId><instanceType>t3.micro</instanceType>
                      <instanceState><code>16</code><name>running</name></instanceState>
                      <dnsName>%s</dnsName>%s</item></instancesSet>
                  </item></reservationSet>
                </DescribeInstancesResponse>""".formatted(dnsName, ip.isEmpty() ? "" : "<ipAddress>" + ip + "</ipAddress>");
    }

    static String listing(String... keys) {
        StringBuilder contents = new StringBuilder();
        for (String key : keys) {
            contents.append("<Contents><Key>").append(key).append("</Key><LastModified>2026-01-01T00:00:00.000Z</LastModified>")
                    .append("<ETag>\"e\"</ETag><Size>1</Size><StorageClass>STANDARD</StorageClass></Contents>");
        }
        return "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>" + BUCKET + "</Name><Prefix></Prefix>"
                + "<KeyCount>" + keys.length + "</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>"
                + contents + "</ListBucketResult>";
    }

    static void uploaded(AwsStub stub, byte[] zip) {
        stub.s3.put(BUCKET + "?list", Answer.xml(listing("webapp.zip")));
        stub.s3.put(BUCKET + "/webapp.zip", new Answer(200, "application/zip", zip));
    }

    /** A bundle zipped with appspec.yml at its root, as aws deploy push makes it. */
    static byte[] zip(Path dir) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes); Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new ZipEntry(dir.relativize(file).toString().replace('\\', '/')));
                zip.write(Files.readAllBytes(file));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
