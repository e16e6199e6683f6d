package dev.dvalabs.exercises.codecommitcodebuild;

import dev.dvalabs.buildspec.BuildspecLinter;
import dev.dvalabs.exercises.codecommitcodebuild.CodecommitCodebuildVerifier.Lint;
import dev.dvalabs.exercises.codecommitcodebuild.CodecommitCodebuildVerifier.Names;
import dev.dvalabs.exercises.codecommitcodebuild.CodecommitCodebuildVerifier.Observed;
import dev.dvalabs.exercises.codecommitcodebuild.CodecommitCodebuildVerifier.Rule;
import dev.dvalabs.probe.BuildProject;
import dev.dvalabs.probe.GlobalName;
import dev.dvalabs.probe.Pipeline;
import dev.dvalabs.probe.Poll;
import dev.dvalabs.probe.Repository;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Session;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.codecommit.CodeCommitClient;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.ActionExecutionDetail;
import software.amazon.awssdk.services.codestarnotifications.CodestarNotificationsClient;
import software.amazon.awssdk.services.codestarnotifications.model.DescribeNotificationRuleResponse;
import software.amazon.awssdk.services.codestarnotifications.model.ListNotificationRulesFilterName;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * One observation of codecommit-codebuild: the repository, its notification rules, the project and its
 * buildspec, the pipeline; then, when a commit would set something off, a commit of the verifier's
 * ({@link Push}), the run for it, its build, what reached the bucket and what the topic published.
 */
final class CodecommitCodebuildProbe {

    private final Session session;
    /** The wait for the pipeline run and the topic's publication the verify set off. */
    private final Poll poll;
    private final String run;

    CodecommitCodebuildProbe(Session session, Poll poll, String run) {
        this.session = session;
        this.poll = poll;
        this.run = run;
    }

    Observed observe() {
        String where = session.target().describe();
        Names names = names();
        CodeCommitClient codeCommit = session.client(CodeCommitClient.class);
        CodePipelineClient codePipeline = session.client(CodePipelineClient.class);
        Fact<Repository> repository = Repository.named(codeCommit, where, names.repository());
        Fact<List<Rule>> rules = repository.then(r -> Fact.observe("CodeStar Notifications", where, () -> rules(r.arn())));
        Fact<BuildProject> project = BuildProject.named(session.client(CodeBuildClient.class), where, names.project());
        Fact<Lint> buildspec = project.then(p -> Fact.about("buildspec of " + names.project(), () -> lint(codeCommit, names, p)));
        Fact<Pipeline> pipeline = Pipeline.named(codePipeline, where, names.pipeline());

        boolean ruleToTopic = rules.map(found -> found.stream().anyMatch(r -> CodecommitCodebuildVerifier.covers(r, names))).orElse(false);
        boolean setsOff = pipeline.map(p -> true).orElse(ruleToTopic);
        // Nothing a commit would set off: no push, and the checks that need one say why.
        Fact<Push.Commit> pushed = repository.then(r -> setsOff
                ? Fact.about("commit to " + names.repository() + " " + CodecommitCodebuildStack.BRANCH, () -> Push.commit(session, r, run))
                : Fact.missing("no commit pushed: " + names.repository()
                        + " has neither a pipeline nor a notification rule to the topic that one would set off"));
        Fact<Optional<Pipeline.Run>> runFact = pushed.then(made -> pipeline.then(p -> Fact.about("runs of " + names.pipeline(),
                () -> poll.until(() -> finishedRun(codePipeline, names, made.id())))));
        Fact<Optional<BuildProject.Run>> build = runFact.then(r -> Fact.about("build of the run", () -> r.flatMap(found -> buildOf(names,
                found.id()))));
        Fact<List<String>> delivered = pushed.then(made -> Fact.about("bucket " + names.bucket(), () -> written(names.bucket(), made.at())));
        // CloudWatch has SNS's count a minute or more after the publish: waited for only when a rule would publish.
        Fact<Double> published = pushed.then(made -> Fact.observe("CloudWatch", where, () -> ruleToTopic
                ? poll.until(() -> published(names, made.at()).filter(n -> n >= 1)).orElse(0.0)
                : published(names, made.at()).orElse(0.0)));
        return new Observed(names, repository, rules, project, buildspec, pipeline, pushed, runFact, build, delivered, published);
    }

