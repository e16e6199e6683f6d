package dev.dvalabs.exercises.codecommitcodebuild;

import dev.dvalabs.testing.Sessions;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dvalabs.targets.EndpointTarget;
import dev.dvalabs.testing.AwsStub;
import dev.dvalabs.testing.AwsStub.Answer;
import dev.dvalabs.testing.StubbedChecksContract;
import dev.dvalabs.verify.Check;
import dev.dvalabs.verify.Report;
import dev.dvalabs.verify.Session;
import dev.dvalabs.verify.Status;
import dev.dvalabs.verify.Verification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/**
 * The codecommit-codebuild verifier against a loopback stub answering as the CodeCommit, CodeBuild and
 * CodePipeline (JSON 1.1), CodeStar Notifications (REST/JSON), CloudWatch and STS (query/XML) and S3 API
 * references show: a working pipeline passes; a failed phase, a failed run, a missing notification fail; every
 * check is seen failing on answers that differ in one respect, the verifier observing the stub for real,
 * its own commit and its undoing included.
 */
class CodecommitCodebuildVerifierTest extends StubbedChecksContract<CodecommitCodebuildVerifier.Observed> {

    static final String ID = new CodecommitCodebuild().id();
    static final Path FOLDER = Path.of(ID);
    static final String CC = "CodeCommit_20150413.";
    static final String CB = "CodeBuild_20161006.";
    static final String CP = "CodePipeline_20150709.";
    static final String BUCKET = "dva-labs-build-output-123456789012-us-east-1";
    static final String REPO_ARN = "arn:aws:codecommit:us-east-1:123456789012:dva-labs-repo";
    static final String TOPIC_ARN = "arn:aws:sns:us-east-1:123456789012:dva-labs-repo-events";
    static final Map<String, String> NAMES = Map.of("repository", "dva-labs-repo", "topic", "dva-labs-repo-events",
            "notificationRule", "dva-labs-repo-pushes", "project", "dva-labs-build", "pipeline", "dva-labs-build-pipeline",
            "bucket", "dva-labs-build-output-{account}-{region}");
    static CodecommitCodebuildVerifier verifier() {
        return new CodecommitCodebuildVerifier(Duration.ofSeconds(2), Duration.ZERO, "dva-labs-verify-test");
    }
    static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected List<Check<CodecommitCodebuildVerifier.Observed>> checks() {
        return new CodecommitCodebuildVerifier().checks();
    }

    /** The stub, reset to a deployed solution's answers. */
    @Override
    protected AwsStub correct() {
        stub.clear();
        stub.account("123456789012");
        stub.json.put(CC + "GetRepository", Answer.json("{\"repositoryMetadata\":{\"repositoryName\":\"dva-labs-repo\","
                + "\"defaultBranch\":\"main\",\"Arn\":\"" + REPO_ARN + "\",\"repositoryId\":\"r-1\",\"accountId\":\"123456789012\"}}"));
        stub.json.put(CC + "GetBranch", Answer.json("{\"branch\":{\"branchName\":\"main\",\"commitId\":\"c-parent\"}}"));
        stub.json.put(CC + "PutFile", Answer.json("{\"commitId\":\"c-verify\",\"blobId\":\"b-1\",\"treeId\":\"t-1\"}"));
        stub.json.put(CC + "DeleteFile", Answer.json("{\"commitId\":\"c-undo\",\"blobId\":\"b-1\",\"treeId\":\"t-2\",\"filePath\":\"x\"}"));
        stub.rest.put("POST /listNotificationRules", Answer.restJson(200, "{\"NotificationRules\":[{\"Id\":\"n-1\","
                + "\"Arn\":\"arn:aws:codestar-notifications:us-east-1:123456789012:notificationrule/n-1\"}]}"));
        rule("ENABLED", TOPIC_ARN, "codecommit-repository-branches-and-tags-updated");
        project("CODEPIPELINE", read(FOLDER.resolve("solution/buildspec.yml")));
        stub.json.put(CP + "GetPipeline", Answer.json(pipeline("dva-labs-repo", "main", "dva-labs-build", BUCKET, true)));
        stub.json.put(CP + "ListPipelineExecutions", Answer.json(runs(run("e-old", "c-parent", "Failed"), run("e-2", "c-verify", "Succeeded"))));
        stub.json.put(CP + "ListActionExecutions", Answer.json("""
                {"actionExecutionDetails":[
                 {"pipelineExecutionId":"e-2","actionName":"Repository","stageName":"Source","status":"Succeeded",
                  "input":{"actionTypeId":{"category":"Source","owner":"AWS","provider":"CodeCommit","version":"1"}},
                  "output":{"executionResult":{"externalExecutionId":"c-verify"}}},
                 {"pipelineExecutionId":"e-2","actionName":"BuildAndTest","stageName":"Build","status":"Succeeded",
                  "input":{"actionTypeId":{"category":"Build","owner":"AWS","provider":"CodeBuild","version":"1"}},
                  "output":{"executionResult":{"externalExecutionId":"dva-labs-build:b-1"}}}]}"""));
        build("SUCCEEDED", phase("INSTALL", "SUCCEEDED", null), phase("BUILD", "SUCCEEDED", null),
                phase("POST_BUILD", "SUCCEEDED", null), phase("UPLOAD_ARTIFACTS", "SUCCEEDED", null));
        stub.s3.put(BUCKET + "?list", Answer.xml(AwsStub.listing(BUCKET, Instant.now().plusSeconds(5), "built-at.txt", "index.html")));
        published(1.0);
        return stub;
    }

