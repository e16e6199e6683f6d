package dev.dvalabs.exercises.codedeployappspecpipeline;

import static dev.dvalabs.verify.Matcher.eq;
import static dev.dvalabs.verify.Matcher.isTrue;
import static dev.dvalabs.verify.Matcher.not;
import static dev.dvalabs.verify.Matcher.oneOf;
import static dev.dvalabs.verify.Matcher.satisfies;
import static dev.dvalabs.verify.Matcher.startsWith;

import dev.dvalabs.appspec.Finding;
import dev.dvalabs.policy.Decision;
import dev.dvalabs.probe.CodeDeployApplication;
import dev.dvalabs.probe.Deployment;
import dev.dvalabs.probe.DeploymentGroup;
import dev.dvalabs.probe.Pipeline;
import dev.dvalabs.verify.Check;
import dev.dvalabs.verify.CheckResult;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Matcher;
import dev.dvalabs.verify.Session;
import dev.dvalabs.verify.Status;
import dev.dvalabs.verify.Verifier;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecutionStatus;

/**
 * codedeploy-appspec-pipeline: a bundle in a versioned S3 bucket, a CodeDeploy application whose
 * deployment group updates EC2 instances by tag in place, and a pipeline from the bucket to CodeDeploy
 * whose last run installed the page. The AppSpec and bucket checks need only S3, the instance check EC2
 * and IAM; the others need CodeDeploy and CodePipeline and are SKIP on a target that does not offer them.
 * What it observes, {@link CodedeployAppspecPipelineProbe} reads.
 */
public final class CodedeployAppspecPipelineVerifier implements Verifier<CodedeployAppspecPipelineVerifier.Observed> {

    /** The deployment configurations the notes name: one, half or all instances at a time. */
    public static final List<String> IN_PLACE_CONFIGS = List.of(
            "CodeDeployDefault.AllAtOnce", "CodeDeployDefault.HalfAtATime", "CodeDeployDefault.OneAtATime");
    /** What the solution bundle's page says; ValidateService greps for it too. */
    public static final String PAGE_TEXT = "Deployed with CodeDeploy";
    /**
     * What the verifier says of a pipeline without any execution. AWS starts a pipeline when it is created,
     * so an existing pipeline that never ran is what an emulator without that behaviour shows.
     */
    static final String NEVER_RAN = "the pipeline has never run";
    static final String CODEDEPLOY = "codedeploy.amazonaws.com";

    private final int pagePort;

    public CodedeployAppspecPipelineVerifier() {
        this(80);
    }

    /** A verifier that asks for the page on another port than HTTP's, for a stand-in instance in tests. */
    CodedeployAppspecPipelineVerifier(int pagePort) {
        this.pagePort = pagePort;
    }

    /** What the verifier saw; each fact is a value, the refusal AWS answered with, or the service's absence. */
    public record Observed(
            Names names,
            Fact<String> versioning,
            Fact<Revision> revision,
            Fact<List<WebServer>> instances,
            Fact<CodeDeployApplication> application,
            Fact<DeploymentGroup> group,
            Fact<ServiceRole> serviceRole,
            Fact<Pipeline> pipeline,
            Fact<Optional<Pipeline.Run>> latestRun,
            Fact<Optional<Deployment>> latestDeployment,
            Fact<Page> page) {}

    /** The learner's resource names in force (the bucket's account and region filled in). */
    public record Names(String bucket, String application, String deploymentGroup, String pipeline, String instance) {}

    /** The newest bundle in the source bucket and what the linter says of the appspec.yml at its root; key null when none. */
    public record Revision(String key, boolean hasAppSpec, List<Finding> findings) {
        static Revision none() {
            return new Revision(null, false, List.of());
        }

        @Override
        public String toString() {
            if (key == null) {
                return "no revision uploaded (no .zip in the source bucket)";
            }
            if (!hasAppSpec) {
                return key + " has no appspec.yml at its root";
            }
            List<Finding> errors = errors();
            return errors.isEmpty() ? key + ": appspec.yml has no errors"
                    : key + ": " + errors.stream().map(f -> f.format("appspec.yml")).collect(Collectors.joining("; "));
        }

        List<Finding> errors() {
            return findings.stream().filter(Finding::isError).toList();
        }
    }

    /**
     * One instance with the tag the deployment group selects: its type, the name of its image, whether an
     * instance profile is attached, whether its role may read the bundle, and whether a security group opens
     * TCP 80 to it.
     */
    public record WebServer(String id, String state, String type, String image, String profile, String bundleRead, boolean port80) {}

