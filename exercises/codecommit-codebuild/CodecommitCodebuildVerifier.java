package dev.dvalabs.exercises.codecommitcodebuild;

import static dev.dvalabs.verify.Matcher.eq;
import static dev.dvalabs.verify.Matcher.satisfies;

import dev.dvalabs.appspec.Finding;
import dev.dvalabs.probe.BuildProject;
import dev.dvalabs.probe.Pipeline;
import dev.dvalabs.probe.Repository;
import dev.dvalabs.verify.Check;
import dev.dvalabs.verify.CheckResult;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Matcher;
import dev.dvalabs.verify.Session;
import dev.dvalabs.verify.Verifier;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecutionStatus;

/**
 * codecommit-codebuild: the repository and its notification rule to SNS, the CodeBuild project and its
 * buildspec, and the pipeline Source → Build → Deploy (S3); then a commit the verifier pushes through the API:
 * the run for that commit succeeded, every phase of its build succeeded, the artifact reached the bucket and
 * the topic published the push's notification. A check on a service the target lacks is SKIP.
 */
public final class CodecommitCodebuildVerifier implements Verifier<CodecommitCodebuildVerifier.Observed> {

    /** A push creates or moves a branch: the two events a notification rule may send to the topic. */
    static final List<String> PUSH_EVENTS = List.of("codecommit-repository-branches-and-tags-created",
            "codecommit-repository-branches-and-tags-updated");

    private final Duration deadline;
    private final Duration interval;
    private final String run;

    public CodecommitCodebuildVerifier() {
        this(Push.DEADLINE, Push.INTERVAL, null);
    }

    /** A verifier with its own waits and run mark (null: the session's), for stand-in services in tests. */
    CodecommitCodebuildVerifier(Duration deadline, Duration interval, String run) {
        this.deadline = deadline;
        this.interval = interval;
        this.run = run;
    }

