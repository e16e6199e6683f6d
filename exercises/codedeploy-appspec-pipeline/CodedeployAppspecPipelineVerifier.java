package dev.dvalabs.exercises.codedeployappspecpipeline;

import dev.dvalabs.verify.Check;
import dev.dvalabs.verify.CheckResult;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Verifier;

import dev.dvalabs.appspec.AppSpecLinter;
import dev.dvalabs.appspec.Finding;
import dev.dvalabs.appspec.Rehearsal;
import dev.dvalabs.targets.Target;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.ApplicationInfo;
import software.amazon.awssdk.services.codedeploy.model.ComputePlatform;
import software.amazon.awssdk.services.codedeploy.model.DeploymentGroupInfo;
import software.amazon.awssdk.services.codedeploy.model.DeploymentInfo;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStatus;
import software.amazon.awssdk.services.codedeploy.model.DeploymentType;
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
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * codedeploy-appspec-pipeline: a bundle in a versioned S3 bucket, a CodeDeploy application whose
 * deployment group updates EC2 instances by tag in place, and a pipeline from the bucket to CodeDeploy
 * whose last run installed the page. The AppSpec and bucket checks need only S3; the others need
 * CodeDeploy and CodePipeline and are SKIP on a target that does not offer them.
 */
public final class CodedeployAppspecPipelineVerifier implements Verifier<CodedeployAppspecPipelineVerifier.Observed> {

