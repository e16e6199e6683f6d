package dev.dvalabs.exercises.elasticbeanstalkdeployments;

import static dev.dvalabs.verify.Matcher.eq;
import static dev.dvalabs.verify.Matcher.oneOf;
import static dev.dvalabs.verify.Matcher.satisfies;

import dev.dvalabs.ebextensions.BundleLinter;
import dev.dvalabs.probe.BeanstalkEnvironment;
import dev.dvalabs.probe.Http;
import dev.dvalabs.verify.Check;
import dev.dvalabs.verify.Session;
import dev.dvalabs.verify.CheckResult;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Verifier;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * elastic-beanstalk-deployments: the newest bundle in the bucket carries a valid {@code .ebextensions/} at
 * its top (S3 only, so it runs on any target); the environment is Ready and Green, single-instance on a
 * free-tier type, deploys Immutable, has the property the config set and serves a page showing it; and a
 * second version the verifier deploys goes through a temporary Auto Scaling group. The Elastic Beanstalk
 * checks are SKIP on a target without the service.
 */
public final class ElasticBeanstalkDeploymentsVerifier implements Verifier<ElasticBeanstalkDeploymentsVerifier.Observed> {

    public static final String PROPERTY = "GREETING";
    public static final String PROPERTY_VALUE = "Hello from .ebextensions";
    public static final String WRITTEN_TEXT = "written by .ebextensions";
    static final List<String> FREE_TIER_TYPES = List.of("t2.micro", "t3.micro");
    static final String POLICY_NAMESPACE = "aws:elasticbeanstalk:command";
    static final String PROPERTY_NAMESPACE = "aws:elasticbeanstalk:application:environment";
    private final Duration deadline;
    private final Duration interval;
    private final String label;

    public ElasticBeanstalkDeploymentsVerifier() {
        this(Redeploy.DEADLINE, Redeploy.INTERVAL, null);
    }

    /** A verifier with its own waits and version label (null: the run's mark), for a stand-in Elastic Beanstalk in tests. */
    ElasticBeanstalkDeploymentsVerifier(Duration deadline, Duration interval, String label) {
        this.deadline = deadline;
        this.interval = interval;
        this.label = label;
    }

    public record Observed(Names names, Fact<Bundle> bundle, Fact<BeanstalkEnvironment> environment,
                           Fact<Settings> settings, Fact<Page> page, Fact<Redeploy.Result> redeploy) {}

    public record Names(String bucket, String application, String environment) {}

    /** The newest zip in the bucket and what the .ebextensions linter says of it; key null when there is none. */
    public record Bundle(String key, List<BundleLinter.Located> findings) {
        boolean valid() {
            return key != null && !BundleLinter.hasErrors(findings);
        }

        @Override
        public String toString() {
            if (key == null) {
                return "no bundle uploaded (no .zip in the bucket)";
            }
            List<String> errors = findings.stream().filter(l -> l.finding().isError()).map(l -> l.format(key)).toList();
            return errors.isEmpty() ? key + ": .ebextensions has no errors" : String.join("; ", errors);
        }
    }

    /** The environment's configuration, "namespace name" to value, as DescribeConfigurationSettings answers. */
    public record Settings(Map<String, String> values) {
        String get(String namespace, String name) {
            return values.getOrDefault(namespace + " " + name, "not set");
        }

        String instanceType() {
            String types = values.get("aws:ec2:instances InstanceTypes");
            return types != null && !types.isBlank() ? types.split(",")[0].strip()
                    : get("aws:autoscaling:launchconfiguration", "InstanceType");
        }
    }