    public record Observed(Names names, Fact<Repository> repository, Fact<List<Rule>> rules, Fact<BuildProject> project,
                           Fact<Lint> buildspec, Fact<Pipeline> pipeline, Fact<Push.Commit> commit,
                           Fact<Optional<Pipeline.Run>> run, Fact<Optional<BuildProject.Run>> build,
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
                        "Create the repository {repository} (aws codecommit create-repository --repository-name {repository};"
                                + " in CDK, RepositoryProps.repositoryName) and push a first commit to main.",
                        o -> o.repository().its("default branch of " + o.names().repository(),
                                r -> r.defaultBranch() == null ? "none" : r.defaultBranch())
                                .should(eq(CodecommitCodebuildStack.BRANCH))).forTask(1),
                new Check<Observed>("notification-rule", "A notification rule sends the repository's pushes to the SNS topic",
                        "CodeCommit notifications: trigger notifications to SNS, or CloudWatch Event Rules",
                        "Create a notification rule on the repository for codecommit-repository-branches-and-tags-updated with"
                                + " the topic {topic} as its target (aws codestar-notifications create-notification-rule --name"
                                + " {notificationRule} --resource REPOSITORY_ARN --detail-type BASIC --event-type-ids"
                                + " codecommit-repository-branches-and-tags-updated --targets TargetType=SNS,TargetAddress=TOPIC_ARN;"
                                + " in CDK, CfnNotificationRule with eventTypeIds, resource and targets),"
                                + " and a topic policy that lets codestar-notifications.amazonaws.com publish.",
                        o -> o.rules().its("notification rules on the repository").should(satisfies(
                                "one ENABLED, with the topic " + o.names().topic() + " as a target, for pushes",
                                rules -> rules.stream().anyMatch(r -> covers(r, o.names()))))).forTask(1),
                new Check<Observed>("buildspec-valid", "The project's buildspec is valid version 0.2",
                        "CodeBuild: build instructions in buildspec.yml at the root of the code",
                        "Fix buildspec.yml as labs buildspec lint names each mistake, then deploy the project with it.",
                        o -> o.buildspec().its("buildspec").should(satisfies("no linter errors", Lint::clean))).forTask(2),
                new Check<Observed>("build-project", "The CodeBuild project builds what the pipeline gives it",
                        "CodeBuild: fully managed build service; build from CodeCommit, CodePipeline, S3",
                        "Create the project {project} with source and artifacts of type CODEPIPELINE: aws codebuild create-project"
                                + " --name {project} --source type=CODEPIPELINE --artifacts type=CODEPIPELINE --environment"
                                + " type=LINUX_CONTAINER,image=aws/codebuild/standard:7.0,computeType=BUILD_GENERAL1_SMALL"
                                + " --service-role ROLE_ARN; in CDK, new PipelineProject(...).",
                        o -> CheckResult.all(
                                o.project().its("source type", BuildProject::sourceType).should(eq("CODEPIPELINE")),
                                o.project().its("artifacts type", BuildProject::artifactsType).should(eq("CODEPIPELINE"))))
                        .forTask(2),
                new Check<Observed>("pipeline-stages", "The pipeline takes main from the repository, builds it, and puts it in S3",
                        "CodePipeline: Source (CodeCommit) → Build (CodeBuild) → Deploy",
                        "Give the pipeline {pipeline} three stages: a CodeCommit source on {repository}/main,"
                                + " a CodeBuild action on {project}, and an S3 deploy to the output bucket.",
                        o -> o.pipeline().its("stages").should(satisfies(
                                "Source: CodeCommit " + o.names().repository() + "/main, then Build: CodeBuild "
                                        + o.names().project() + ", then Deploy: S3 " + o.names().bucket(), p -> inOrder(p, o.names()))))
                        .forTask(3),
                new Check<Observed>("pipeline-run", "The run for a new commit succeeded",
                        "CodePipeline: orchestrate build, test and deployment on code changes",
                        "Look at the failed action of the pipeline's run (aws codepipeline get-pipeline-execution --pipeline-name"
                                + " {pipeline} --pipeline-execution-id EXECUTION_ID); the build's"
                                + " logs say why a phase failed.",
                        o -> o.run().its("run for the verifier's commit").should(new Matcher<>("Succeeded",
                                r -> r.map(found -> found.status() == PipelineExecutionStatus.SUCCEEDED).orElse(false),
                                r -> r.map(Pipeline.Run::toString).orElse("none started")))).forTask(4),
                new Check<Observed>("build-phases", "Every phase of that run's build succeeded",
                        "CodeBuild: install, pre_build, build, post_build (tests), then artifacts",
                        "Read the failed phase's context (aws codebuild batch-get-builds --ids BUILD_ID) and its log in CloudWatch Logs;"
                                + " labs buildspec lint catches what CodeBuild refuses before it runs.",
                        o -> o.build().its("build").should(new Matcher<>("every phase SUCCEEDED",
                                b -> b.map(BuildProject.Run::succeeded).orElse(false),
                                b -> b.map(BuildProject.Run::toString).orElse("no build ran")))).forTask(4),
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
                && rule.events().stream().anyMatch(PUSH_EVENTS::contains);
    }

    /** Whether the pipeline goes Source (CodeCommit on the repository's main) → Build (CodeBuild on the project) → Deploy (S3 to the bucket). */
    static boolean inOrder(Pipeline pipeline, Names names) {
        int source = pipeline.stageOf(a -> "CodeCommit".equals(a.provider()) && names.repository().equals(a.configuration().get("RepositoryName"))
                && CodecommitCodebuildStack.BRANCH.equals(a.configuration().get("BranchName")), 0);
        int build = source < 0 ? -1 : pipeline.stageOf(a -> "CodeBuild".equals(a.provider())
                && names.project().equals(a.configuration().get("ProjectName")), source);
        return source >= 0 && build > source && pipeline.stageOf(a -> a.is("Deploy", "S3")
                && names.bucket().equals(a.configuration().get("BucketName")), build + 1) > build;
    }

    @Override
    public Observed observe(Session session) {
        return new CodecommitCodebuildProbe(session, session.poll(deadline, interval), run == null ? session.marker().value() : run).observe();
    }
}
