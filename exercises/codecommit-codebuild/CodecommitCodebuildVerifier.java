package dev.dvalabs.exercises.codecommitcodebuild;

import static dev.dvalabs.verify.Matcher.eq;
import static dev.dvalabs.verify.Matcher.satisfies;

import dev.dvalabs.appspec.Finding;
import dev.dvalabs.buildspec.BuildspecLinter;
import dev.dvalabs.probe.Poll;
import dev.dvalabs.targets.Target;
import dev.dvalabs.verify.Check;
import dev.dvalabs.verify.Session;
import dev.dvalabs.verify.CheckResult;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Verifier;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.codebuild.model.Build;
import software.amazon.awssdk.services.codebuild.model.BuildPhase;
import software.amazon.awssdk.services.codebuild.model.Project;
import software.amazon.awssdk.services.codecommit.CodeCommitClient;
import software.amazon.awssdk.services.codecommit.model.RepositoryMetadata;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.ActionDeclaration;
import software.amazon.awssdk.services.codepipeline.model.ActionExecutionDetail;
import software.amazon.awssdk.services.codepipeline.model.PipelineDeclaration;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecutionStatus;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecutionSummary;
import software.amazon.awssdk.services.codepipeline.model.StageDeclaration;
import software.amazon.awssdk.services.codestarnotifications.CodestarNotificationsClient;
import software.amazon.awssdk.services.codestarnotifications.model.DescribeNotificationRuleResponse;
import software.amazon.awssdk.services.codestarnotifications.model.ListNotificationRulesFilterName;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * codecommit-codebuild: the repository and its notification rule to SNS, the CodeBuild project and its
 * buildspec, and the pipeline Source → Build → Deploy (S3); then a commit the verifier pushes through the API:
 * the run for that commit succeeded, every phase of its build succeeded, the artifact reached the bucket and
 * the topic published the push's notification. A check on a service the target lacks is SKIP.
 */
public final class CodecommitCodebuildVerifier implements Verifier<CodecommitCodebuildVerifier.Observed>, AutoCloseable {

    private final Poll timing;
    private final String run;
    private volatile Push push;

    public CodecommitCodebuildVerifier() {
        this(Push.AWS, Push.newRun());
    }

    /** A verifier with its own waits and run marker, for stand-in services in tests. */
    CodecommitCodebuildVerifier(Poll timing, String run) {
        this.timing = timing;
        this.run = run;
    }

    public record Observed(Names names, Fact<RepositoryMetadata> repository, Fact<List<Rule>> rules, Fact<Project> project,
                           Fact<Lint> buildspec, Fact<PipelineDeclaration> pipeline, Fact<Push.Commit> commit,
                           Fact<Optional<PipelineExecutionSummary>> run, Fact<Optional<Build>> build,
                           Fact<List<String>> delivered, Fact<Double> published) {}

    public record Names(String repository, String topic, String project, String pipeline, String bucket) {}

    /** A notification rule on the repository: its status, SNS targets and event types. */
    public record Rule(String name, String status, List<String> snsTargets, List<String> events) {}

    /** What the buildspec linter says of the project's buildspec. */
    public record Lint(String source, List<Finding> findings) {
        boolean clean() {
            return findings.stream().noneMatch(Finding::isError);
        }

        @Override
        public String toString() {
            List<String> errors = findings.stream().filter(Finding::isError).map(f -> f.format(source)).toList();
            return errors.isEmpty() ? source + " has no errors" : String.join("; ", errors);
        }
    }