    /** The deployment group's service role and whether its trust policy lets CodeDeploy assume it; arn null when none. */
    public record ServiceRole(String arn, Decision codeDeployMayAssume) {
        @Override
        public String toString() {
            return arn == null ? "none" : arn + " (" + CODEDEPLOY + " sts:AssumeRole: " + codeDeployMayAssume + ")";
        }
    }

    /** What a GET of the page on the deployment's instance answered; status 0 with the error when nothing answered. */
    public record Page(String url, int status, String body, String error) {
        boolean served() {
            return error == null && status == 200 && body.contains(PAGE_TEXT);
        }

        @Override
        public String toString() {
            return error != null ? url + ": " + error
                    : url + ": HTTP " + status + (body.contains(PAGE_TEXT) ? ", says '" + PAGE_TEXT + "'" : ", without '" + PAGE_TEXT + "'");
        }
    }

    @Override
    public List<Check<Observed>> checks() {
        return List.of(
                new Check<Observed>("appspec-valid", "The uploaded bundle has an appspec.yml at its root that CodeDeploy accepts",
                        "appspec.yml file defines the deployment actions - Same location as files to deploy",
                        "Zip the bundle with appspec.yml at the top (the CLI's deploy push does), upload it to the source"
                                + " bucket, and run labs appspec lint on the appspec.yml first. Its shape: version: 0.0, os: linux,"
                                + " files: a list of source and destination, and under hooks: each lifecycle event (BeforeInstall,"
                                + " AfterInstall, ApplicationStart, ValidateService, ...) a list of entries with location (a script"
                                + " in the bundle), timeout (seconds, at most 3600) and runas.",
                        o -> o.revision().its("newest bundle").should(satisfies(
                                "a .zip with appspec.yml at its root and no linter errors",
                                r -> r.key() != null && r.hasAppSpec() && r.errors().isEmpty()))).forTask(1),
                new Check<Observed>("source-versioned", "The source bucket keeps every version of the bundle",
                        "Source code from CodeCommit, GitHub, or S3",
                        "A CodePipeline S3 source needs a versioned bucket: turn on versioning (versioned(true) in the"
                                + " stack, or aws s3api put-bucket-versioning --bucket {bucket} --versioning-configuration"
                                + " Status=Enabled).",
                        o -> o.versioning().its("versioning", v -> v.isEmpty() ? "never enabled" : v).should(eq("Enabled")))
                        .forTask(2),
                new Check<Observed>("instance", "One t3.micro with Amazon Linux 2023, an instance profile that reads the bundle, and port 80 open",
                        "Code Deploy agent installed on EC2 - Runs as service on AWS Linux",
                        "Launch one t3.micro from the Amazon Linux 2023 AMI, tagged Name={instance}, with an instance"
                                + " profile whose role may s3:GetObject the bundle, in a security group that allows TCP 80 in.",
                        CodedeployAppspecPipelineVerifier::judgeInstances).forTask(3),
                new Check<Observed>("application", "A CodeDeploy application for EC2/on-premises exists",
                        "aws deploy create-application --application-name mywebapp",
                        "Create the application with compute platform Server (EC2/On-premises): aws deploy"
                                + " create-application --application-name {application} --compute-platform Server.",
                        o -> o.application().its(o.names().application() + " compute platform",
                                CodeDeployApplication::computePlatform).should(eq("Server"))).forTask(4),
                new Check<Observed>("ec2-tag-targets", "The deployment group finds its EC2 instances by their Name tag",
                        "Define deployment group which is set of target machines - Choose ASG, EC2 by Tag, OnPremise",
                        "Create the deployment group {deploymentGroup} with the EC2 tag filter Key=Name,Value={instance},Type=KEY_AND_VALUE,"
                                + " the tag your instance carries: aws deploy create-deployment-group --application-name {application} --deployment-group-name"
                                + " {deploymentGroup} --service-role-arn ROLE_ARN --ec2-tag-filters Key=Name,Value={instance},Type=KEY_AND_VALUE;"
                                + " in CDK, ServerDeploymentGroupProps.ec2InstanceTags(new InstanceTagSet(Map.of(\"Name\","
                                + " List.of(\"{instance}\")))).",
                        o -> o.group().its("EC2 tag filters", DeploymentGroup::ec2Tags).should(satisfies(
                                "include " + tagFilter(o.names()), tags -> tags.contains(tagFilter(o.names()))))).forTask(4),
                new Check<Observed>("in-place", "Deployments update the instances in place",
                        "In-Place (or Rolling update): One/Half/All instance at a time is upgraded",
                        "Set the deployment group's deployment type to IN_PLACE (blue/green needs new instances and a load"
                                + " balancer): aws deploy update-deployment-group --application-name {application}"
                                + " --current-deployment-group-name {deploymentGroup} --deployment-style"
                                + " deploymentType=IN_PLACE,deploymentOption=WITHOUT_TRAFFIC_CONTROL; CDK's ServerDeploymentGroup"
                                + " deploys in place.",
                        o -> o.group().its("deployment type", DeploymentGroup::deploymentType).should(eq("IN_PLACE"))).forTask(4),
                new Check<Observed>("deployment-config", "The deployment configuration upgrades one, half or all instances at a time",
                        "Deployment Configuration set of rules as well as success/fail conditions",
                        "Use one of " + String.join(", ", IN_PLACE_CONFIGS) + " as the deployment group's deployment configuration:"
                                + " aws deploy update-deployment-group --application-name {application} --current-deployment-group-name"
                                + " {deploymentGroup} --deployment-config-name " + IN_PLACE_CONFIGS.get(0) + "; in CDK,"
                                + " ServerDeploymentGroupProps.deploymentConfig(ServerDeploymentConfig.ALL_AT_ONCE).",
                        o -> o.group().its("deployment configuration", DeploymentGroup::deploymentConfig)
                                .should(oneOf(IN_PLACE_CONFIGS.toArray(String[]::new)))).forTask(4),
                new Check<Observed>("auto-rollback", "A failed deployment rolls back on its own",
                        "Can override default roll back configuration",
                        "Turn on automatic rollback for the event DEPLOYMENT_FAILURE in the deployment group: aws deploy"
                                + " update-deployment-group --application-name {application} --current-deployment-group-name"
                                + " {deploymentGroup} --auto-rollback-configuration enabled=true,events=DEPLOYMENT_FAILURE; in CDK,"
                                + " ServerDeploymentGroupProps.autoRollback(AutoRollbackConfig.builder().failedDeployment(true).build()).",
                        o -> CheckResult.all(
                                o.group().its("automatic rollback enabled", DeploymentGroup::autoRollback).should(isTrue()),
                                o.group().its("rollback events", DeploymentGroup::rollbackEvents)
                                        .should(satisfies("include DEPLOYMENT_FAILURE", e -> e.contains("DEPLOYMENT_FAILURE"))))).forTask(4),
                new Check<Observed>("service-role", "The deployment group has a service role that CodeDeploy may assume",
                        "Service role in IAM for CodeDeploy controls permissions",
                        "Create a role whose trust policy allows " + CODEDEPLOY + " to sts:AssumeRole, attach"
                                + " AWSCodeDeployRole, and give its ARN as the deployment group's --service-role-arn: aws iam create-role"
                                + " --role-name ROLE_NAME --assume-role-policy-document '{\"Version\":\"2012-10-17\",\"Statement\":"
                                + "[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"" + CODEDEPLOY + "\"},\"Action\":"
                                + "\"sts:AssumeRole\"}]}'; aws iam attach-role-policy --role-name ROLE_NAME --policy-arn"
                                + " arn:aws:iam::aws:policy/service-role/AWSCodeDeployRole; in CDK, ServerDeploymentGroupProps.role.",
                        o -> o.serviceRole().its("service role").should(satisfies(
                                "a role " + CODEDEPLOY + " may assume (ALLOW)",
                                r -> r.arn() != null && r.codeDeployMayAssume() == Decision.ALLOW))).forTask(4),
                new Check<Observed>("pipeline-stages", "The pipeline takes the bundle from S3, then deploys it with CodeDeploy",
                        "Code Pipeline links it all together; Source code from CodeCommit, GitHub, or S3",
                        "Give the pipeline a Source stage with an S3 action on the source bucket and the key "
                                + CodedeployAppspecPipelineStack.BUNDLE_KEY + ", followed by a Deploy stage with a CodeDeploy"
                                + " action on the application and deployment group.",
                        o -> o.pipeline().its("stages").should(satisfies(
                                "Source: S3 on " + o.names().bucket() + "/" + CodedeployAppspecPipelineStack.BUNDLE_KEY
                                        + ", then Deploy: CodeDeploy on " + o.names().application() + "/" + o.names().deploymentGroup(),
                                p -> sourceThenDeploy(p, o.names())))).forTask(5),
                new Check<Observed>("pipeline-run", "The pipeline's latest run succeeded",
                        "Orchestrate build, test and deployment on code changes",
                        "Upload the bundle again (or aws codepipeline start-pipeline-execution --name {pipeline}) and look at the failed"
                                + " action in the pipeline's latest run.",
                        o -> o.latestRun().its("latest run").should(new Matcher<>("Succeeded",
                                run -> run.map(r -> r.status() == PipelineExecutionStatus.SUCCEEDED).orElse(false),
                                run -> run.map(Pipeline.Run::toString).orElse(NEVER_RAN)))).forTask(6),
                new Check<Observed>("deployment-succeeded", "The latest deployment succeeded, every lifecycle event on every instance",
                        "hooks - BeforeInstall and AfterInstall - Set of commands to run (runas support and timeouts)",
                        "Read the failed event's script output (aws deploy get-deployment-target --deployment-id DEPLOYMENT_ID"
                                + " --target-id INSTANCE_ID, or"
                                + " /var/log/aws/codedeploy-agent on the instance); labs appspec rehearse runs the hooks locally.",
                        o -> o.latestDeployment().its("").should(new Matcher<>("Succeeded, every event Succeeded",
                                latest -> latest.map(Deployment::succeeded).orElse(false), latest -> latest.map(Deployment::toString)
                                .orElse("no deployment to the group yet" + (neverRan(o) ? " (" + NEVER_RAN + ")" : ""))))).forTask(6),
                new Check<Observed>("page-served", "The instance serves the page the bundle installed",
                        "Example deploy a web app from S3 bucket to EC2",
                        "Open port 80 to the instance (security group) and give it a public IP; the bundle's"
                                + " ApplicationStart starts httpd.",
                        o -> o.page().its("GET").should(satisfies("HTTP 200 saying '" + PAGE_TEXT + "'", Page::served)))
                        .forTask(6));
    }