    @Override
    protected CodecommitCodebuildVerifier.Observed observed(AwsStub seen) {
        try (Session session = Sessions.open(EndpointTarget.at(seen.endpoint(), null, Region.US_EAST_1), "test", NAMES)) {
            return verifier().observe(session);
        }
    }

    @Override
    protected Stream<Mistake<AwsStub>> mistakes() {
        return Stream.of(
                wrong("repository", "no repository", s -> s.json.put(CC + "GetRepository", Answer.json(400,
                        "{\"__type\":\"RepositoryDoesNotExistException\",\"message\":\"dva-labs-repo does not exist\"}")),
                        "notification-rule", "pipeline-run", "build-phases", "artifact-delivered", "notified"),
                wrong("repository", "a default branch of master", s -> s.json.put(CC + "GetRepository", Answer.json(
                        "{\"repositoryMetadata\":{\"repositoryName\":\"dva-labs-repo\",\"defaultBranch\":\"master\",\"Arn\":\""
                                + REPO_ARN + "\"}}"))),
                wrong("notification-rule", "no rule on the repository", s -> s.rest.put("POST /listNotificationRules",
                        Answer.restJson(200, "{\"NotificationRules\":[]}"))),
                wrong("notification-rule", "a disabled rule", s -> rule(s, "DISABLED", TOPIC_ARN,
                        "codecommit-repository-branches-and-tags-updated")),
                wrong("notification-rule", "a rule to another topic", s -> rule(s, "ENABLED",
                        "arn:aws:sns:us-east-1:123456789012:other", "codecommit-repository-branches-and-tags-updated")),
                wrong("notification-rule", "a rule for pull requests only", s -> rule(s, "ENABLED", TOPIC_ARN,
                        "codecommit-repository-pull-request-created")),
                wrong("notified", "nothing published (a topic policy that refuses CodeStar Notifications)", s -> s.query.put(
                        "GetMetricStatistics", Answer.xml(metric("")))),
                wrong("buildspec-valid", "the starter's buildspec inline", s -> project(s, "CODEPIPELINE",
                        read(FOLDER.resolve("starter-buildspec.yml")))),
                wrong("buildspec-valid", "the repository's buildspec.yml with runtime-versions in build", s -> {
                    project(s, "CODEPIPELINE", "buildspec.yml");
                    s.json.put(CC + "GetFile", file(read(FOLDER.resolve("test/cases/wrong-runtime-versions-phase--in-build.yml"))));
                }),
                wrong("build-project", "a project whose source is the repository itself", s -> project(s, "CODECOMMIT",
                        read(FOLDER.resolve("solution/buildspec.yml")))),
                wrong("build-project", "no project", s -> s.json.put(CB + "BatchGetProjects", Answer.json(
                        "{\"projects\":[],\"projectsNotFound\":[\"dva-labs-build\"]}")), "buildspec-valid"),
                wrong("pipeline-stages", "no Build stage", s -> s.json.put(CP + "GetPipeline", Answer.json(
                        pipeline("dva-labs-repo", "main", "dva-labs-build", BUCKET, false)))),
                wrong("pipeline-stages", "a deploy to another bucket", s -> s.json.put(CP + "GetPipeline", Answer.json(
                        pipeline("dva-labs-repo", "main", "dva-labs-build", "my-site", true)))),
                wrong("pipeline-stages", "a source on master", s -> s.json.put(CP + "GetPipeline", Answer.json(
                        pipeline("dva-labs-repo", "master", "dva-labs-build", BUCKET, true)))),
                wrong("pipeline-stages", "no pipeline", s -> s.json.put(CP + "GetPipeline", Answer.json(400,
                        "{\"__type\":\"PipelineNotFoundException\",\"message\":\"Account does not have a pipeline with name dva-labs-build-pipeline\"}")),
                        "pipeline-run", "build-phases"),
                wrong("pipeline-run", "a failed run for the commit", s -> s.json.put(CP + "ListPipelineExecutions", Answer.json(
                        runs(run("e-2", "c-verify", "Failed"))))),
                wrong("pipeline-run", "no run for the commit", s -> s.json.put(CP + "ListPipelineExecutions", Answer.json(
                        runs(run("e-old", "c-parent", "Succeeded")))), "build-phases"),
                wrong("build-phases", "a failed test in post_build", s -> build(s, "FAILED", phase("INSTALL", "SUCCEEDED", null),
                        phase("BUILD", "SUCCEEDED", null), phase("POST_BUILD", "FAILED",
                                "Error while executing command: test -f dist/index.html. Reason: exit status 1"))),
                wrong("build-phases", "a runtime the image does not have", s -> build(s, "FAILED", phase("INSTALL", "FAILED",
                        "Unknown runtime version named '2.7' of python."))),
                wrong("artifact-delivered", "an empty bucket", s -> s.s3.put(BUCKET + "?list", Answer.xml(AwsStub.listing(BUCKET)))),
                wrong("artifact-delivered", "only what an earlier run wrote", s -> s.s3.put(BUCKET + "?list", Answer.xml(
                        AwsStub.listing(BUCKET, Instant.parse("2026-01-01T00:00:00Z"), "index.html")))));
    }