    @Override
    public List<Check<Observed>> checks() {
        return List.of(
                new Check<Observed>("repository", "The CodeCommit repository exists with a main branch",
                        "CodeCommit: private Git repositories, Git over HTTPS or SSH",
                        "Create the repository dva-labs-repo (aws codecommit create-repository) and push a first commit to main.",
                        o -> o.repository().its("repository", r -> r.repositoryName() + ", default branch "
                                + (r.defaultBranch() == null ? "none" : r.defaultBranch()))
                                .should(satisfies("with the branch main", s -> s.endsWith("default branch main")))).forTask(1),
                new Check<Observed>("notification-rule", "A notification rule sends the repository's pushes to the SNS topic",
                        "CodeCommit notifications: trigger notifications to SNS, or CloudWatch Event Rules",
                        "Create a notification rule on the repository (aws codestar-notifications create-notification-rule) for"
                                + " codecommit-repository-branches-and-tags-updated with the topic dva-labs-repo-events as"
                                + " its target, and a topic policy that lets codestar-notifications.amazonaws.com publish.",
                        o -> o.rules().its("notification rules on the repository").should(satisfies(
                                "one ENABLED, with the topic " + o.names().topic() + " as a target, for pushes",
                                rules -> rules.stream().anyMatch(r -> covers(r, o.names()))))).forTask(1),
                new Check<Observed>("buildspec-valid", "The project's buildspec is valid version 0.2",
                        "CodeBuild: build instructions in buildspec.yml at the root of the code",
                        "Fix buildspec.yml as labs buildspec lint names each mistake, then deploy the project with it.",
                        o -> o.buildspec().its("buildspec").should(satisfies("no linter errors", Lint::clean))).forTask(2),
                new Check<Observed>("build-project", "The CodeBuild project builds what the pipeline gives it",
                        "CodeBuild: fully managed build service; build from CodeCommit, CodePipeline, S3",
                        "Create the project dva-labs-build with source and artifacts of type CODEPIPELINE.",
                        o -> CheckResult.all(
                                o.project().its("source type", p -> p.source().typeAsString()).should(eq("CODEPIPELINE")),
                                o.project().its("artifacts type", p -> p.artifacts().typeAsString()).should(eq("CODEPIPELINE"))))
                        .forTask(2),
                new Check<Observed>("pipeline-stages", "The pipeline takes main from the repository, builds it, and puts it in S3",
                        "CodePipeline: Source (CodeCommit) → Build (CodeBuild) → Deploy",
                        "Give the pipeline dva-labs-build-pipeline three stages: a CodeCommit source on dva-labs-repo/main,"
                                + " a CodeBuild action on dva-labs-build, and an S3 deploy to the output bucket.",
                        o -> o.pipeline().its("stages", p -> new Stages(p, o.names())).should(satisfies(
                                "Source: CodeCommit " + o.names().repository() + "/main, then Build: CodeBuild "
                                        + o.names().project() + ", then Deploy: S3 " + o.names().bucket(), Stages::inOrder)))
                        .forTask(3),
                new Check<Observed>("pipeline-run", "The run for a new commit succeeded",
                        "CodePipeline: orchestrate build, test and deployment on code changes",
                        "Look at the failed action of the pipeline's run (aws codepipeline get-pipeline-execution); the build's"
                                + " logs say why a phase failed.",
                        o -> o.run().its("run for the verifier's commit", r -> r.map(CodecommitCodebuildVerifier::runText)
                                .orElse("none started")).should(satisfies("Succeeded", t -> t.contains(" Succeeded")))).forTask(4),
                new Check<Observed>("build-phases", "Every phase of that run's build succeeded",
                        "CodeBuild: install, pre_build, build, post_build (tests), then artifacts",
                        "Read the failed phase's context (aws codebuild batch-get-builds) and its log in CloudWatch Logs;"
                                + " labs buildspec lint catches what CodeBuild refuses before it runs.",
                        o -> o.build().its("build", b -> b.map(CodecommitCodebuildVerifier::phases).orElse("no build ran"))
                                .should(satisfies("every phase SUCCEEDED", t -> t.startsWith("SUCCEEDED:")))).forTask(4),
                new Check<Observed>("artifact-delivered", "The built artifact reached the bucket",
                        "CodePipeline: artifacts are stored in S3 and passed to the next stage",
                        "Give the Build action an output artifact, the buildspec artifacts: files, and the Deploy action that"
                                + " artifact and the bucket.",
                        o -> o.delivered().its("objects written since the commit").should(satisfies(
                                "index.html among them", keys -> keys.contains("index.html")))).forTask(4),
                new Check<Observed>("notified", "The topic published the push's notification",
                        "CodeCommit notifications to SNS",
                        "The rule needs the topic as its target and the topic policy must let codestar-notifications.amazonaws.com"
                                + " sns:Publish; CloudWatch's NumberOfMessagesPublished shows what it sent.",
                        o -> o.published().its("messages published since the commit (CloudWatch)")
                                .should(satisfies("at least 1", n -> n >= 1))).forTask(1));
    }

