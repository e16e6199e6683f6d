package dev.dvalabs.exercises.codedeployappspecpipeline;

import static dev.dvalabs.verify.Matcher.eq;
import static dev.dvalabs.verify.Matcher.not;
import static dev.dvalabs.verify.Matcher.oneOf;
import static dev.dvalabs.verify.Matcher.satisfies;
import static dev.dvalabs.verify.Matcher.startsWith;

import dev.dvalabs.policy.Caller;
import dev.dvalabs.policy.Decision;
import dev.dvalabs.policy.Policies;
import dev.dvalabs.policy.Request;
import dev.dvalabs.probe.Http;
import dev.dvalabs.probe.Iam;
import dev.dvalabs.verify.Check;
import dev.dvalabs.verify.Session;
import dev.dvalabs.verify.CheckResult;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Status;
import dev.dvalabs.verify.Verifier;

import dev.dvalabs.appspec.AppSpecLinter;
import dev.dvalabs.appspec.Finding;
import dev.dvalabs.appspec.Rehearsal;
import dev.dvalabs.targets.Target;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.ApplicationInfo;
import software.amazon.awssdk.services.codedeploy.model.DeploymentGroupInfo;
import software.amazon.awssdk.services.codedeploy.model.DeploymentInfo;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStatus;
import software.amazon.awssdk.services.codedeploy.model.EC2TagFilter;
import software.amazon.awssdk.services.codedeploy.model.InstanceTarget;
import software.amazon.awssdk.services.codedeploy.model.LifecycleEvent;
import software.amazon.awssdk.services.codedeploy.model.LifecycleEventStatus;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.ActionDeclaration;
import software.amazon.awssdk.services.codepipeline.model.PipelineDeclaration;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecutionStatus;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecutionSummary;
import software.amazon.awssdk.services.codepipeline.model.StageDeclaration;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * codedeploy-appspec-pipeline: a bundle in a versioned S3 bucket, a CodeDeploy application whose
 * deployment group updates EC2 instances by tag in place, and a pipeline from the bucket to CodeDeploy
 * whose last run installed the page. The AppSpec and bucket checks need only S3, the instance check EC2
 * and IAM; the others need CodeDeploy and CodePipeline and are SKIP on a target that does not offer them.
 */
public final class CodedeployAppspecPipelineVerifier implements Verifier<CodedeployAppspecPipelineVerifier.Observed>, AutoCloseable {

    /** The deployment configurations the notes name: one, half or all instances at a time. */
    public static final List<String> IN_PLACE_CONFIGS = List.of(
            "CodeDeployDefault.AllAtOnce", "CodeDeployDefault.HalfAtATime", "CodeDeployDefault.OneAtATime");
    /** What the solution bundle's page says; ValidateService greps for it too. */
    public static final String PAGE_TEXT = "Deployed with CodeDeploy";
    static final int MAX_BUNDLE_BYTES = 10 * 1024 * 1024;
    static final int MAX_BUNDLE_ENTRIES = 1_000;
    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_PAGE_BYTES = 64 * 1024;

