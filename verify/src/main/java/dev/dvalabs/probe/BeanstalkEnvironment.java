package dev.dvalabs.probe;

import dev.dvalabs.targets.Target;
import dev.dvalabs.verify.Fact;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.elasticbeanstalk.ElasticBeanstalkClient;
import software.amazon.awssdk.services.elasticbeanstalk.model.ConfigurationOptionSetting;
import software.amazon.awssdk.services.elasticbeanstalk.model.EnvironmentDescription;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An Elastic Beanstalk environment, read once: its status (Ready, Updating...), health (Green, Red...), URL
 * (CNAME, null until it has one) and the version label it runs (null for the sample application); its option
 * settings are read on demand ({@link #settings}).
 */
public record BeanstalkEnvironment(String application, String name, String status, String health, String cname,
                                   String versionLabel) {

    /** The environment, not deleted; unavailable where Elastic Beanstalk is missing, refused when there is none. */
    public static Fact<BeanstalkEnvironment> named(ElasticBeanstalkClient eb, String where, String application, String name) {
        return Fact.observe("Elastic Beanstalk", where, () -> eb.describeEnvironments(r -> r.applicationName(application)
                        .environmentNames(name).includeDeleted(false)).environments().stream().filter(e -> is(e, application, name))
                        .findFirst().map(BeanstalkEnvironment::of))
                .then(found -> found.map(Fact::of)
                        .orElse(Fact.missing("environment " + name + " of " + application + ": no such environment")));
    }

    /** The environment as it is now; for a wait that watches it change. */
    public static BeanstalkEnvironment describe(ElasticBeanstalkClient eb, String application, String name) {
        return eb.describeEnvironments(r -> r.environmentNames(name).applicationName(application)).environments().stream()
                .filter(e -> is(e, application, name)).findFirst().map(BeanstalkEnvironment::of)
                .orElseThrow(() -> new IllegalStateException(name + " disappeared while it was watched"));
    }

    /**
     * Whether an answer's environment is the one asked for: moto 5.2.5's DescribeEnvironments ignores the filters and
     * answers every environment, so a learner's misnamed one would otherwise be taken for it.
     */
    private static boolean is(EnvironmentDescription env, String application, String name) {
        return name.equals(env.environmentName()) && application.equals(env.applicationName());
    }

    static BeanstalkEnvironment of(EnvironmentDescription env) {
        return new BeanstalkEnvironment(env.applicationName(), env.environmentName(), env.statusAsString(), env.healthAsString(),
                env.cname() == null || env.cname().isEmpty() ? null : env.cname(),
                env.versionLabel() == null || env.versionLabel().isEmpty() ? null : env.versionLabel());
    }

    /** The environment's configuration, "namespace name" to value, as DescribeConfigurationSettings answers. */
    public Map<String, String> settings(ElasticBeanstalkClient eb) {
        Map<String, String> values = new TreeMap<>();
        eb.describeConfigurationSettings(r -> r.applicationName(application).environmentName(name))
                .configurationSettings().stream().findFirst().ifPresent(c -> {
                    for (ConfigurationOptionSetting option : c.optionSettings()) {
                        values.put(option.namespace() + " " + option.optionName(), option.value() == null ? "" : option.value());
                    }
                });
        return values;
    }

    /** What {@link #deploy} did: the key uploaded, the version label, and why it was not deployed (null when it was). */
    public record Upload(String key, String label, String notDeployed) {}

    /**
     * What {@code eb deploy} does: uploads the zipped bundle to the bucket as {@code <prefix><label>.zip}, makes it an
     * application version labelled {@code dva-labs-<variant>-<epoch seconds>} and tagged, and deploys it to the
     * environment, which applies its deployment policy. Where Elastic Beanstalk is missing only the upload happens.
     */
    public static Upload deploy(Target target, String application, String environment, String bucket, String prefix,
                                byte[] zip, String variant, Map<String, String> tags) {
        String label = "dva-labs-" + variant + "-" + Instant.now().getEpochSecond();
        String key = prefix + label + ".zip";
        target.approveWrites("upload " + key + " to s3://" + bucket + " and deploy it to " + environment);
        try (S3Client s3 = target.client(S3Client.builder().forcePathStyle(target.endpoint().isPresent()))) {
            s3.putObject(r -> r.bucket(bucket).key(key).contentType("application/zip"), RequestBody.fromBytes(zip));
        }
        try (ElasticBeanstalkClient eb = target.client(ElasticBeanstalkClient.builder())) {
            Fact<String> deployed = Fact.observe("Elastic Beanstalk", target.describe(), () -> {
                eb.createApplicationVersion(r -> r.applicationName(application).versionLabel(label)
                        .sourceBundle(s -> s.s3Bucket(bucket).s3Key(key))
                        .tags(tags.entrySet().stream().map(t -> software.amazon.awssdk.services.elasticbeanstalk.model.Tag.builder()
                                .key(t.getKey()).value(t.getValue()).build()).toList()));
                eb.updateEnvironment(r -> r.environmentName(environment).versionLabel(label));
                return label;
            });
            return new Upload(key, label, deployed.refusal());
        }
    }

    @Override
    public String toString() {
        return name + " " + status + "/" + health + (versionLabel == null ? "" : " running " + versionLabel);
    }
}