    static boolean covers(Rule rule, Names names) {
        return "ENABLED".equals(rule.status()) && rule.snsTargets().stream().anyMatch(t -> t.endsWith(":" + names.topic()))
                && rule.events().stream().anyMatch(CodecommitCodebuildStack.PUSH_EVENTS::contains);
    }

    static String runText(PipelineExecutionSummary run) {
        return run.pipelineExecutionId() + " " + run.statusAsString() + (run.statusSummary() == null ? "" : ": " + run.statusSummary());
    }

    /** "SUCCEEDED: ..." when every phase that ran succeeded, else the first phase that did not, with CodeBuild's word. */
    static String phases(Build build) {
        List<String> seen = new ArrayList<>();
        Optional<BuildPhase> failed = Optional.empty();
        for (BuildPhase phase : build.phases()) {
            seen.add(phase.phaseTypeAsString() + " " + (phase.phaseStatus() == null ? "running" : phase.phaseStatusAsString()));
            if (failed.isEmpty() && phase.phaseStatus() != null && !"SUCCEEDED".equals(phase.phaseStatusAsString())) {
                failed = Optional.of(phase);
            }
        }
        if (failed.isPresent()) {
            String why = failed.get().contexts().stream().map(c -> c.statusCode() + ": " + c.message()).collect(Collectors.joining("; "));
            return failed.get().phaseTypeAsString() + " " + failed.get().phaseStatusAsString() + (why.isEmpty() ? "" : " (" + why + ")")
                    + "; " + String.join(", ", seen);
        }
        return (build.buildStatusAsString().equals("SUCCEEDED") ? "SUCCEEDED: " : build.buildStatusAsString() + ": ")
                + String.join(", ", seen);
    }

    /** The pipeline's stages as the checklist shows them, and whether they go Source → Build → Deploy as the task says. */
    record Stages(PipelineDeclaration pipeline, Names names) {
        boolean inOrder() {
            int source = -1;
            int build = -1;
            int deploy = -1;
            for (int i = 0; i < pipeline.stages().size(); i++) {
                for (ActionDeclaration action : pipeline.stages().get(i).actions()) {
                    String provider = action.actionTypeId().provider();
                    Map<String, String> config = action.configuration();
                    if ("CodeCommit".equals(provider) && names.repository().equals(config.get("RepositoryName"))
                            && CodecommitCodebuildStack.BRANCH.equals(config.get("BranchName")) && source < 0) {
                        source = i;
                    } else if ("CodeBuild".equals(provider) && names.project().equals(config.get("ProjectName")) && source >= 0) {
                        build = build < 0 ? i : build;
                    } else if ("S3".equals(provider) && "Deploy".equals(action.actionTypeId().categoryAsString())
                            && names.bucket().equals(config.get("BucketName"))) {
                        deploy = i;
                    }
                }
            }
            return source >= 0 && build > source && deploy > build;
        }

        @Override
        public String toString() {
            List<String> seen = new ArrayList<>();
            for (StageDeclaration stage : pipeline.stages()) {
                for (ActionDeclaration action : stage.actions()) {
                    seen.add(stage.name() + ": " + action.actionTypeId().categoryAsString() + " " + action.actionTypeId().provider()
                            + " " + new TreeMap<>(action.configuration()));
                }
            }
            return seen.isEmpty() ? "none" : String.join("; ", seen);
        }
    }