    @Test
    @DisplayName("a working pipeline passes every check; the verifier's commit goes onto main's head and is undone when the session closes")
    void solutionPassesAndIsUndone() throws IOException {
        correct();
        Report report;
        try (Session session = Sessions.open(EndpointTarget.at(stub.endpoint(), null, Region.US_EAST_1), "test", NAMES)) {
            report = Verification.run(session, verifier(), Map.of());
            var put = JSON.readTree(stub.written.get(CC + "PutFile"));
            assertThat(put.path("parentCommitId").asText()).isEqualTo("c-parent");
            assertThat(put.path("filePath").asText()).isEqualTo("dva-labs-verify/dva-labs-verify-test.txt");
            assertThat(put.path("branchName").asText()).isEqualTo("main");
        }
        assertThat(report.outcomes()).allSatisfy(o -> assertThat(o.status()).as(o.id() + ": " + o.result()).isEqualTo(Status.PASS));
        assertThat(report.outcome("pipeline-run").result().observed()).contains("e-2 Succeeded");
        assertThat(report.outcome("build-phases").result().observed())
                .contains("SUCCEEDED: INSTALL SUCCEEDED, BUILD SUCCEEDED, POST_BUILD SUCCEEDED");
        assertThat(JSON.readTree(stub.written.get(CC + "DeleteFile")).path("filePath").asText())
                .isEqualTo("dva-labs-verify/dva-labs-verify-test.txt");
    }

    @Test
    @DisplayName("a failed phase is named with CodeBuild's message")
    void failedPhaseIsNamed() {
        AwsStub s = correct();
        build(s, "FAILED", phase("INSTALL", "SUCCEEDED", null), phase("BUILD", "SUCCEEDED", null), phase("POST_BUILD", "FAILED",
                "Error while executing command: test -f dist/index.html. Reason: exit status 1"));
        assertThat(judge(s).outcome("build-phases").result().observed()).contains("POST_BUILD FAILED (COMMAND_EXECUTION_ERROR: "
                + "Error while executing command: test -f dist/index.html. Reason: exit status 1)");
    }

    @Test
    @DisplayName("the buildspec read from the repository when the project names none inline passes when it is right")
    void buildspecFromTheRepository() {
        AwsStub s = correct();
        project(s, "CODEPIPELINE", null);
        s.json.put(CC + "GetFile", file(read(FOLDER.resolve("solution/buildspec.yml"))));
        Report report = judge(s);
        assertThat(report.outcome("buildspec-valid").status()).isEqualTo(Status.PASS);
        assertThat(report.outcome("buildspec-valid").result().observed()).contains("dva-labs-repo/buildspec.yml has no errors");
    }