    /** At least one instance with the tag, and every one of them as task 3 describes it. */
    private static CheckResult judgeInstances(Observed o) {
        CheckResult found = o.instances().its("instances tagged Name=" + o.names().instance(),
                servers -> servers.stream().map(WebServer::id).toList()).should(satisfies("at least one", ids -> !ids.isEmpty()));
        return found.status() != Status.PASS ? found : CheckResult.all(o.instances().value().stream()
                .map(CodedeployAppspecPipelineVerifier::judgeInstance).toArray(CheckResult[]::new));
    }

    private static CheckResult judgeInstance(WebServer server) {
        Fact<WebServer> seen = Fact.of(server);
        return CheckResult.all(
                seen.its(server.id() + " state", WebServer::state).should(eq("running")),
                seen.its(server.id() + " type", WebServer::type).should(eq("t3.micro")),
                seen.its(server.id() + " image", WebServer::image).should(startsWith("al2023-ami")),
                seen.its(server.id() + " instance profile", p -> p.profile() == null ? "none" : p.profile())
                        .should(not(eq("none"))),
                seen.its(server.id() + " role's s3:GetObject on the bundle", WebServer::bundleRead).should(eq("ALLOW")),
                seen.its(server.id() + " TCP 80 open from anywhere", WebServer::port80).should(isTrue()));
    }