    private Names names() {
        String bucket = GlobalName.of(session, "bucket");
        return new Names(session.name("repository"), session.name("topic"), session.name("project"), session.name("pipeline"),
                bucket);
    }

    private List<Rule> rules(String repositoryArn) {
        CodestarNotificationsClient notifications = session.client(CodestarNotificationsClient.class);
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
    private static Lint lint(CodeCommitClient codeCommit, Names names, BuildProject project) {
        String spec = project.buildspec();
        if (spec == null || spec.isBlank() || !spec.contains("\n")) {
            String file = spec == null || spec.isBlank() ? "buildspec.yml" : spec.strip();
            String text = codeCommit.getFile(r -> r.repositoryName(names.repository()).commitSpecifier(CodecommitCodebuildStack.BRANCH)
                    .filePath(file)).fileContent().asUtf8String();
            return new Lint(names.repository() + "/" + file, new BuildspecLinter().lint(text));
        }
        return new Lint("the project's inline buildspec", new BuildspecLinter().lint(spec));
    }

    /** The run started by the commit once it has ended; empty while there is none or it is in progress. */
    private static Optional<Pipeline.Run> finishedRun(CodePipelineClient codePipeline, Names names, String commit) {
        return codePipeline.listPipelineExecutions(r -> r.pipelineName(names.pipeline()).maxResults(20)).pipelineExecutionSummaries()
                .stream().map(Pipeline.Run::of).filter(e -> e.revisions().contains(commit)).filter(Pipeline.Run::finished).findFirst();
    }

    /** The CodeBuild build the run's Build action started, by the action's external execution id. */
    private Optional<BuildProject.Run> buildOf(Names names, String execution) {
        Optional<String> buildId = session.client(CodePipelineClient.class).listActionExecutions(r -> r.pipelineName(names.pipeline())
                        .filter(f -> f.pipelineExecutionId(execution))).actionExecutionDetails().stream()
                .filter(a -> a.input() != null && a.input().actionTypeId() != null && "CodeBuild".equals(a.input().actionTypeId().provider()))
                .map(ActionExecutionDetail::output).filter(o -> o != null && o.executionResult() != null)
                .map(o -> o.executionResult().externalExecutionId()).filter(id -> id != null && !id.isEmpty()).findFirst();
        return buildId.flatMap(id -> session.client(CodeBuildClient.class).batchGetBuilds(r -> r.ids(id)).builds().stream()
                .findFirst().map(BuildProject.Run::of));
    }

    /** The keys written to the bucket since the commit (a second of clock difference allowed). */
    private List<String> written(String bucket, Instant since) {
        Instant from = since.minusSeconds(1);
        return session.client(S3Client.class).listObjectsV2Paginator(r -> r.bucket(bucket)).contents().stream()
                .filter(o -> o.lastModified() != null && !o.lastModified().isBefore(from)).map(S3Object::key).sorted().toList();
    }

    /** The topic's NumberOfMessagesPublished summed since the commit, as CloudWatch has it so far. */
    private Optional<Double> published(Names names, Instant since) {
        Instant start = since.truncatedTo(ChronoUnit.MINUTES);
        return Optional.of(session.client(CloudWatchClient.class).getMetricStatistics(r -> r.namespace("AWS/SNS")
                        .metricName("NumberOfMessagesPublished").dimensions(d -> d.name("TopicName").value(names.topic()))
                        .startTime(start).endTime(session.now().plusSeconds(60)).period(60).statistics(Statistic.SUM))
                .datapoints().stream().mapToDouble(Datapoint::sum).sum());
    }
}