    @Test
    @DisplayName("with neither a pipeline nor a rule to the topic the verifier pushes nothing, and says why")
    void nothingToSetOff() {
        AwsStub s = correct();
        s.rest.put("POST /listNotificationRules", Answer.restJson(200, "{\"NotificationRules\":[]}"));
        s.json.put(CP + "GetPipeline", Answer.json(400, "{\"__type\":\"PipelineNotFoundException\",\"message\":\"no pipeline\"}"));
        Report report = judge(s);
        assertThat(s.written).doesNotContainKey(CC + "PutFile");
        assertThat(report.outcome("notified").result().observed()).contains("no commit pushed");
    }

    @Test
    @DisplayName("deploy's refusal for CodeCommit closed to new accounts becomes one sentence offering the S3 source")
    void closedToNewAccounts() {
        String failure = "Deploying DvaLabs-CodecommitCodebuild-Solution failed (ROLLBACK_COMPLETE): Repository: Resource handler"
                + " returned message: \"CreateRepository request is not allowed because there is no existing repository in this"
                + " AWS account or AWS Organization (Service: AWSCodeCommit; Status Code: 400; Error Code: OperationNotAllowedException)\"";
        assertThat(new CodecommitCodebuild().explainRefusal(failure)).hasValueSatisfying(sentence -> {
            assertThat(sentence).contains("CodeCommit is closed", ClosedToNewAccounts.S3_SOURCE_EXERCISE).doesNotContain("\n");
            assertThat(sentence.chars().filter(c -> c == '.').count()).as("one sentence").isLessThanOrEqualTo(2);
        });
        assertThat(new CodecommitCodebuild().explainRefusal("Deploying X failed: the bucket name is taken")).isEmpty();
    }

    private void rule(String status, String target, String event) {
        rule(stub, status, target, event);
    }

    private static void rule(AwsStub s, String status, String target, String event) {
        s.rest.put("POST /describeNotificationRule", Answer.restJson(200, """
                {"Arn":"arn:aws:codestar-notifications:us-east-1:123456789012:notificationrule/n-1","Name":"dva-labs-repo-pushes",
                 "EventTypes":[{"EventTypeId":"%s","ServiceName":"CodeCommit","EventTypeName":"Branches and tags","ResourceType":"Repository"}],
                 "Resource":"%s","Targets":[{"TargetAddress":"%s","TargetType":"SNS","TargetStatus":"ACTIVE"}],
                 "DetailType":"FULL","Status":"%s"}""".formatted(event, REPO_ARN, target, status)));
    }

    private void project(String sourceType, String buildspec) {
        project(stub, sourceType, buildspec);
    }