    private static String tagFilter(Names names) {
        return CodedeployAppspecPipelineStack.INSTANCE_TAG_KEY + "=" + names.instance() + " (KEY_AND_VALUE)";
    }

    /** Whether the pipeline exists and has no execution at all, which AWS never shows (see {@link #NEVER_RAN}). */
    private static boolean neverRan(Observed o) {
        return o.latestRun().map(Optional::isEmpty).orElse(false);
    }

    /** Whether the pipeline takes the bundle from the S3 source bucket and deploys it with CodeDeploy in a later stage. */
    static boolean sourceThenDeploy(Pipeline pipeline, Names names) {
        int source = pipeline.stageOf(a -> a.is("Source", "S3") && names.bucket().equals(a.configuration().get("S3Bucket"))
                && CodedeployAppspecPipelineStack.BUNDLE_KEY.equals(a.configuration().get("S3ObjectKey")), 0);
        return source >= 0 && pipeline.stageOf(a -> a.is("Deploy", "CodeDeploy")
                && names.application().equals(a.configuration().get("ApplicationName"))
                && names.deploymentGroup().equals(a.configuration().get("DeploymentGroupName")), source + 1) > source;
    }

    @Override
    public Observed observe(Session session) {
        return new CodedeployAppspecPipelineProbe(session, pagePort).observe();
    }
}