    /** The deployment configurations the notes name: one, half or all instances at a time. */
    public static final Set<String> IN_PLACE_CONFIGS = Set.of(
            "CodeDeployDefault.OneAtATime", "CodeDeployDefault.HalfAtATime", "CodeDeployDefault.AllAtOnce");
    /** What the solution bundle's page says; ValidateService greps for it too. */
    public static final String PAGE_TEXT = "Deployed with CodeDeploy";
    static final int MAX_BUNDLE_BYTES = 10 * 1024 * 1024;
    static final int MAX_BUNDLE_ENTRIES = 1_000;
    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_PAGE_BYTES = 64 * 1024;

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
            Fact<ApplicationInfo> application,
            Fact<DeploymentGroupInfo> group,
            Fact<PipelineDeclaration> pipeline,
            Fact<Optional<PipelineExecutionSummary>> latestRun,
            Fact<Optional<Deployment>> latestDeployment,
            Fact<Page> page) {}

    /** The learner's resource names as the verifier resolved them (the bucket's account and region filled in). */
    public record Names(String bucket, String application, String deploymentGroup, String pipeline) {}

    /** The newest bundle in the source bucket and what the linter says of the appspec.yml at its root; key null when none. */
    public record Revision(String key, boolean hasAppSpec, List<Finding> findings) {
        static Revision none() {
            return new Revision(null, false, List.of());
        }
    }

    /** A deployment and, per instance it went to, that instance's lifecycle events. */
    public record Deployment(DeploymentInfo info, List<InstanceTarget> instances) {}

    /** What a GET of the page on the deployment's instance answered; status 0 with the error when nothing answered. */
    public record Page(String url, int status, String body, String error) {}

    @Override
    public List<Check<Observed>> checks() {
        return List.of(
                new Check<>("source-versioned", "The source bucket keeps every version of the bundle",
                        "Source code from CodeCommit, GitHub, or S3",
                        "A CodePipeline S3 source needs a versioned bucket: turn on versioning (versioned(true) in the"
                                + " stack, or aws s3api put-bucket-versioning --versioning-configuration Status=Enabled).",
                        o -> o.versioning().judge("Enabled", status ->
                                CheckResult.when("Enabled".equals(status), status.isEmpty() ? "never enabled" : status, "Enabled"))),
                new Check<>("appspec-valid", "The uploaded bundle has an appspec.yml at its root that CodeDeploy accepts",
                        "appspec.yml file defines the deployment actions - Same location as files to deploy",
                        "Zip the bundle with appspec.yml at the top (aws deploy push does), upload it to the source"
                                + " bucket, and run labs appspec lint on the appspec.yml first.",
                        o -> o.revision().judge("a .zip with a lint-clean appspec.yml", CodedeployAppspecPipelineVerifier::judgeRevision)),
                new Check<>("application", "A CodeDeploy application for EC2/on-premises exists",
                        "aws deploy create-application --application-name mywebapp",
                        "Create the application " + "with compute platform Server (EC2/On-premises): aws deploy"
                                + " create-application --application-name <name> --compute-platform Server.",
                        o -> o.application().judge(o.names().application() + " on Server", app ->
                                CheckResult.when(app.computePlatform() == ComputePlatform.SERVER,
                                        app.applicationName() + " on " + app.computePlatformAsString(),
                                        o.names().application() + " on Server"))),
                new Check<>("ec2-tag-targets", "The deployment group finds its EC2 instances by tag",
                        "Define deployment group which is set of target machines - Choose ASG, EC2 by Tag, OnPremise",
                        "Create the deployment group with an EC2 tag filter (for example Name = dva-labs-webapp) that"
                                + " matches your instance's tag.",
                        o -> o.group().judge("an EC2 tag filter", group -> {
                            List<String> tags = ec2Tags(group);
                            return CheckResult.when(!tags.isEmpty(),
                                    tags.isEmpty() ? "no EC2 tag filter" : String.join(", ", tags), "an EC2 tag filter");
                        })),
                new Check<>("in-place", "Deployments update the instances in place",
                        "In-Place (or Rolling update): One/Half/All instance at a time is upgraded",
                        "Set the deployment group's deployment type to IN_PLACE; blue/green needs new instances"
                                + " and a load balancer.",
                        o -> o.group().judge("IN_PLACE", group -> {
                            String type = group.deploymentStyle() == null ? "IN_PLACE (default)"
                                    : group.deploymentStyle().deploymentTypeAsString();
                            return CheckResult.when(group.deploymentStyle() == null
                                            || group.deploymentStyle().deploymentType() == DeploymentType.IN_PLACE,
                                    type, "IN_PLACE");
                        })),
                new Check<>("deployment-config", "The deployment configuration upgrades one, half or all instances at a time",
                        "Deployment Configuration set of rules as well as success/fail conditions",
                        "Use one of " + sorted(IN_PLACE_CONFIGS) + " as the deployment group's deployment configuration.",
                        o -> o.group().judge("one of " + sorted(IN_PLACE_CONFIGS), group ->
                                CheckResult.when(IN_PLACE_CONFIGS.contains(group.deploymentConfigName()),
                                        String.valueOf(group.deploymentConfigName()), "one of " + sorted(IN_PLACE_CONFIGS)))),
                new Check<>("auto-rollback", "A failed deployment rolls back on its own",
                        "Can override default roll back configuration",
                        "Turn on automatic rollback for the event DEPLOYMENT_FAILURE in the deployment group.",
                        o -> o.group().judge("enabled on DEPLOYMENT_FAILURE", group -> {
                            var rollback = group.autoRollbackConfiguration();
                            boolean enabled = rollback != null && Boolean.TRUE.equals(rollback.enabled());
                            List<String> events = rollback == null ? List.of() : rollback.eventsAsStrings();
                            return CheckResult.when(enabled && events.contains("DEPLOYMENT_FAILURE"),
                                    (enabled ? "enabled on " + events : "disabled"), "enabled on DEPLOYMENT_FAILURE");
                        })),
                new Check<>("pipeline-stages", "The pipeline takes the bundle from S3, then deploys it with CodeDeploy",
                        "Code Pipeline links it all together; Source code from CodeCommit, GitHub, or S3",
                        "Give the pipeline a Source stage with an S3 action on the source bucket, followed by a Deploy"
                                + " stage with a CodeDeploy action on the application and deployment group.",
                        o -> o.pipeline().judge("Source: S3 on " + o.names().bucket() + ", then Deploy: CodeDeploy on "
                                + o.names().application() + "/" + o.names().deploymentGroup(), p -> judgeStages(p, o.names()))),
                new Check<>("pipeline-run", "The pipeline's latest run succeeded",
                        "Orchestrate build, test and deployment on code changes",
                        "Upload the bundle again (or aws codepipeline start-pipeline-execution) and look at the failed"
                                + " action in the pipeline's latest run.",
                        o -> o.latestRun().judge("Succeeded", run -> run.isEmpty()
                                ? CheckResult.fail("the pipeline has never run", "Succeeded")
                                : CheckResult.when(run.get().status() == PipelineExecutionStatus.SUCCEEDED,
                                        run.get().pipelineExecutionId() + " " + run.get().statusAsString()
                                                + (run.get().statusSummary() == null ? "" : ": " + run.get().statusSummary()),
                                        "Succeeded"))),
                new Check<>("deployment-succeeded", "The latest deployment succeeded, every lifecycle event on every instance",
                        "hooks - BeforeInstall and AfterInstall - Set of commands to run (runas support and timeouts)",
                        "Read the failed event's script output (aws deploy get-deployment-target, or"
                                + " /var/log/aws/codedeploy-agent on the instance); labs appspec rehearse runs the hooks locally.",
                        o -> o.latestDeployment().judge("Succeeded, every event Succeeded",
                                CodedeployAppspecPipelineVerifier::judgeDeployment)),
                new Check<>("page-served", "The instance serves the page the bundle installed",
                        "Example deploy a web app from S3 bucket to EC2",
                        "Open port 80 to the instance (security group) and give it a public IP; the bundle's"
                                + " ApplicationStart starts httpd.",
                        o -> o.page().judge("HTTP 200 saying '" + PAGE_TEXT + "'", page -> {
                            if (page.error() != null) {
                                return CheckResult.fail(page.url() + ": " + page.error(), "HTTP 200 saying '" + PAGE_TEXT + "'");
                            }
                            boolean says = page.body().contains(PAGE_TEXT);
                            return CheckResult.when(page.status() == 200 && says,
                                    page.url() + ": HTTP " + page.status() + (says ? ", says '" + PAGE_TEXT + "'" : ", without '" + PAGE_TEXT + "'"),
                                    "HTTP 200 saying '" + PAGE_TEXT + "'");
                        })));
    }

    private static CheckResult judgeRevision(Revision revision) {
        String expected = "a .zip with a lint-clean appspec.yml";
        if (revision.key() == null) {
            return CheckResult.fail("no revision uploaded (no .zip in the source bucket)", expected);
        }
        if (!revision.hasAppSpec()) {
            return CheckResult.fail(revision.key() + " has no appspec.yml at its root", expected);
        }
        List<Finding> errors = revision.findings().stream().filter(Finding::isError).toList();
        return CheckResult.when(errors.isEmpty(),
                errors.isEmpty() ? revision.key() + ": appspec.yml has no errors"
                        : revision.key() + ": " + errors.stream().map(f -> f.format("appspec.yml")).collect(Collectors.joining("; ")),
                expected);
    }

    private static CheckResult judgeStages(PipelineDeclaration pipeline, Names names) {
        List<String> seen = new ArrayList<>();
        int source = -1;
        int deploy = -1;
        for (int i = 0; i < pipeline.stages().size(); i++) {
            StageDeclaration stage = pipeline.stages().get(i);
            for (ActionDeclaration action : stage.actions()) {
                var type = action.actionTypeId();
                Map<String, String> config = action.configuration();
                seen.add(stage.name() + ": " + type.categoryAsString() + " " + type.provider()
                        + " " + new java.util.TreeMap<>(config));
                if ("S3".equals(type.provider()) && "Source".equals(type.categoryAsString())
                        && names.bucket().equals(config.get("S3Bucket")) && source < 0) {
                    source = i;
                }
                if ("CodeDeploy".equals(type.provider()) && "Deploy".equals(type.categoryAsString())
                        && names.application().equals(config.get("ApplicationName"))
                        && names.deploymentGroup().equals(config.get("DeploymentGroupName"))) {
                    deploy = i;
                }
            }
        }
        return CheckResult.when(source >= 0 && deploy > source, String.join("; ", seen),
                "Source: S3 on " + names.bucket() + ", then Deploy: CodeDeploy on " + names.application() + "/"
                        + names.deploymentGroup());
    }

    private static CheckResult judgeDeployment(Optional<Deployment> latest) {
        String expected = "Succeeded, every event Succeeded";
        if (latest.isEmpty()) {
            return CheckResult.fail("no deployment to the group yet", expected);
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

    private static String sorted(Set<String> values) {
        return values.stream().sorted().collect(Collectors.joining(", "));
    }

    @Override
    public Observed observe(Target target, Map<String, String> names) {
        String where = target.describe();
        try (S3Client s3 = target.client(S3Client.builder().forcePathStyle(target.endpoint().isPresent()));
             CodeDeployClient codeDeploy = target.client(CodeDeployClient.builder());
             CodePipelineClient codePipeline = target.client(CodePipelineClient.builder())) {
            Names resolved = resolve(target, names);
            Fact<String> versioning = Fact.observe(() ->
                    Optional.ofNullable(s3.getBucketVersioning(r -> r.bucket(resolved.bucket())).statusAsString()).orElse(""));
            Fact<Revision> revision = Fact.observe(() -> latestRevision(s3, resolved.bucket()));

            Fact<ApplicationInfo> application = Fact.observe("CodeDeploy", where, () ->
                    codeDeploy.getApplication(r -> r.applicationName(resolved.application())).application());
            boolean noCodeDeploy = application.unavailable();
            Fact<DeploymentGroupInfo> group = noCodeDeploy ? application.as() : Fact.observe("CodeDeploy", where, () ->
                    codeDeploy.getDeploymentGroup(r -> r.applicationName(resolved.application())
                            .deploymentGroupName(resolved.deploymentGroup())).deploymentGroupInfo());
            Fact<Optional<Deployment>> deployment = noCodeDeploy ? application.as() : Fact.observe("CodeDeploy", where, () ->
                    latestDeployment(codeDeploy, resolved));

            Fact<PipelineDeclaration> pipeline = Fact.observe("CodePipeline", where, () ->
                    codePipeline.getPipeline(r -> r.name(resolved.pipeline())).pipeline());
            Fact<Optional<PipelineExecutionSummary>> run = pipeline.unavailable() ? pipeline.as()
                    : Fact.observe("CodePipeline", where, () -> codePipeline.listPipelineExecutions(
                            r -> r.pipelineName(resolved.pipeline()).maxResults(1))
                            .pipelineExecutionSummaries().stream().findFirst());

            Fact<Page> page = deployment.refused() ? deployment.as() : pageOf(target, deployment.value());
            return new Observed(resolved, versioning, revision, application, group, pipeline, run, deployment, page);
        }
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
                names.getOrDefault("pipeline", "dva-labs-webapp-pipeline"));
    }

    /** The newest .zip in the bucket, unpacked into a scratch directory just long enough to lint its appspec.yml. */
    static Revision latestRevision(S3Client s3, String bucket) {
        Optional<S3Object> newest = s3.listObjectsV2Paginator(r -> r.bucket(bucket)).contents().stream()
                .filter(o -> o.key().endsWith(".zip"))
                .max(Comparator.comparing(S3Object::lastModified));
        if (newest.isEmpty()) {
            return Revision.none();
        }
        String key = newest.get().key();
        Path scratch = null;
        try (InputStream zip = s3.getObject(r -> r.bucket(bucket).key(key))) {
            scratch = Files.createTempDirectory("dva-labs-revision-");
            unzip(zip, scratch);
            Path appspec = scratch.resolve("appspec.yml");
            if (!Files.isRegularFile(appspec)) {
                return new Revision(key, false, List.of());
            }
            return new Revision(key, true, new AppSpecLinter().lint(appspec));
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack s3://" + bucket + "/" + key, e);
        } finally {
            if (scratch != null) {
                try {
                    Rehearsal.deleteTree(scratch);
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
    private Fact<Page> pageOf(Target target, Optional<Deployment> deployment) {
        if (deployment.isEmpty() || deployment.get().instances().isEmpty()) {
            return Fact.of(new Page("(no instance)", 0, "", "no deployment reached an instance, so there is no page to ask for"));
        }
        String instanceId = deployment.get().instances().get(0).targetId();
        Fact<Optional<String>> host;
        try (Ec2Client ec2 = target.client(Ec2Client.builder())) {
            host = Fact.observe(() -> ec2.describeInstances(r -> r.instanceIds(instanceId)).reservations().stream()
                    .flatMap(reservation -> reservation.instances().stream()).findFirst()
                    .map(CodedeployAppspecPipelineVerifier::publicName));
        }
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
        HttpClient http = HttpClient.newBuilder().connectTimeout(PAGE_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        try {
            HttpResponse<InputStream> response = http.send(
                    HttpRequest.newBuilder(URI.create(url)).timeout(PAGE_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                // The page is a few hundred bytes; whatever else answers there is not read to its end.
                String text = new String(body.readNBytes(MAX_PAGE_BYTES), java.nio.charset.StandardCharsets.UTF_8);
                return new Page(url, response.statusCode(), text, null);
            }
        } catch (IOException e) {
            return new Page(url, 0, "", "no answer (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Page(url, 0, "", "interrupted while waiting for the page");
        }
    }
}