    private static void project(AwsStub s, String sourceType, String buildspec) {
        try {
            Map<String, Object> source = buildspec == null ? Map.of("type", sourceType) : Map.of("type", sourceType, "buildspec", buildspec);
            s.json.put(CB + "BatchGetProjects", Answer.json(JSON.writeValueAsString(Map.of("projects", List.of(Map.of(
                    "name", "dva-labs-build", "source", source, "artifacts", Map.of("type", "CODEPIPELINE"))),
                    "projectsNotFound", List.of()))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Answer file(String content) {
        return Answer.json("{\"commitId\":\"c-parent\",\"blobId\":\"b\",\"filePath\":\"buildspec.yml\",\"fileMode\":\"NORMAL\","
                + "\"fileSize\":" + content.length() + ",\"fileContent\":\"" + java.util.Base64.getEncoder()
                .encodeToString(content.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "\"}");
    }

    static String pipeline(String repository, String branch, String project, String bucket, boolean withBuild) {
        String source = "{\"name\":\"Source\",\"actions\":[{\"name\":\"Repository\",\"actionTypeId\":{\"category\":\"Source\",\"owner\":\"AWS\","
                + "\"provider\":\"CodeCommit\",\"version\":\"1\"},\"configuration\":{\"RepositoryName\":\"" + repository
                + "\",\"BranchName\":\"" + branch + "\",\"PollForSourceChanges\":\"false\"},\"outputArtifacts\":[{\"name\":\"Source\"}]}]}";
        String build = "{\"name\":\"Build\",\"actions\":[{\"name\":\"BuildAndTest\",\"actionTypeId\":{\"category\":\"Build\",\"owner\":\"AWS\","
                + "\"provider\":\"CodeBuild\",\"version\":\"1\"},\"configuration\":{\"ProjectName\":\"" + project + "\"},"
                + "\"inputArtifacts\":[{\"name\":\"Source\"}],\"outputArtifacts\":[{\"name\":\"Built\"}]}]}";
        String deploy = "{\"name\":\"Deploy\",\"actions\":[{\"name\":\"Site\",\"actionTypeId\":{\"category\":\"Deploy\",\"owner\":\"AWS\","
                + "\"provider\":\"S3\",\"version\":\"1\"},\"configuration\":{\"BucketName\":\"" + bucket + "\",\"Extract\":\"true\"},"
                + "\"inputArtifacts\":[{\"name\":\"Built\"}]}]}";
        return "{\"pipeline\":{\"name\":\"dva-labs-build-pipeline\",\"roleArn\":\"arn:aws:iam::123456789012:role/p\","
                + "\"artifactStore\":{\"type\":\"S3\",\"location\":\"artifacts\"},\"stages\":[" + source + ","
                + (withBuild ? build + "," : "") + deploy + "],\"version\":1}}";
    }

    static String run(String id, String commit, String status) {
        return "{\"pipelineExecutionId\":\"" + id + "\",\"status\":\"" + status + "\",\"startTime\":1767225600.0,"
                + "\"lastUpdateTime\":1767225700.0,\"sourceRevisions\":[{\"actionName\":\"Repository\",\"revisionId\":\"" + commit
                + "\"}]" + ("Failed".equals(status) ? ",\"statusSummary\":\"Action BuildAndTest failed\"" : "") + "}";
    }

    static String runs(String... runs) {
        return "{\"pipelineExecutionSummaries\":[" + String.join(",", runs) + "]}";
    }

    static String phase(String type, String status, String message) {
        return "{\"phaseType\":\"" + type + "\",\"phaseStatus\":\"" + status + "\",\"durationInSeconds\":3,\"contexts\":["
                + (message == null ? "{\"statusCode\":\"\",\"message\":\"\"}" : "{\"statusCode\":\"" + ("INSTALL".equals(type)
                ? "CLIENT_ERROR" : "COMMAND_EXECUTION_ERROR") + "\",\"message\":\"" + message + "\"}") + "]}";
    }

    private void build(String status, String... phases) {
        build(stub, status, phases);
    }

    private static void build(AwsStub s, String status, String... phases) {
        s.json.put(CB + "BatchGetBuilds", Answer.json("{\"builds\":[{\"id\":\"dva-labs-build:b-1\",\"buildStatus\":\"" + status
                + "\",\"phases\":[" + String.join(",", phases) + "]}],\"buildsNotFound\":[]}"));
    }

    private void published(double sum) {
        stub.query.put("GetMetricStatistics", Answer.xml(metric("<member><Timestamp>" + Instant.now() + "</Timestamp><Sum>" + sum
                + "</Sum><Unit>Count</Unit></member>")));
    }

    static String metric(String datapoints) {
        return "<GetMetricStatisticsResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\"><GetMetricStatisticsResult>"
                + "<Label>NumberOfMessagesPublished</Label><Datapoints>" + datapoints + "</Datapoints></GetMetricStatisticsResult>"
                + "<ResponseMetadata><RequestId>stub</RequestId></ResponseMetadata></GetMetricStatisticsResponse>";
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @DisplayName("hints name the resources in force: with --name overrides they name those, not the defaults")
    void hintsUseTheNamesInForce() {
        Report report = Verification.judge(ID, checks(), observed(correct()), "stub", Map.of(),
                dev.dvalabs.verify.Names.of(NAMES, Map.of("repository", "my-repo", "project", "my-build", "topic", "my-events", "pipeline", "my-pipeline",
                        "notificationRule", "my-pushes")));
        assertThat(report.outcome("repository").hint()).contains("Create the repository my-repo").doesNotContain("{");
        assertThat(report.outcome("notification-rule").hint()).contains("--name my-pushes", "with the topic my-events")
                .doesNotContain("{");
        assertThat(report.outcome("build-project").hint()).contains("Create the project my-build").doesNotContain("{");
        assertThat(report.outcome("pipeline-stages").hint()).contains("Give the pipeline my-pipeline three stages: a CodeCommit source on my-repo/main").doesNotContain("{");
    }
}
