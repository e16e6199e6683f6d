package dev.dvalabs.exercises.codedeployappspecpipeline;

import dev.dvalabs.exercises.codedeployappspecpipeline.CodedeployAppspecPipelineVerifier.Names;
import dev.dvalabs.exercises.codedeployappspecpipeline.CodedeployAppspecPipelineVerifier.Observed;
import dev.dvalabs.exercises.codedeployappspecpipeline.CodedeployAppspecPipelineVerifier.Page;
import dev.dvalabs.exercises.codedeployappspecpipeline.CodedeployAppspecPipelineVerifier.ServiceRole;
import dev.dvalabs.exercises.codedeployappspecpipeline.CodedeployAppspecPipelineVerifier.WebServer;
import dev.dvalabs.policy.Decision;
import dev.dvalabs.probe.CodeDeployApplication;
import dev.dvalabs.probe.Deployment;
import dev.dvalabs.probe.DeploymentGroup;
import dev.dvalabs.probe.GlobalName;
import dev.dvalabs.probe.Http;
import dev.dvalabs.probe.Pipeline;
import dev.dvalabs.probe.Role;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One observation of codedeploy-appspec-pipeline: the source bucket and its newest bundle (S3), the instances
 * (EC2, IAM), the application, group and latest deployment (CodeDeploy), the pipeline and its latest run
 * (CodePipeline), and the page on the deployment's instance (HTTP).
 */
final class CodedeployAppspecPipelineProbe {

    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_PAGE_BYTES = 64 * 1024;

    private final Session session;
    private final int pagePort;

    CodedeployAppspecPipelineProbe(Session session, int pagePort) {
        this.session = session;
        this.pagePort = pagePort;
    }

    Observed observe() {
        String where = session.target().describe();
        Names names = names();
        S3Client s3 = session.client(S3Client.class);
        CodeDeployClient codeDeploy = session.client(CodeDeployClient.class);
        CodePipelineClient codePipeline = session.client(CodePipelineClient.class);
        String bucket = "bucket " + names.bucket();
        Fact<String> versioning = Fact.about(bucket, () ->
                Optional.ofNullable(s3.getBucketVersioning(r -> r.bucket(names.bucket())).statusAsString()).orElse(""));
        Fact<CodedeployAppspecPipelineVerifier.Revision> revision = Fact.about(bucket,
                () -> new Revisions(session).latest(s3, names.bucket()));

        Fact<CodeDeployApplication> application = CodeDeployApplication.named(codeDeploy, where, names.application());
        // Where CodeDeploy is missing, the application says so once for every CodeDeploy fact.
        Fact<DeploymentGroup> group = application.unavailable() ? application.<DeploymentGroup>map(a -> null)
                : DeploymentGroup.named(codeDeploy, where, names.application(), names.deploymentGroup());
        Fact<ServiceRole> serviceRole = group.then(g -> serviceRole(g.serviceRoleArn()));
        Fact<Optional<Deployment>> deployment = group.then(g -> Deployment.latest(codeDeploy, where, names.application(),
                names.deploymentGroup()));

        // Both asked even when one is refused: moto's GetPipeline answer is unreadable, its executions are not.
        Fact<Pipeline> pipeline = Pipeline.named(codePipeline, where, names.pipeline());
        Fact<Optional<Pipeline.Run>> run = Pipeline.latestRun(codePipeline, where, names.pipeline());

        // The agent downloads the bundle from the pipeline's artifact bucket, or from the source bucket
        // when a deployment names the revision there itself (aws deploy create-deployment, or no pipeline).
        String bundleBucket = pipeline.map(Pipeline::artifactBucket).orElse(null);
        String from = bundleBucket == null ? names.bucket() : bundleBucket;
        Fact<List<WebServer>> instances = Fact.about("instances tagged Name=" + names.instance(), () -> webServers(names.instance(), from));
        boolean neverRan = run.map(Optional::isEmpty).orElse(false);
        Fact<Page> page = deployment.then(d -> pageOf(d, neverRan));
        return new Observed(names, versioning, revision, instances, application, group, serviceRole, pipeline, run, deployment, page);
    }

    /** The names in force, the bucket's {account} and {region} filled in as the stack fills them. */
    private Names names() {
        String bucket = GlobalName.of(session, "bucket");
        return new Names(bucket, session.name("application"),
                session.name("deploymentGroup"), session.name("pipeline"), session.name("instance"));
    }

    private Fact<ServiceRole> serviceRole(String roleArn) {
        if (roleArn == null) {
            return Fact.of(new ServiceRole(null, Decision.IMPLICIT_DENY));
        }
        return Role.ofArn(session.client(IamClient.class), roleArn)
                .map(role -> new ServiceRole(roleArn, role.assumableBy(CodedeployAppspecPipelineVerifier.CODEDEPLOY)));
    }

    /** The instances with the Name tag that are not terminated, each with its image, profile and open ports looked up. */
    private List<WebServer> webServers(String nameTag, String bundleBucket) {
        Ec2Client ec2 = session.client(Ec2Client.class);
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
                    .flatMap(g -> g.ipPermissions().stream()).anyMatch(CodedeployAppspecPipelineProbe::opensPort80ToAnyone);
            String profile = instance.iamInstanceProfile() == null ? null : instance.iamInstanceProfile().arn();
            servers.add(new WebServer(instance.instanceId(), instance.state().nameAsString(), instance.instanceTypeAsString(),
                    image, profile, profile == null ? "no role" : bundleRead(profile, bundleBucket), port80));
        }
        return servers;
    }

    /** Whether the instance profile's role may read objects of the bucket the bundle comes from, by its policies. */
    private String bundleRead(String profileArn, String bucket) {
        Fact<Optional<Role>> role = Role.ofInstanceProfile(session.client(IamClient.class), profileArn);
        return role.map(found -> found.map(r -> r.allows("s3:GetObject", "arn:aws:s3:::" + bucket + "/"
                + CodedeployAppspecPipelineStack.BUNDLE_KEY).name()).orElse("no role in the instance profile")).orElse(role.refusal());
    }

    private static boolean opensPort80ToAnyone(IpPermission permission) {
        boolean tcp80 = "-1".equals(permission.ipProtocol()) || ("tcp".equals(permission.ipProtocol())
                && permission.fromPort() != null && permission.toPort() != null
                && permission.fromPort() <= 80 && permission.toPort() >= 80);
        return tcp80 && permission.ipRanges().stream().anyMatch(range -> "0.0.0.0/0".equals(range.cidrIp()));
    }

    /** GETs the page on the first instance the latest deployment went to, at its public name, with a bounded wait. */
    private Fact<Page> pageOf(Optional<Deployment> deployment, boolean neverRan) {
        if (deployment.isEmpty() || deployment.get().instances().isEmpty()) {
            return Fact.of(new Page("(no instance)", 0, "", "no deployment reached an instance, so there is no page to ask for"
                    + (neverRan ? " (" + CodedeployAppspecPipelineVerifier.NEVER_RAN + ")" : "")));
        }
        String instanceId = deployment.get().instances().get(0);
        return Fact.about("instance " + instanceId, () -> session.client(Ec2Client.class).describeInstances(r -> r.instanceIds(instanceId))
                        .reservations().stream().flatMap(reservation -> reservation.instances().stream()).findFirst()
                        .map(CodedeployAppspecPipelineProbe::publicName))
                .map(host -> host.isEmpty() ? new Page(instanceId, 0, "", "the instance has no public DNS name or IP address")
                        : get("http://" + host.get() + (pagePort == 80 ? "" : ":" + pagePort) + "/"));
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
