package dev.dvalabs.exercises.codedeployappspecpipeline;

import dev.dvalabs.testing.Sessions;
import dev.dvalabs.verify.CheckResult;
import dev.dvalabs.verify.Outcome;
import dev.dvalabs.verify.Report;
import dev.dvalabs.verify.Session;
import dev.dvalabs.verify.Status;
import dev.dvalabs.verify.Verification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.targets.EndpointTarget;
import dev.dvalabs.testing.AwsStub;
import dev.dvalabs.testing.AwsStub.Answer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import dev.dvalabs.exercise.Catalog;
import dev.dvalabs.testing.ChecksContract;
import dev.dvalabs.verify.Check;
import dev.dvalabs.verify.Deviation;
import java.net.URLEncoder;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/**
 * The codedeploy-appspec-pipeline verifier against a loopback stub that answers as the CodeDeploy,
 * CodePipeline, EC2, IAM, STS and S3 API references show: the happy path passes, and each check is seen
 * failing on answers that differ in one respect (the contract's table), the verifier observing the stub
 * for real each time.
 */
class CodedeployAppspecPipelineVerifierTest
        extends ChecksContract<CodedeployAppspecPipelineVerifier.Observed, AwsStub> {

    static final String ID = new CodedeployAppspecPipeline().id();
    static final Path CATALOG = Path.of(ID);
    static final String BUCKET = "dva-labs-appspec-source-123456789012-us-east-1";
    static final String CD = "CodeDeploy_20141006.";
    static final String CP = "CodePipeline_20150709.";
    static final Map<String, String> NAMES = Map.of(
            "bucket", "dva-labs-appspec-source-{account}-{region}", "application", "dva-labs-webapp",
            "deploymentGroup", "dva-labs-webapp-group", "pipeline", "dva-labs-webapp-pipeline", "instance", "dva-labs-webapp");

    private AwsStub stub;

    @BeforeAll
    void startStub() throws IOException {
        stub = new AwsStub();
    }

    @AfterAll
    void stopStub() {
        stub.close();
    }

    @Override
    protected List<Check<CodedeployAppspecPipelineVerifier.Observed>> checks() {
        return new CodedeployAppspecPipelineVerifier().checks();
    }

    /** The stub, reset to a deployed solution's answers. */
    @Override
    protected AwsStub correct() {
        stub.json.clear();
        stub.query.clear();
        stub.s3.clear();
        solution(stub);
        return stub;
    }

    @Override
    protected CodedeployAppspecPipelineVerifier.Observed observed(AwsStub seen) {
        try (Session session = Sessions.open(EndpointTarget.at(seen.endpoint(), null, Region.US_EAST_1), "test", NAMES)) {
            return new CodedeployAppspecPipelineVerifier(seen.port()).observe(session);
        }
    }

    private Report verify() {
        return Verification.run(ID, new CodedeployAppspecPipelineVerifier(stub.port()),
                EndpointTarget.at(stub.endpoint(), null, Region.US_EAST_1), NAMES, Map.of());
    }

    @Override
    protected Stream<Mistake<AwsStub>> mistakes() {
        return Stream.of(
                wrong("appspec-valid", "an empty source bucket", s -> s.s3.put(BUCKET + "?list", Answer.xml(listing()))),
                wrong("appspec-valid", "the starter's bundle (a reserved hook, a timeout over 3600, no destination)",
                        s -> uploaded(s, zip(CATALOG.resolve("starter-bundle")))),
                wrong("appspec-valid", "a bundle zipped with its folder, appspec.yml one level down",
                        s -> uploaded(s, zip(CATALOG.resolve("solution"), "bundle"))),
                wrong("source-versioned", "a bucket never versioned", s -> s.s3.put(BUCKET + "?versioning",
                        Answer.xml("<VersioningConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"/>"))),
                wrong("source-versioned", "versioning suspended", s -> s.s3.put(BUCKET + "?versioning", Answer.xml(
                        "<VersioningConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Status>Suspended</Status></VersioningConfiguration>"))),
                wrong("instance", "no instance with the tag", s -> s.query.put("DescribeInstances filtered", Answer.xml(instances()))),
                wrong("instance", "a t2.micro", s -> s.query.put("DescribeInstances filtered",
                        Answer.xml(instances(new Server().type("t2.micro"))))),
                wrong("instance", "an Amazon Linux 2 image", s -> s.query.put("DescribeImages",
                        Answer.xml(images("amzn2-ami-hvm-2.0.20240131.0-x86_64-gp2")))),
                wrong("instance", "no instance profile", s -> s.query.put("DescribeInstances filtered",
                        Answer.xml(instances(new Server().profile(false))))),
                wrong("instance", "a stopped instance", s -> s.query.put("DescribeInstances filtered",
                        Answer.xml(instances(new Server().state("stopped"))))),
                wrong("instance", "a role that may not read the bundle", s -> s.query.put("ListRolePolicies",
                        Answer.xml(rolePolicies()))),
                wrong("instance", "port 80 open only to one address", s -> s.query.put("DescribeSecurityGroups",
                        Answer.xml(securityGroups("tcp", 80, "203.0.113.7/32")))),
                wrong("instance", "only SSH open", s -> s.query.put("DescribeSecurityGroups",
                        Answer.xml(securityGroups("tcp", 22, "0.0.0.0/0")))),
                wrong("application", "an application for Lambda", s -> s.json.put(CD + "GetApplication", Answer.json(
                        "{\"application\":{\"applicationId\":\"a-1\",\"applicationName\":\"dva-labs-webapp\",\"computePlatform\":\"Lambda\",\"createTime\":1700000000.0}}"))),
                wrong("application", "no application", s -> s.json.put(CD + "GetApplication", Answer.json(400,
                        "{\"__type\":\"ApplicationDoesNotExistException\",\"message\":\"No application found for name: dva-labs-webapp\"}"))),
                wrong("ec2-tag-targets", "an Auto Scaling group instead of a tag", s -> s.json.put(CD + "GetDeploymentGroup", Answer.json(group(
                        "\"autoScalingGroups\":[{\"name\":\"web-asg\",\"hook\":\"CodeDeploy-managed-automatic-launch-deployment-hook\"}]",
                        "IN_PLACE", "CodeDeployDefault.OneAtATime", true)))),
                wrong("ec2-tag-targets", "a tag the instance does not carry", s -> s.json.put(CD + "GetDeploymentGroup", Answer.json(group(
                        "\"ec2TagFilters\":[{\"Key\":\"Name\",\"Value\":\"webapp\",\"Type\":\"KEY_AND_VALUE\"}]",
                        "IN_PLACE", "CodeDeployDefault.OneAtATime", true)))),
                wrong("in-place", "blue/green", s -> s.json.put(CD + "GetDeploymentGroup", Answer.json(group(
                        TAGS, "BLUE_GREEN", "CodeDeployDefault.OneAtATime", true)))),
                wrong("deployment-config", "a configuration of one's own", s -> s.json.put(CD + "GetDeploymentGroup", Answer.json(group(
                        TAGS, "IN_PLACE", "dva-labs-two-at-a-time", true)))),
                wrong("deployment-config", "a Lambda configuration", s -> s.json.put(CD + "GetDeploymentGroup", Answer.json(group(
                        TAGS, "IN_PLACE", "CodeDeployDefault.LambdaAllAtOnce", true)))),
                wrong("auto-rollback", "rollback disabled", s -> s.json.put(CD + "GetDeploymentGroup", Answer.json(group(
                        TAGS, "IN_PLACE", "CodeDeployDefault.OneAtATime", false)))),
                wrong("auto-rollback", "rollback only on an alarm", s -> s.json.put(CD + "GetDeploymentGroup", Answer.json(
                        group(TAGS, "IN_PLACE", "CodeDeployDefault.OneAtATime", true)
                                .replace("[\"DEPLOYMENT_FAILURE\"]", "[\"DEPLOYMENT_STOP_ON_ALARM\"]")))),
                wrong("service-role", "a group without a service role", s -> s.json.put(CD + "GetDeploymentGroup", Answer.json(
                        group(TAGS, "IN_PLACE", "CodeDeployDefault.OneAtATime", true)
                                .replace("\"serviceRoleArn\":\"arn:aws:iam::123456789012:role/codedeploy\",", "")))),
                wrong("service-role", "a role only EC2 may assume", s -> s.query.put("GetRole",
                        Answer.xml(role("codedeploy", "ec2.amazonaws.com")))),
                wrong("service-role", "a role that was deleted", s -> s.query.put("GetRole", new Answer(404, "text/xml", """
                        <ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type>
                        <Code>NoSuchEntity</Code><Message>The role with name codedeploy cannot be found.</Message></Error>
                        <RequestId>stub</RequestId></ErrorResponse>""".getBytes(StandardCharsets.UTF_8))), "instance"),
                wrong("pipeline-stages", "a source on another bucket", s -> s.json.put(CP + "GetPipeline",
                        Answer.json(pipeline("someone-elses-bucket")))),
                wrong("pipeline-stages", "a source on another key", s -> s.json.put(CP + "GetPipeline",
                        Answer.json(pipeline(BUCKET).replace("webapp.zip", "bundle.zip")))),
                wrong("pipeline-stages", "no Deploy stage", s -> s.json.put(CP + "GetPipeline",
                        Answer.json(pipelineOf(sourceStage(BUCKET))))),
                wrong("pipeline-stages", "Deploy before Source", s -> s.json.put(CP + "GetPipeline",
                        Answer.json(pipelineOf(DEPLOY_STAGE, sourceStage(BUCKET))))),
                wrong("pipeline-stages", "a deploy to another group", s -> s.json.put(CP + "GetPipeline",
                        Answer.json(pipeline(BUCKET).replace("\"DeploymentGroupName\":\"dva-labs-webapp-group\"",
                                "\"DeploymentGroupName\":\"staging\"")))),
                wrong("pipeline-run", "a failed run", s -> s.json.put(CP + "ListPipelineExecutions", Answer.json("""
                        {"pipelineExecutionSummaries":[{"pipelineExecutionId":"e-2","status":"Failed",
                         "statusSummary":"Action Deploy failed","startTime":1700000300.0,"lastUpdateTime":1700000400.0,
                         "trigger":{"triggerType":"PollForSourceChanges","triggerDetail":""}}]}"""))),
                wrong("pipeline-run", "a pipeline that never ran", s -> s.json.put(CP + "ListPipelineExecutions",
                        Answer.json("{\"pipelineExecutionSummaries\":[]}"))),
                wrong("deployment-succeeded", "no deployment yet", s -> s.json.put(CD + "ListDeployments",
                        Answer.json("{\"deployments\":[]}")), "page-served"),
                wrong("deployment-succeeded", "a failed ValidateService", CodedeployAppspecPipelineVerifierTest::failedValidateService),
                wrong("deployment-succeeded", "a deployment that rolled back", s -> s.json.put(CD + "GetDeployment d-NEW",
                        Answer.json(deployment("d-NEW", "Stopped", 1_700_000_100)))),
                wrong("page-served", "the AMI's test page", s -> s.page = new Answer(200, "text/html",
                        "<h1>Test Page for the HTTP Server on Amazon Linux</h1>".getBytes(StandardCharsets.UTF_8))),
                wrong("page-served", "an instance without a public name", s -> s.query.put("DescribeInstances",
                        Answer.xml(instances(new Server().dns("", ""))))));
    }

    private static void failedValidateService(AwsStub s) {
        s.json.put(CD + "GetDeployment d-NEW", Answer.json(deployment("d-NEW", "Failed", 1_700_000_100)));
        s.json.put(CD + "GetDeploymentTarget", Answer.json(instanceTarget("Failed", """
                {"lifecycleEventName":"ApplicationStop","status":"Succeeded","diagnostics":{"errorCode":"Success","message":"Succeeded","scriptName":"","logTail":""}},
                {"lifecycleEventName":"DownloadBundle","status":"Succeeded","diagnostics":{"errorCode":"Success","message":"Succeeded","scriptName":"","logTail":""}},
                {"lifecycleEventName":"ValidateService","status":"Failed","diagnostics":{"errorCode":"ScriptFailed",
                 "message":"Script at specified location: scripts/validate_service.sh run as user root failed with exit code 1",
                 "scriptName":"scripts/validate_service.sh","logTail":"http://localhost/ does not serve"}},
                {"lifecycleEventName":"AfterAllowTraffic","status":"Skipped"}""")));
    }

    @Test
    @DisplayName("a deployed solution passes every check, each observation saying what it saw")
    void solutionPasses() {
        correct();
        Report report = verify();
        assertThat(report.outcomes()).allSatisfy(o -> assertThat(o.status()).as(o.id() + ": " + o.result()).isEqualTo(Status.PASS));
        assertThat(report.outcome("deployment-succeeded").result().observed())
                .isEqualTo("d-NEW Succeeded, every event Succeeded on 1 instance(s)");
        assertThat(report.outcome("page-served").result().observed()).contains("HTTP 200, says 'Deployed with CodeDeploy'");
        assertThat(report.outcome("appspec-valid").result().observed()).isEqualTo("newest bundle webapp.zip: appspec.yml has no errors");
        assertThat(report.outcome("service-role").result().observed())
                .isEqualTo("service role arn:aws:iam::123456789012:role/codedeploy (codedeploy.amazonaws.com sts:AssumeRole: ALLOW)");
    }

    @Test
    @DisplayName("a failed deployment fails its check and names the failed lifecycle event and script")
    void failedDeploymentNamesTheEvent() {
        failedValidateService(correct());
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
        correct().json.put(CD + "ListDeployments", Answer.json("{\"deployments\":[\"d-NEW\",\"d-OLD\"]}"));
        stub.json.put(CD + "GetDeployment d-OLD", Answer.json(deployment("d-OLD", "Failed", 1_600_000_000)));
        assertThat(verify().outcome("deployment-succeeded").status()).isEqualTo(Status.PASS);
    }

    @Test
    @DisplayName("the starter's bundle fails appspec-valid naming each linter error")
    void starterBundleNamesItsErrors() {
        uploaded(correct(), zip(CATALOG.resolve("starter-bundle")));
        assertThat(verify().outcome("appspec-valid").result().observed())
                .contains("appspec.yml:12:3: ERROR hook-reserved", "timeout-too-long", "files-destination-missing");
    }

    @Test
    @DisplayName("on a target without CodeDeploy and CodePipeline their checks are SKIP with the reason; the S3 and EC2 checks still run")
    void servicesMissingAreSkipped() {
        correct();
        // ministack 1.5.33's own answer to both services.
        stub.json.clear();
        stub.json.put(CD + "GetApplication", new Answer(400, "application/json",
                "{\"error\": \"Unsupported service: codedeploy\"}".getBytes(StandardCharsets.UTF_8)));
        stub.json.put(CP + "GetPipeline", new Answer(400, "application/json",
                "{\"error\": \"Unsupported service: codepipeline\"}".getBytes(StandardCharsets.UTF_8)));
        Report report = verify();
        assertThat(report.outcomes()).filteredOn(o -> o.status() == Status.SKIP).extracting(Outcome::id)
                .containsExactly("application", "ec2-tag-targets", "in-place", "deployment-config", "auto-rollback",
                        "service-role", "pipeline-stages", "pipeline-run", "deployment-succeeded", "page-served");
        assertThat(report.outcome("application").result().observed())
                .isEqualTo("CodeDeploy is not available on endpoint at " + stub.endpoint() + " (us-east-1)");
        assertThat(report.outcome("pipeline-run").result().observed()).startsWith("CodePipeline is not available on endpoint");
        assertThat(report.outcome("source-versioned").status()).isEqualTo(Status.PASS);
        assertThat(report.outcome("appspec-valid").status()).isEqualTo(Status.PASS);
        // Without a pipeline the agent reads the bundle from the source bucket, which the role may read.
        assertThat(report.outcome("instance").status()).isEqualTo(Status.PASS);
    }

    @Test
    @DisplayName("where CodeDeploy answers, a missing application FAILs naming it, instead of being skipped")
    void missingApplicationFails() {
        Answer missing = Answer.json(400, "{\"__type\":\"ApplicationDoesNotExistException\",\"message\":\"No application found for name: dva-labs-webapp\"}");
        correct().json.put(CD + "GetApplication", missing);
        stub.json.put(CD + "GetDeploymentGroup", missing);
        Report report = verify();
        for (String check : new String[] {"application", "ec2-tag-targets", "service-role", "deployment-succeeded", "page-served"}) {
            assertThat(report.outcome(check).status()).as(check).isEqualTo(Status.FAIL);
            assertThat(report.outcome(check).result().observed()).as(check).contains("ApplicationDoesNotExistException");
        }
        assertThat(report.outcome("application").result().observed())
                .startsWith("the endpoint refused: application dva-labs-webapp: ApplicationDoesNotExistException");
    }

    @Test
    @DisplayName("a GetPipeline answer the SDK cannot read (moto 5.2.5's ISO timestamps) is SKIP with the reason, and the executions are still judged")
    void unreadablePipelineIsUnavailable() {
        correct().json.put(CP + "GetPipeline", Answer.json(pipeline(BUCKET)
                .replace("\"created\":1700000000.0,\"updated\":1700000000.0", "\"created\":\"2026-11-25T23:44:45.606Z\",\"updated\":\"2026-11-25T23:44:45.606Z\"")));
        Report report = verify();
        assertThat(report.outcome("pipeline-stages").status()).isEqualTo(Status.SKIP);
        assertThat(report.outcome("pipeline-stages").result().observed())
                .startsWith("CodePipeline on endpoint at " + stub.endpoint() + " (us-east-1) answers in a form the AWS SDK cannot read");
        assertThat(report.outcome("pipeline-run").status()).isEqualTo(Status.PASS);
    }

    @Test
    @DisplayName("a missing source bucket fails both S3 checks naming the bucket")
    void missingBucketIsNamed() {
        String noSuchBucket = "<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message></Error>";
        correct().s3.put(BUCKET + "?versioning", new Answer(404, "application/xml", noSuchBucket.getBytes(StandardCharsets.UTF_8)));
        stub.s3.put(BUCKET + "?list", new Answer(404, "application/xml", noSuchBucket.getBytes(StandardCharsets.UTF_8)));
        Report report = verify();
        for (String check : new String[] {"source-versioned", "appspec-valid"}) {
            assertThat(report.outcome(check).status()).as(check).isEqualTo(Status.FAIL);
            assertThat(report.outcome(check).result().observed()).as(check).startsWith("the endpoint refused: bucket " + BUCKET + ": NoSuchBucket");
        }
    }

    @Test
    @DisplayName("moto's deviations SKIP only a pipeline that never ran; a learner's missing application, group, pipeline or failed run stays FAIL")
    void motoDeviationsMatchOnlyAPipelineThatNeverRan() {
        Map<String, Deviation> moto = Catalog.load().find(ID).orElseThrow().deviationsOn("moto");
        correct().json.put(CP + "ListPipelineExecutions", Answer.json("{\"pipelineExecutionSummaries\":[]}"));
        stub.json.put(CD + "ListDeployments", Answer.json("{\"deployments\":[]}"));
        Report neverRan = Verification.judge(ID, checks(), observed(stub), "moto", moto);
        assertThat(neverRan.ids(Status.SKIP)).containsExactlyInAnyOrder("pipeline-run", "deployment-succeeded", "page-served");

        Answer noApplication = Answer.json(400, "{\"__type\":\"ApplicationDoesNotExistException\","
                + "\"message\":\"The application dva-labs-webapp does not exist with the user or AWS account.\"}");
        correct().json.put(CD + "GetApplication", noApplication);
        stub.json.put(CD + "GetDeploymentGroup", noApplication);
        Answer noPipeline = Answer.json(400, "{\"__type\":\"PipelineNotFoundException\","
                + "\"message\":\"Account '123456789012' does not have a pipeline with name 'dva-labs-webapp-pipeline'\"}");
        stub.json.put(CP + "GetPipeline", noPipeline);
        stub.json.put(CP + "ListPipelineExecutions", noPipeline);
        Report nothingBuilt = Verification.judge(ID, checks(), observed(stub), "moto", moto);
        assertThat(nothingBuilt.ids(Status.SKIP)).isEmpty();
        assertThat(nothingBuilt.ids(Status.FAIL)).contains("application", "ec2-tag-targets", "service-role", "pipeline-stages",
                "pipeline-run", "deployment-succeeded", "page-served");

        correct().json.put(CD + "ListDeployments", Answer.json("{\"deployments\":[]}"));
        Report pipelineRanButNoDeployment = Verification.judge(ID, checks(), observed(stub), "moto", moto);
        assertThat(pipelineRanButNoDeployment.ids(Status.SKIP)).isEmpty();
        assertThat(pipelineRanButNoDeployment.ids(Status.FAIL)).containsExactlyInAnyOrder("deployment-succeeded", "page-served");
    }

    @Test
    @DisplayName("the verifier leaves no unpacked bundle behind, and closing its session twice is harmless")
    void noScratchLeft() throws IOException {
        correct();
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        java.util.function.Supplier<Long> scratchDirs = () -> {
            try (Stream<Path> files = Files.list(temp)) {
                return files.filter(f -> f.getFileName().toString().startsWith("dva-labs-revision-")).count();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        long before = scratchDirs.get();
        Session session = Sessions.open(EndpointTarget.at(stub.endpoint(), null, Region.US_EAST_1), "test", NAMES);
        CodedeployAppspecPipelineVerifier.Observed seen = new CodedeployAppspecPipelineVerifier(stub.port()).observe(session);
        assertThat(scratchDirs.get()).isEqualTo(before);
        session.close();
        session.close();
        assertThat(seen.revision().value().hasAppSpec()).isTrue();
        assertThat(scratchDirs.get()).isEqualTo(before);
    }

    @Test
    @DisplayName("the bundle's scratch directory is a journaled write: a session closed while it exists (Ctrl-C mid-lint) removes it")
    void scratchIsUndoneOnClose() throws IOException {
        Session session = Sessions.open(EndpointTarget.at(stub.endpoint(), null, Region.US_EAST_1), "test", NAMES);
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "dva-labs-revision-test-" + System.nanoTime());
        session.write(new Revisions.Scratch(dir.toString()), () -> {
            try {
                Files.createDirectories(dir.resolve("scripts"));
                Files.writeString(dir.resolve("appspec.yml"), "version: 0.0\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        session.close();
        assertThat(dir).doesNotExist();
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
        stub.query.put("DescribeInstances", Answer.xml(instances(new Server())));
        stub.query.put("DescribeImages", Answer.xml(images("al2023-ami-2023.6.20241010.0-kernel-6.1-x86_64")));
        stub.query.put("DescribeSecurityGroups", Answer.xml(securityGroups("tcp", 80, "0.0.0.0/0")));
        stub.query.put("GetRole", Answer.xml(role("codedeploy", "codedeploy.amazonaws.com")));
        stub.query.put("GetInstanceProfile", Answer.xml("""
                <GetInstanceProfileResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetInstanceProfileResult>
                  <InstanceProfile><Path>/</Path><InstanceProfileName>web</InstanceProfileName><InstanceProfileId>AIPASTUB</InstanceProfileId>
                  <Arn>arn:aws:iam::123456789012:instance-profile/web</Arn><CreateDate>2026-01-01T00:00:00Z</CreateDate>
                  <Roles><member><Path>/</Path><RoleName>web</RoleName><RoleId>AROASTUB</RoleId>
                  <Arn>arn:aws:iam::123456789012:role/web</Arn><CreateDate>2026-01-01T00:00:00Z</CreateDate></member></Roles>
                  </InstanceProfile></GetInstanceProfileResult></GetInstanceProfileResponse>"""));
        stub.query.put("ListRolePolicies", Answer.xml(rolePolicies("read-artifacts")));
        stub.query.put("GetRolePolicy", Answer.xml("""
                <GetRolePolicyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetRolePolicyResult>
                  <RoleName>web</RoleName><PolicyName>read-artifacts</PolicyName><PolicyDocument>%s</PolicyDocument>
                </GetRolePolicyResult></GetRolePolicyResponse>""".formatted(URLEncoder.encode("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject*","s3:GetBucket*","s3:List*"],
                 "Resource":["arn:aws:s3:::artifacts-bucket","arn:aws:s3:::artifacts-bucket/*",
                             "arn:aws:s3:::%s","arn:aws:s3:::%s/*"]}]}""".formatted(BUCKET, BUCKET), StandardCharsets.UTF_8))));
        stub.query.put("ListAttachedRolePolicies", Answer.xml("""
                <ListAttachedRolePoliciesResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ListAttachedRolePoliciesResult>
                  <AttachedPolicies/><IsTruncated>false</IsTruncated></ListAttachedRolePoliciesResult></ListAttachedRolePoliciesResponse>"""));
        stub.s3.put(BUCKET + "?versioning", Answer.xml(
                "<VersioningConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Status>Enabled</Status></VersioningConfiguration>"));
        uploaded(stub, zip(CATALOG.resolve("solution/bundle")));
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
        return pipelineOf(sourceStage(bucket), DEPLOY_STAGE);
    }

    static String sourceStage(String bucket) {
        return """
                {"name":"Source","actions":[{"name":"Bundle","runOrder":1,
                  "actionTypeId":{"category":"Source","owner":"AWS","provider":"S3","version":"1"},
                  "configuration":{"S3Bucket":"%s","S3ObjectKey":"webapp.zip","PollForSourceChanges":"true"},
                  "outputArtifacts":[{"name":"Bundle"}]}]}""".formatted(bucket);
    }

    static final String DEPLOY_STAGE = """
            {"name":"Deploy","actions":[{"name":"Deploy","runOrder":1,
              "actionTypeId":{"category":"Deploy","owner":"AWS","provider":"CodeDeploy","version":"1"},
              "configuration":{"ApplicationName":"dva-labs-webapp","DeploymentGroupName":"dva-labs-webapp-group"},
              "inputArtifacts":[{"name":"Bundle"}]}]}""";

    static String pipelineOf(String... stages) {
        return """
                {"pipeline":{"name":"dva-labs-webapp-pipeline","roleArn":"arn:aws:iam::123456789012:role/pipeline",
                 "artifactStore":{"type":"S3","location":"artifacts-bucket"},"version":1,"pipelineType":"V1",
                 "stages":[%s]},
                 "metadata":{"pipelineArn":"arn:aws:codepipeline:us-east-1:123456789012:dva-labs-webapp-pipeline",
                  "created":1700000000.0,"updated":1700000000.0}}""".formatted(String.join(",", stages));
    }

    /** One instance as DescribeInstances shows it; the solution's unless changed. */
    static final class Server {
        String type = "t3.micro";
        String state = "running";
        boolean profile = true;
        String dns = "127.0.0.1";
        String ip = "127.0.0.1";

        Server type(String value) {
            type = value;
            return this;
        }

        Server state(String value) {
            state = value;
            return this;
        }

        Server profile(boolean value) {
            profile = value;
            return this;
        }

        Server dns(String name, String address) {
            dns = name;
            ip = address;
            return this;
        }

        String xml() {
            return """
                    <item><instanceId>i-0abc</instanceId><imageId>ami-0al2023</imageId><instanceType>%s</instanceType>
                      <instanceState><code>16</code><name>%s</name></instanceState>
                      <dnsName>%s</dnsName>%s%s
                      <groupSet><item><groupId>sg-web</groupId><groupName>web</groupName></item></groupSet>
                      <tagSet><item><key>Name</key><value>dva-labs-webapp</value></item></tagSet></item>""".formatted(type, state, dns,
                    ip.isEmpty() ? "" : "<ipAddress>" + ip + "</ipAddress>",
                    profile ? "<iamInstanceProfile><arn>arn:aws:iam::123456789012:instance-profile/web</arn><id>AIPASTUB</id></iamInstanceProfile>" : "");
        }
    }

    static String instances(Server... servers) {
        StringBuilder items = new StringBuilder();
        for (Server server : servers) {
            items.append(server.xml());
        }
        return """
                <DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
                  <requestId>stub</requestId>
                  <reservationSet>%s</reservationSet>
                </DescribeInstancesResponse>""".formatted(servers.length == 0 ? ""
                : "<item><reservationId>r-1</reservationId><ownerId>123456789012</ownerId><groupSet/><instancesSet>" + items
                        + "</instancesSet></item>");
    }

    static String images(String name) {
        return """
                <DescribeImagesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>stub</requestId>
                  <imagesSet><item><imageId>ami-0al2023</imageId><name>%s</name></item></imagesSet>
                </DescribeImagesResponse>""".formatted(name);
    }

    static String securityGroups(String protocol, int port, String cidr) {
        return """
                <DescribeSecurityGroupsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>stub</requestId>
                  <securityGroupInfo><item><groupId>sg-web</groupId><groupName>web</groupName><ipPermissions><item>
                    <ipProtocol>%s</ipProtocol><fromPort>%d</fromPort><toPort>%d</toPort>
                    <ipRanges><item><cidrIp>%s</cidrIp></item></ipRanges></item></ipPermissions></item></securityGroupInfo>
                </DescribeSecurityGroupsResponse>""".formatted(protocol, port, port, cidr);
    }

    /** A role whose trust policy lets {@code service} assume it. */
    static String role(String name, String service) {
        String trust = URLEncoder.encode("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\""
                + service + "\"},\"Action\":\"sts:AssumeRole\"}]}", StandardCharsets.UTF_8);
        return """
                <GetRoleResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetRoleResult><Role>
                  <Path>/</Path><RoleName>%s</RoleName><RoleId>AROASTUB</RoleId><Arn>arn:aws:iam::123456789012:role/%s</Arn>
                  <CreateDate>2026-01-01T00:00:00Z</CreateDate><AssumeRolePolicyDocument>%s</AssumeRolePolicyDocument>
                </Role></GetRoleResult></GetRoleResponse>""".formatted(name, name, trust);
    }

    static String rolePolicies(String... names) {
        StringBuilder members = new StringBuilder();
        for (String name : names) {
            members.append("<member>").append(name).append("</member>");
        }
        return "<ListRolePoliciesResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><ListRolePoliciesResult>"
                + "<PolicyNames>" + members + "</PolicyNames><IsTruncated>false</IsTruncated></ListRolePoliciesResult></ListRolePoliciesResponse>";
    }

    static String listing(String... keys) {
        return AwsStub.listing(BUCKET, keys);
    }

    static void uploaded(AwsStub stub, byte[] zip) {
        stub.s3.put(BUCKET + "?list", Answer.xml(listing("webapp.zip")));
        stub.s3.put(BUCKET + "/webapp.zip", new Answer(200, "application/zip", zip));
    }

    /** A bundle zipped with appspec.yml at its root, as aws deploy push makes it. */
    static byte[] zip(Path dir) {
        return zip(dir, "");
    }

    /** The folder {@code sub} of {@code parent} zipped with its own name on every entry, as zipping the folder does. */
    static byte[] zip(Path parent, String sub) {
        return AwsStub.zip(parent, sub);
    }

    @Test
    @DisplayName("hints name the resources in force: with --name overrides they name those, not the defaults")
    void hintsUseTheNamesInForce() {
        Report report = Verification.judge(ID, checks(), observed(correct()), "stub", Map.of(),
                dev.dvalabs.verify.Names.of(NAMES, Map.of("application", "my-app", "deploymentGroup", "my-group", "instance", "my-web")));
        assertThat(report.outcome("instance").hint()).contains("tagged Name=my-web").doesNotContain("{");
        assertThat(report.outcome("application").hint()).contains("--application-name my-app").doesNotContain("{");
        assertThat(report.outcome("ec2-tag-targets").hint()).contains("Create the deployment group my-group with the EC2 tag filter Key=Name,Value=my-web").doesNotContain("{");
    }
}