    @Override
    public List<Check<Observed>> checks() {
        return List.of(
                new Check<Observed>("ebextensions-valid", "The bundle has a valid .ebextensions/ at its top level",
                        "Configuration files in .ebextensions/ at the root of the source bundle",
                        "Put .ebextensions/ at the top of the zip (zip the folder's contents, not the folder) with a .config"
                                + " file in it; labs ebextensions lint <bundle> names each mistake with its line.",
                        o -> o.bundle().its("newest bundle").should(satisfies(
                                "a .zip with .ebextensions/*.config at its top and no linter errors", Bundle::valid))).forTask(1),
                new Check<Observed>("environment-ready", "The environment is Ready and Green",
                        "Elastic Beanstalk environment health: Green means every check passes",
                        "Wait for the deployment to end (aws elasticbeanstalk describe-environments --environment-names {environment}); when the health is not"
                                + " Green, describe-events and the environment's logs say why.",
                        o -> CheckResult.all(
                                o.environment().its("status", BeanstalkEnvironment::status).should(eq("Ready")),
                                o.environment().its("health", BeanstalkEnvironment::health).should(eq("Green"))))
                        .forTask(2),
                new Check<Observed>("single-instance", "One instance, of a free-tier type, and no load balancer",
                        "Single instance: great for dev; High availability with load balancer: great for prod",
                        "Set aws:elasticbeanstalk:environment EnvironmentType to SingleInstance and the instance type"
                                + " (aws:ec2:instances InstanceTypes) to t3.micro or t2.micro: aws elasticbeanstalk update-environment"
                                + " --environment-name {environment} --option-settings Namespace=aws:elasticbeanstalk:environment,"
                                + "OptionName=EnvironmentType,Value=SingleInstance Namespace=aws:ec2:instances,OptionName=InstanceTypes,"
                                + "Value=t3.micro; in CDK, CfnEnvironmentProps.optionSettings(CfnEnvironment.OptionSettingProperty ...).",
                        o -> CheckResult.all(
                                o.settings().its("EnvironmentType", s -> s.get("aws:elasticbeanstalk:environment", "EnvironmentType"))
                                        .should(eq("SingleInstance")),
                                o.settings().its("instance type", Settings::instanceType)
                                        .should(oneOf(FREE_TIER_TYPES.toArray(String[]::new))))).forTask(2),
                new Check<Observed>("deployment-policy", "The environment deploys Immutable",
                        "Immutable: new instances in a new ASG, then swap; great for prod",
                        "Set the option " + POLICY_NAMESPACE + " DeploymentPolicy to Immutable on the environment: aws"
                                + " elasticbeanstalk update-environment --environment-name {environment} --option-settings Namespace="
                                + POLICY_NAMESPACE + ",OptionName=DeploymentPolicy,Value=Immutable; in CDK, a"
                                + " CfnEnvironment.OptionSettingProperty in CfnEnvironmentProps.optionSettings.",
                        o -> o.settings().its("DeploymentPolicy", s -> s.get(POLICY_NAMESPACE, "DeploymentPolicy"))
                                .should(eq("Immutable"))).forTask(3),
                new Check<Observed>("immutable-deploy", "A new version goes out through a temporary Auto Scaling group and stays",
                        "Immutable: zero downtime, new code is deployed to new instances on a temporary ASG; quick rollback",
                        "Deploy Immutable (task 3) a bundle whose instance passes its health checks; describe-events shows"
                                + " what the deployment did.",
                        o -> o.redeploy().its("the verifier's deployment").should(satisfies(
                                "through a temporary Auto Scaling group, the new version Ready and Green",
                                Redeploy.Result::immutableAndKept))).forTask(3),
                new Check<Observed>("environment-property", "The environment property set by .ebextensions is in the configuration",
                        "option_settings in .ebextensions: environment properties",
                        "In .ebextensions/<name>.config set option_settings " + PROPERTY_NAMESPACE + " " + PROPERTY + ": \""
                                + PROPERTY_VALUE + "\" and deploy the bundle.",
                        o -> o.settings().its(PROPERTY, s -> s.get(PROPERTY_NAMESPACE, PROPERTY)).should(eq(PROPERTY_VALUE)))
                        .forTask(4),
                new Check<Observed>("page-served", "The page answers at the environment's URL with the property and the file",
                        "Elastic Beanstalk runs the code; .ebextensions configures the instances (files:)",
                        "Deploy the bundle whose .ebextensions sets " + PROPERTY + " and writes /etc/dva-labs/ebextensions.txt;"
                                + " the page shows both.",
                        o -> o.page().its("GET").should(satisfies(
                                "HTTP 200 showing '" + PROPERTY_VALUE + "' and '" + WRITTEN_TEXT + "'", Page::served))).forTask(4));
    }

    /** What the environment's URL answered. */
    public record Page(Http.Answer answer) {
        boolean served() {
            return answer.ok() && answer.body().contains(PROPERTY_VALUE) && answer.body().contains(WRITTEN_TEXT);
        }

        @Override
        public String toString() {
            if (answer.error() != null) {
                return answer.url() + ": " + answer.error();
            }
            return answer.url() + ": HTTP " + answer.status()
                    + (answer.body().contains(PROPERTY_VALUE) ? ", shows the property" : ", without '" + PROPERTY_VALUE + "'")
                    + (answer.body().contains(WRITTEN_TEXT) ? ", shows the file" : ", without '" + WRITTEN_TEXT + "'");
        }
    }

    @Override
    public Observed observe(Session session) {
        return new ElasticBeanstalkDeploymentsProbe(session, session.poll(deadline, interval),
                label == null ? session.marker().value() : label).observe();
    }
}