    private final int pagePort;
    /** The scratch directories a bundle is unpacked into while it is linted: the verifier's only writes. */
    private final Set<Path> scratch = ConcurrentHashMap.newKeySet();

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
            Fact<ApplicationInfo> application,
            Fact<DeploymentGroupInfo> group,
            Fact<ServiceRole> serviceRole,
            Fact<PipelineDeclaration> pipeline,
            Fact<Optional<PipelineExecutionSummary>> latestRun,
            Fact<Optional<Deployment>> latestDeployment,
            Fact<Page> page) {}

    /** The learner's resource names as the verifier resolved them (the bucket's account and region filled in). */
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

    /** A deployment and, per instance it went to, that instance's lifecycle events. */
    public record Deployment(DeploymentInfo info, List<InstanceTarget> instances) {}

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

    /** A pipeline run as the checklist shows it. */
    record Run(String id, PipelineExecutionStatus status, String text) {
        static Run of(Optional<PipelineExecutionSummary> latest) {
            return latest.map(r -> new Run(r.pipelineExecutionId(), r.status(), r.pipelineExecutionId() + " " + r.statusAsString()
                    + (r.statusSummary() == null ? "" : ": " + r.statusSummary()))).orElse(new Run(null, null, NEVER_RAN));
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /**
     * What the verifier says of a pipeline without any execution. AWS starts a pipeline when it is created,
     * so an existing pipeline that never ran is what an emulator without that behaviour shows.
     */
    static final String NEVER_RAN = "the pipeline has never run";
    static final String CODEDEPLOY = "codedeploy.amazonaws.com";

    @Override
    public List<Check<Observed>> checks() {
        return List.of(
                new Check<Observed>("appspec-valid", "The uploaded bundle has an appspec.yml at its root that CodeDeploy accepts",
                        "appspec.yml file defines the deployment actions - Same location as files to deploy",
                        "Zip the bundle with appspec.yml at the top (aws deploy push does), upload it to the source"
                                + " bucket, and run labs appspec lint on the appspec.yml first.",
                        o -> o.revision().its("newest bundle").should(satisfies(
                                "a .zip with appspec.yml at its root and no linter errors",
                                r -> r.key() != null && r.hasAppSpec() && r.errors().isEmpty()))).forTask(1),
                new Check<Observed>("source-versioned", "The source bucket keeps every version of the bundle",
                        "Source code from CodeCommit, GitHub, or S3",
                        "A CodePipeline S3 source needs a versioned bucket: turn on versioning (versioned(true) in the"
                                + " stack, or aws s3api put-bucket-versioning --versioning-configuration Status=Enabled).",
                        o -> o.versioning().its("versioning", v -> v.isEmpty() ? "never enabled" : v).should(eq("Enabled")))
                        .forTask(2),
                new Check<Observed>("instance", "One t3.micro with Amazon Linux 2023, an instance profile that reads the bundle, and port 80 open",
                        "Code Deploy agent installed on EC2 - Runs as service on AWS Linux",
                        "Launch one t3.micro from the Amazon Linux 2023 AMI, tagged Name=dva-labs-webapp, with an instance"
                                + " profile whose role may s3:GetObject the bundle, in a security group that allows TCP 80 in.",
                        CodedeployAppspecPipelineVerifier::judgeInstances).forTask(3),
                new Check<Observed>("application", "A CodeDeploy application for EC2/on-premises exists",
                        "aws deploy create-application --application-name mywebapp",
                        "Create the application with compute platform Server (EC2/On-premises): aws deploy"
                                + " create-application --application-name <name> --compute-platform Server.",
                        o -> o.application().its(o.names().application() + " compute platform",
                                ApplicationInfo::computePlatformAsString).should(eq("Server"))).forTask(4),
                new Check<Observed>("ec2-tag-targets", "The deployment group finds its EC2 instances by their Name tag",
                        "Define deployment group which is set of target machines - Choose ASG, EC2 by Tag, OnPremise",
                        "Create the deployment group with the EC2 tag filter Key=Name,Value=dva-labs-webapp,Type=KEY_AND_VALUE,"
                                + " the tag your instance carries.",
                        o -> o.group().its("EC2 tag filters", CodedeployAppspecPipelineVerifier::ec2Tags).should(satisfies(
                                "include " + tagFilter(o.names()), tags -> tags.contains(tagFilter(o.names()))))).forTask(4),
                new Check<Observed>("in-place", "Deployments update the instances in place",
                        "In-Place (or Rolling update): One/Half/All instance at a time is upgraded",
                        "Set the deployment group's deployment type to IN_PLACE; blue/green needs new instances"
                                + " and a load balancer.",
                        o -> o.group().its("deployment type", g -> g.deploymentStyle() == null
                                        || g.deploymentStyle().deploymentType() == null
                                // CodeDeploy's default when the style is left out (moto then answers an empty style).
                                ? "IN_PLACE" : g.deploymentStyle().deploymentTypeAsString()).should(eq("IN_PLACE"))).forTask(4),
                new Check<Observed>("deployment-config", "The deployment configuration upgrades one, half or all instances at a time",
                        "Deployment Configuration set of rules as well as success/fail conditions",
                        "Use one of " + String.join(", ", IN_PLACE_CONFIGS) + " as the deployment group's deployment configuration.",
                        o -> o.group().its("deployment configuration", DeploymentGroupInfo::deploymentConfigName)
                                .should(oneOf(IN_PLACE_CONFIGS.toArray(String[]::new)))).forTask(4),
                new Check<Observed>("auto-rollback", "A failed deployment rolls back on its own",
                        "Can override default roll back configuration",
                        "Turn on automatic rollback for the event DEPLOYMENT_FAILURE in the deployment group.",
                        o -> CheckResult.all(
                                o.group().its("automatic rollback", g -> g.autoRollbackConfiguration() != null
                                        && Boolean.TRUE.equals(g.autoRollbackConfiguration().enabled()) ? "enabled" : "disabled")
                                        .should(eq("enabled")),
                                o.group().its("rollback events", g -> g.autoRollbackConfiguration() == null ? List.<String>of()
                                        : g.autoRollbackConfiguration().eventsAsStrings())
                                        .should(satisfies("include DEPLOYMENT_FAILURE", e -> e.contains("DEPLOYMENT_FAILURE"))))).forTask(4),
                new Check<Observed>("service-role", "The deployment group has a service role that CodeDeploy may assume",
                        "Service role in IAM for CodeDeploy controls permissions",
                        "Create a role whose trust policy allows " + CODEDEPLOY + " to sts:AssumeRole, attach"
                                + " AWSCodeDeployRole, and give its ARN as the deployment group's --service-role-arn.",
                        o -> o.serviceRole().its("service role").should(satisfies(
                                "a role " + CODEDEPLOY + " may assume (ALLOW)",
                                r -> r.arn() != null && r.codeDeployMayAssume() == Decision.ALLOW))).forTask(4),
                new Check<Observed>("pipeline-stages", "The pipeline takes the bundle from S3, then deploys it with CodeDeploy",
                        "Code Pipeline links it all together; Source code from CodeCommit, GitHub, or S3",
                        "Give the pipeline a Source stage with an S3 action on the source bucket and the key "
                                + CodedeployAppspecPipelineStack.BUNDLE_KEY + ", followed by a Deploy stage with a CodeDeploy"
                                + " action on the application and deployment group.",
                        o -> o.pipeline().its("stages", p -> new Stages(p, o.names())).should(satisfies(
                                "Source: S3 on " + o.names().bucket() + "/" + CodedeployAppspecPipelineStack.BUNDLE_KEY
                                        + ", then Deploy: CodeDeploy on " + o.names().application() + "/" + o.names().deploymentGroup(),
                                Stages::sourceThenDeploy))).forTask(5),
                new Check<Observed>("pipeline-run", "The pipeline's latest run succeeded",
                        "Orchestrate build, test and deployment on code changes",
                        "Upload the bundle again (or aws codepipeline start-pipeline-execution) and look at the failed"
                                + " action in the pipeline's latest run.",
                        o -> o.latestRun().its("latest run", Run::of).should(satisfies("Succeeded",
                                run -> run.status() == PipelineExecutionStatus.SUCCEEDED))).forTask(6),
                new Check<Observed>("deployment-succeeded", "The latest deployment succeeded, every lifecycle event on every instance",
                        "hooks - BeforeInstall and AfterInstall - Set of commands to run (runas support and timeouts)",
                        "Read the failed event's script output (aws deploy get-deployment-target, or"
                                + " /var/log/aws/codedeploy-agent on the instance); labs appspec rehearse runs the hooks locally.",
                        o -> o.latestDeployment().judge("Succeeded, every event Succeeded",
                                latest -> judgeDeployment(latest, neverRan(o)))).forTask(6),
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
                seen.its(server.id() + " TCP 80 from anywhere", p -> p.port80() ? "open" : "closed").should(eq("open")));
    }

    private static String tagFilter(Names names) {
        return CodedeployAppspecPipelineStack.INSTANCE_TAG_KEY + "=" + names.instance() + " (KEY_AND_VALUE)";
    }

    /** Whether the pipeline exists and has no execution at all, which AWS never shows (see {@link #NEVER_RAN}). */
    private static boolean neverRan(Observed o) {
        return !o.latestRun().refused() && o.latestRun().value().isEmpty();
    }

    /** A pipeline's stages as the checklist shows them, and whether they take the bundle from S3 and then deploy it. */
    record Stages(PipelineDeclaration pipeline, Names names) {
        boolean sourceThenDeploy() {
            int source = -1;
            int deploy = -1;
            for (int i = 0; i < pipeline.stages().size(); i++) {
                for (ActionDeclaration action : pipeline.stages().get(i).actions()) {
                    var type = action.actionTypeId();
                    Map<String, String> config = action.configuration();
                    if ("S3".equals(type.provider()) && "Source".equals(type.categoryAsString())
                            && names.bucket().equals(config.get("S3Bucket"))
                            && CodedeployAppspecPipelineStack.BUNDLE_KEY.equals(config.get("S3ObjectKey")) && source < 0) {
                        source = i;
                    }
                    if ("CodeDeploy".equals(type.provider()) && "Deploy".equals(type.categoryAsString())
                            && names.application().equals(config.get("ApplicationName"))
                            && names.deploymentGroup().equals(config.get("DeploymentGroupName"))) {
                        deploy = i;
                    }
                }
            }
            return source >= 0 && deploy > source;
        }

        @Override
        public String toString() {
            List<String> seen = new ArrayList<>();
            for (StageDeclaration stage : pipeline.stages()) {
                for (ActionDeclaration action : stage.actions()) {
                    var type = action.actionTypeId();
                    seen.add(stage.name() + ": " + type.categoryAsString() + " " + type.provider()
                            + " " + new TreeMap<>(action.configuration()));
                }
            }
            return seen.isEmpty() ? "none" : String.join("; ", seen);
        }
    }

    private static CheckResult judgeDeployment(Optional<Deployment> latest, boolean neverRan) {
        String expected = "Succeeded, every event Succeeded";
        if (latest.isEmpty()) {
            return CheckResult.fail("no deployment to the group yet" + (neverRan ? " (" + NEVER_RAN + ")" : ""), expected);
        }
        DeploymentInfo info = latest.get().info();
        List<String> notSucceeded = new ArrayList<>();
        for (InstanceTarget instance : latest.get().instances()) {
            for (LifecycleEvent event : instance.lifecycleEvents()) {
                if (event.status() != LifecycleEventStatus.SUCCEEDED) {
                    String why = event.diagnostics() == null ? "" : " (" + event.diagnostics().errorCodeAsString()
                            + (event.diagnostics().scriptName() == null || event.diagnostics().scriptName().isEmpty()
                                    ? "" : " in " + event.diagnostics().scriptName())
                            + (event.diagnostics().message() == null ? "" : ": " + event.diagnostics().message()) + ")";
                    notSucceeded.add(instance.targetId() + " " + event.lifecycleEventName() + " " + event.statusAsString() + why);
                }
            }
        }
        boolean ok = info.status() == DeploymentStatus.SUCCEEDED && notSucceeded.isEmpty() && !latest.get().instances().isEmpty();
        String seen = info.deploymentId() + " " + info.statusAsString()
                + (latest.get().instances().isEmpty() ? ", on no instance"
                        : notSucceeded.isEmpty() ? ", every event Succeeded on " + latest.get().instances().size() + " instance(s)"
                        : "; " + String.join("; ", notSucceeded));
        return CheckResult.when(ok, seen, expected);
    }

    static List<String> ec2Tags(DeploymentGroupInfo group) {
        List<EC2TagFilter> filters = new ArrayList<>(group.ec2TagFilters());
        if (group.ec2TagSet() != null) {
            group.ec2TagSet().ec2TagSetList().forEach(filters::addAll);
        }
        return filters.stream().map(f -> f.key() + (f.value() == null || f.value().isEmpty() ? "" : "=" + f.value())
                + " (" + f.typeAsString() + ")").toList();
    }

    @Override
    public Observed observe(Session session) {
        Target target = session.target();
        Map<String, String> names = session.names().asMap();
        String where = target.describe();
        try (S3Client s3 = target.client(S3Client.builder().forcePathStyle(target.endpoint().isPresent()));
             Ec2Client ec2 = target.client(Ec2Client.builder());
             IamClient iamClient = target.client(IamClient.builder());
             CodeDeployClient codeDeploy = target.client(CodeDeployClient.builder());
             CodePipelineClient codePipeline = target.client(CodePipelineClient.builder())) {
            Names resolved = resolve(target, names);
            Iam iam = new Iam(iamClient);
            String bucket = "bucket " + resolved.bucket();
            Fact<String> versioning = Fact.about(bucket, () ->
                    Optional.ofNullable(s3.getBucketVersioning(r -> r.bucket(resolved.bucket())).statusAsString()).orElse(""));
            Fact<Revision> revision = Fact.about(bucket, () -> latestRevision(s3, resolved.bucket()));

            Fact<ApplicationInfo> application = observe("CodeDeploy", where, "application " + resolved.application(), () ->
                    codeDeploy.getApplication(r -> r.applicationName(resolved.application())).application());
            boolean noCodeDeploy = application.unavailable();
            Fact<DeploymentGroupInfo> group = noCodeDeploy ? application.as() : observe("CodeDeploy", where,
                    "deployment group " + resolved.application() + "/" + resolved.deploymentGroup(), () ->
                    codeDeploy.getDeploymentGroup(r -> r.applicationName(resolved.application())
                            .deploymentGroupName(resolved.deploymentGroup())).deploymentGroupInfo());
            Fact<ServiceRole> serviceRole = group.refused() ? group.as() : serviceRole(iam, group.value().serviceRoleArn());
            Fact<Optional<Deployment>> deployment = group.refused() ? group.as() : observe("CodeDeploy", where,
                    "deployments of " + resolved.application() + "/" + resolved.deploymentGroup(), () ->
                    latestDeployment(codeDeploy, resolved));

            // Both asked even when one is refused: moto's GetPipeline answer is unreadable, its executions are not.
            Fact<PipelineDeclaration> pipeline = readable("CodePipeline", where, "pipeline " + resolved.pipeline(), () ->
                    codePipeline.getPipeline(r -> r.name(resolved.pipeline())).pipeline());
            Fact<Optional<PipelineExecutionSummary>> run = readable("CodePipeline", where,
                    "executions of pipeline " + resolved.pipeline(), () -> codePipeline.listPipelineExecutions(
                            r -> r.pipelineName(resolved.pipeline()).maxResults(1)).pipelineExecutionSummaries().stream().findFirst());

            // The agent downloads the bundle from the pipeline's artifact bucket, or from the source bucket
            // when a deployment names the revision there itself (aws deploy create-deployment, or no pipeline).
            String bundleBucket = pipeline.refused() || pipeline.value().artifactStore() == null
                    ? resolved.bucket() : pipeline.value().artifactStore().location();
            Fact<List<WebServer>> instances = Fact.about("instances tagged Name=" + resolved.instance(), () ->
                    webServers(ec2, iam, resolved.instance(), bundleBucket));
            Fact<Page> page = deployment.refused() ? deployment.as()
                    : pageOf(ec2, deployment.value(), !run.refused() && run.value().isEmpty());
            return new Observed(resolved, versioning, revision, instances, application, group, serviceRole, pipeline, run,
                    deployment, page);
        }
    }

    /**
     * Observes through one service that a target may lack: unavailable where it does, else the value or
     * the refusal prefixed with what was asked about.
     */
    private static <T> Fact<T> observe(String service, String where, String subject, java.util.function.Supplier<T> observation) {
        Fact<T> fact = Fact.observe(service, where, observation);
        return fact.refused() && !fact.unavailable() ? Fact.refused(subject + ": " + fact.refusal()) : fact;
    }

    /**
     * {@link #observe(String, String, String, java.util.function.Supplier)}, and an answer the SDK cannot read is
     * unavailable too: moto 5.2.5 writes CodePipeline's timestamps as ISO text where AWS writes epoch seconds,
     * which says nothing of the learner's pipeline. Any other client failure (no connection) propagates.
     */
    private static <T> Fact<T> readable(String service, String where, String subject, java.util.function.Supplier<T> observation) {
        try {
            return observe(service, where, subject, observation);
        } catch (SdkClientException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("Unable to unmarshall response")) {
                throw e;
            }
            return Fact.unavailable(service + " on " + where + " answers in a form the AWS SDK cannot read (" + e.getMessage() + ")");
        }
    }

    private static Fact<ServiceRole> serviceRole(Iam iam, String roleArn) {
        if (roleArn == null || roleArn.isEmpty()) {
            return Fact.of(new ServiceRole(null, Decision.IMPLICIT_DENY));
        }
        String roleName = roleArn.substring(roleArn.lastIndexOf('/') + 1);
        return Fact.about("service role " + roleArn, () -> new ServiceRole(roleArn, Policies.of(iam.trustPolicy(roleName))
                .decide(Request.of(Caller.service(CODEDEPLOY), "sts:AssumeRole", roleArn))));
    }

    /** The instances with the Name tag that are not terminated, each with its image, profile and open ports looked up. */
    static List<WebServer> webServers(Ec2Client ec2, Iam iam, String nameTag, String bundleBucket) {
        List<Instance> instances = ec2.describeInstancesPaginator(r -> r.filters(
                        Filter.builder().name("tag:" + CodedeployAppspecPipelineStack.INSTANCE_TAG_KEY).values(nameTag).build(),
                        Filter.builder().name("instance-state-name").values("pending", "running", "stopping", "stopped").build()))
                .reservations().stream().flatMap(r -> r.instances().stream()).toList();
        List<WebServer> servers = new ArrayList<>();
        for (Instance instance : instances) {
            String image = ec2.describeImages(r -> r.imageIds(instance.imageId())).images().stream().findFirst()
                    .map(Image::name).orElse(instance.imageId() + " (image not found)");
            List<String> groups = instance.securityGroups().stream().map(GroupIdentifier::groupId).toList();
            boolean port80 = !groups.isEmpty() && ec2.describeSecurityGroups(r -> r.groupIds(groups)).securityGroups().stream()
                    .flatMap(g -> g.ipPermissions().stream()).anyMatch(CodedeployAppspecPipelineVerifier::opensPort80ToAnyone);
            String profile = instance.iamInstanceProfile() == null ? null : instance.iamInstanceProfile().arn();
            servers.add(new WebServer(instance.instanceId(), instance.state().nameAsString(), instance.instanceTypeAsString(),
                    image, profile, profile == null ? "no role" : bundleRead(iam, profile, bundleBucket), port80));
        }
        return servers;
    }

    /** Whether the instance profile's role may read objects of the bucket the bundle comes from, by its policies. */
    private static String bundleRead(Iam iam, String profileArn, String bucket) {
        Optional<String> role = iam.instanceProfileRole(profileArn.substring(profileArn.lastIndexOf('/') + 1));
        if (role.isEmpty()) {
            return "no role in the instance profile";
        }
        String roleArn = iam.roleArn(role.get());
        return Policies.identityOnly().withIdentity(iam.rolePolicies(role.get()))
                .decide(Request.of(Caller.aws(roleArn), "s3:GetObject", "arn:aws:s3:::" + bucket + "/" + CodedeployAppspecPipelineStack.BUNDLE_KEY))
                .name();
    }

    private static boolean opensPort80ToAnyone(IpPermission permission) {
        boolean tcp80 = "-1".equals(permission.ipProtocol()) || ("tcp".equals(permission.ipProtocol())
                && permission.fromPort() != null && permission.toPort() != null
                && permission.fromPort() <= 80 && permission.toPort() >= 80);
        return tcp80 && permission.ipRanges().stream().anyMatch(range -> "0.0.0.0/0".equals(range.cidrIp()));
    }

    /** The names with the bucket's {account} and {region} filled in, as the stack names the bucket. */
    static Names resolve(Target target, Map<String, String> names) {
        String bucket = names.getOrDefault("bucket", "dva-labs-appspec-source-{account}-{region}");
        if (bucket.contains("{account}")) {
            try (StsClient sts = target.client(StsClient.builder())) {
                bucket = bucket.replace("{account}", sts.getCallerIdentity().account());
            }
        }
        bucket = bucket.replace("{region}", target.region().id());
        return new Names(bucket, names.getOrDefault("application", "dva-labs-webapp"),
                names.getOrDefault("deploymentGroup", "dva-labs-webapp-group"),
                names.getOrDefault("pipeline", "dva-labs-webapp-pipeline"),
                names.getOrDefault("instance", CodedeployAppspecPipelineStack.INSTANCE_TAG_VALUE));
    }

    /**
     * Removes what an interrupted observe left: a bundle unpacked for the linter. Safe twice, and while observe
     * runs on another thread (a directory removed under the linter makes that observation fail, not linger).
     */
    @Override
    public void close() {
        for (Path dir : List.copyOf(scratch)) {
            try {
                Rehearsal.deleteTree(dir);
                scratch.remove(dir);
            } catch (IOException e) {
                // Left to the system's temp cleaner; the next close tries again.
            }
        }
    }

    /** The newest .zip in the bucket, unpacked into a scratch directory just long enough to lint its appspec.yml. */
    Revision latestRevision(S3Client s3, String bucket) {
        Optional<S3Object> newest = s3.listObjectsV2Paginator(r -> r.bucket(bucket)).contents().stream()
                .filter(o -> o.key().endsWith(".zip"))
                .max(Comparator.comparing(S3Object::lastModified));
        if (newest.isEmpty()) {
            return Revision.none();
        }
        String key = newest.get().key();
        Path dir = null;
        try (InputStream zip = s3.getObject(r -> r.bucket(bucket).key(key))) {
            dir = Files.createTempDirectory("dva-labs-revision-");
            scratch.add(dir);
            unzip(zip, dir);
            Path appspec = dir.resolve("appspec.yml");
            if (!Files.isRegularFile(appspec)) {
                return new Revision(key, false, List.of());
            }
            return new Revision(key, true, new AppSpecLinter().lint(appspec));
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack s3://" + bucket + "/" + key, e);
        } finally {
            if (dir != null) {
                try {
                    Rehearsal.deleteTree(dir);
                    scratch.remove(dir);
                } catch (IOException e) {
                    // A scratch directory left in the temp folder is harmless; the system's cleaner takes it.
                }
            }
        }
    }

    /** Unpacks a bundle, refusing entries that would land outside the directory and bundles past the bounds. */
    static void unzip(InputStream in, Path into) throws IOException {
        long total = 0;
        int entries = 0;
        try (ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (++entries > MAX_BUNDLE_ENTRIES) {
                    throw new IOException("more than " + MAX_BUNDLE_ENTRIES + " entries");
                }
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("entry " + entry.getName() + " points outside the bundle");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                byte[] content = zip.readNBytes(MAX_BUNDLE_BYTES - (int) total + 1);
                total += content.length;
                if (total > MAX_BUNDLE_BYTES) {
                    throw new IOException("bundle larger than " + MAX_BUNDLE_BYTES + " bytes unpacked");
                }
                Files.write(target, content);
            }
        }
    }

    /** The group's newest deployment (by creation time, from the first page) with each instance's lifecycle events. */
    static Optional<Deployment> latestDeployment(CodeDeployClient codeDeploy, Names names) {
        List<String> ids = codeDeploy.listDeployments(r -> r.applicationName(names.application())
                .deploymentGroupName(names.deploymentGroup())).deployments();
        Optional<DeploymentInfo> newest = ids.stream()
                .map(id -> codeDeploy.getDeployment(r -> r.deploymentId(id)).deploymentInfo())
                .max(Comparator.comparing(DeploymentInfo::createTime, Comparator.nullsFirst(Comparator.naturalOrder())));
        if (newest.isEmpty()) {
            return Optional.empty();
        }
        String id = newest.get().deploymentId();
        List<InstanceTarget> instances = new ArrayList<>();
        for (String targetId : codeDeploy.listDeploymentTargets(r -> r.deploymentId(id)).targetIds()) {
            var target = codeDeploy.getDeploymentTarget(r -> r.deploymentId(id).targetId(targetId)).deploymentTarget();
            if (target.instanceTarget() != null) {
                instances.add(target.instanceTarget());
            }
        }
        return Optional.of(new Deployment(newest.get(), instances));
    }

    /** GETs the page on the first instance the latest deployment went to, at its public name, with a bounded wait. */
    private Fact<Page> pageOf(Ec2Client ec2, Optional<Deployment> deployment, boolean neverRan) {
        if (deployment.isEmpty() || deployment.get().instances().isEmpty()) {
            return Fact.of(new Page("(no instance)", 0, "", "no deployment reached an instance, so there is no page to ask for"
                    + (neverRan ? " (" + NEVER_RAN + ")" : "")));
        }
        String instanceId = deployment.get().instances().get(0).targetId();
        Fact<Optional<String>> host = Fact.about("instance " + instanceId, () -> ec2.describeInstances(r -> r.instanceIds(instanceId))
                .reservations().stream().flatMap(reservation -> reservation.instances().stream()).findFirst()
                .map(CodedeployAppspecPipelineVerifier::publicName));
        if (host.refused()) {
            return host.as();
        }
        if (host.value().isEmpty()) {
            return Fact.of(new Page(instanceId, 0, "", "the instance has no public DNS name or IP address"));
        }
        String url = "http://" + host.value().get() + (pagePort == 80 ? "" : ":" + pagePort) + "/";
        return Fact.of(get(url));
    }

    private static String publicName(Instance instance) {
        if (instance.publicDnsName() != null && !instance.publicDnsName().isEmpty()) {
            return instance.publicDnsName();
        }
        return instance.publicIpAddress() == null || instance.publicIpAddress().isEmpty() ? null : instance.publicIpAddress();
    }

    static Page get(String url) {
        Http.Answer answer = Http.get(url, PAGE_TIMEOUT, MAX_PAGE_BYTES);
        return new Page(answer.url(), answer.status(), answer.body(), answer.error());
    }
}