    @Override
    public Observed observe(Session session) {
        Target target = session.target();
        Map<String, String> names = session.names().asMap();
        String where = target.describe();
        Names resolved = resolve(target, names);
        try (CodeCommitClient codeCommit = target.client(CodeCommitClient.builder());
             CodestarNotificationsClient notifications = target.client(CodestarNotificationsClient.builder());
             CodeBuildClient codeBuild = target.client(CodeBuildClient.builder());
             CodePipelineClient codePipeline = target.client(CodePipelineClient.builder());
             S3Client s3 = target.client(S3Client.builder().forcePathStyle(target.endpoint().isPresent()));
             CloudWatchClient cloudWatch = target.client(CloudWatchClient.builder())) {
            Fact<RepositoryMetadata> repository = Fact.observe("CodeCommit", where, () ->
                    codeCommit.getRepository(r -> r.repositoryName(resolved.repository())).repositoryMetadata());
            Fact<List<Rule>> rules = repository.refused() ? repository.as() : Fact.observe("CodeStar Notifications", where, () ->
                    rules(notifications, repository.value().arn()));
            Fact<Optional<Project>> found = Fact.observe("CodeBuild", where, () -> codeBuild.batchGetProjects(
                    r -> r.names(resolved.project())).projects().stream().findFirst());
            Fact<Project> project = found.refused() ? found.as() : found.value().map(Fact::of)
                    .orElseGet(() -> Fact.refused("project " + resolved.project() + ": no such project"));
            Fact<Lint> buildspec = project.refused() ? project.as() : Fact.about("buildspec of " + resolved.project(), () ->
                    lint(codeCommit, resolved, project.value()));
            Fact<PipelineDeclaration> pipeline = Fact.observe("CodePipeline", where, () ->
                    codePipeline.getPipeline(r -> r.name(resolved.pipeline())).pipeline());

            boolean ruleToTopic = !rules.refused() && rules.value().stream().anyMatch(r -> covers(r, resolved));
            if (repository.refused() || (pipeline.refused() && !ruleToTopic)) {
                // Nothing a commit would set off: no push, and the checks that need one say why.
                Fact<Push.Commit> none = repository.refused() ? repository.as() : Fact.refused("no commit pushed: "
                        + resolved.repository() + " has neither a pipeline nor a notification rule to the topic that one would set off");
                return new Observed(resolved, repository, rules, project, buildspec, pipeline, none, none.as(), none.as(),
                        none.as(), none.as());
            }
            Push commit = new Push(target, resolved.repository(), run);
            push = commit;
            Fact<Push.Commit> pushed = Fact.about("commit to " + resolved.repository() + " main", () -> commit.commit(codeCommit,
                    codeCommit.getBranch(r -> r.repositoryName(resolved.repository()).branchName(CodecommitCodebuildStack.BRANCH))
                            .branch().commitId()));
            if (pushed.refused()) {
                return new Observed(resolved, repository, rules, project, buildspec, pipeline, pushed, pushed.as(), pushed.as(),
                        pushed.as(), pushed.as());
            }
            Push.Commit made = pushed.value();
            Fact<Optional<PipelineExecutionSummary>> runFact = pipeline.refused() ? pipeline.as()
                    : Fact.about("runs of " + resolved.pipeline(), () -> timing.until(() -> finishedRun(codePipeline, resolved, made.id())));
            Fact<Optional<Build>> build = runFact.refused() ? runFact.as() : Fact.about("build of the run", () ->
                    runFact.value().flatMap(r -> buildOf(codePipeline, codeBuild, resolved, r.pipelineExecutionId())));
            Fact<List<String>> delivered = Fact.about("bucket " + resolved.bucket(), () -> written(s3, resolved.bucket(), made.at()));
            // CloudWatch has SNS's count a minute or more after the publish: waited for only when a rule would publish.
            Fact<Double> published = Fact.observe("CloudWatch", where, () -> ruleToTopic
                    ? timing.until(() -> published(cloudWatch, resolved, made.at()).filter(n -> n >= 1)).orElse(0.0)
                    : published(cloudWatch, resolved, made.at()).orElse(0.0));
            return new Observed(resolved, repository, rules, project, buildspec, pipeline, pushed, runFact, build, delivered, published);
        }
    }

    private static List<Rule> rules(CodestarNotificationsClient notifications, String repositoryArn) {
        List<Rule> rules = new ArrayList<>();
        for (var summary : notifications.listNotificationRules(r -> r.filters(f -> f.name(ListNotificationRulesFilterName.RESOURCE)
                .value(repositoryArn))).notificationRules()) {
            DescribeNotificationRuleResponse rule = notifications.describeNotificationRule(r -> r.arn(summary.arn()));
            rules.add(new Rule(rule.name(), rule.statusAsString(),
                    rule.targets().stream().filter(t -> "SNS".equals(t.targetType())).map(t -> t.targetAddress()).toList(),
                    rule.eventTypes().stream().map(e -> e.eventTypeId()).toList()));
        }
        return rules;
    }

    /** The project's inline buildspec, or the file it names read from the repository's main branch. */
    private static Lint lint(CodeCommitClient codeCommit, Names names, Project project) {
        String spec = project.source().buildspec();
        if (spec == null || spec.isBlank() || !spec.contains("\n")) {
            String file = spec == null || spec.isBlank() ? "buildspec.yml" : spec.strip();
            String text = codeCommit.getFile(r -> r.repositoryName(names.repository()).commitSpecifier(CodecommitCodebuildStack.BRANCH)
                    .filePath(file)).fileContent().asUtf8String();
            return new Lint(names.repository() + "/" + file, new BuildspecLinter().lint(text));
        }
        return new Lint("the project's inline buildspec", new BuildspecLinter().lint(spec));
    }

    /** The run started by the commit once it has ended; empty while there is none or it is in progress. */
    private static Optional<PipelineExecutionSummary> finishedRun(CodePipelineClient codePipeline, Names names, String commit) {
        return codePipeline.listPipelineExecutions(r -> r.pipelineName(names.pipeline()).maxResults(20)).pipelineExecutionSummaries()
                .stream().filter(e -> e.sourceRevisions().stream().anyMatch(s -> commit.equals(s.revisionId())))
                .filter(e -> e.status() != PipelineExecutionStatus.IN_PROGRESS && e.status() != PipelineExecutionStatus.STOPPING)
                .findFirst();
    }

    /** The CodeBuild build the run's Build action started, by the action's external execution id. */
    private static Optional<Build> buildOf(CodePipelineClient codePipeline, CodeBuildClient codeBuild, Names names, String execution) {
        Optional<String> buildId = codePipeline.listActionExecutions(r -> r.pipelineName(names.pipeline())
                        .filter(f -> f.pipelineExecutionId(execution))).actionExecutionDetails().stream()
                .filter(a -> a.input() != null && a.input().actionTypeId() != null && "CodeBuild".equals(a.input().actionTypeId().provider()))
                .map(ActionExecutionDetail::output).filter(o -> o != null && o.executionResult() != null)
                .map(o -> o.executionResult().externalExecutionId()).filter(id -> id != null && !id.isEmpty()).findFirst();
        return buildId.flatMap(id -> codeBuild.batchGetBuilds(r -> r.ids(id)).builds().stream().findFirst());
    }

    /** The keys written to the bucket since the commit (a second of clock difference allowed). */
    private static List<String> written(S3Client s3, String bucket, Instant since) {
        Instant from = since.minusSeconds(1);
        return s3.listObjectsV2Paginator(r -> r.bucket(bucket)).contents().stream()
                .filter(o -> o.lastModified() != null && !o.lastModified().isBefore(from)).map(S3Object::key).sorted().toList();
    }

    /** The topic's NumberOfMessagesPublished summed since the commit, as CloudWatch has it so far. */
    private static Optional<Double> published(CloudWatchClient cloudWatch, Names names, Instant since) {
        Instant start = since.truncatedTo(ChronoUnit.MINUTES);
        return Optional.of(cloudWatch.getMetricStatistics(r -> r.namespace("AWS/SNS").metricName("NumberOfMessagesPublished")
                        .dimensions(d -> d.name("TopicName").value(names.topic())).startTime(start).endTime(Instant.now().plusSeconds(60))
                        .period(60).statistics(Statistic.SUM)).datapoints().stream()
                .mapToDouble(Datapoint::sum).sum());
    }

    static Names resolve(Target target, Map<String, String> names) {
        String bucket = names.getOrDefault("bucket", "dva-labs-build-output-{account}-{region}");
        if (bucket.contains("{account}")) {
            try (StsClient sts = target.client(StsClient.builder())) {
                bucket = bucket.replace("{account}", sts.getCallerIdentity().account());
            }
        }
        return new Names(names.getOrDefault("repository", CodecommitCodebuildStack.REPOSITORY),
                names.getOrDefault("topic", CodecommitCodebuildStack.TOPIC),
                names.getOrDefault("project", CodecommitCodebuildStack.PROJECT),
                names.getOrDefault("pipeline", CodecommitCodebuildStack.PIPELINE),
                bucket.replace("{region}", target.region().id()));
    }

    /** Removes the verifier's file from the repository again; safe twice and from another thread. */
    @Override
    public void close() {
        Push made = push;
        if (made != null) {
            made.undo();
        }
    }
}
