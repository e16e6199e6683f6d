package dev.dvalabs.exercises.elasticbeanstalkdeployments;

import dev.dvalabs.cdk.Variant;
import dev.dvalabs.lab.AfterDeploy;
import dev.dvalabs.lab.BundleZip;
import dev.dvalabs.targets.Target;
import dev.dvalabs.verify.Fact;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.elasticbeanstalk.ElasticBeanstalkClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * elastic-beanstalk-deployments: what {@code eb deploy} does. Zips the variant's bundle ({@code bundle/} with
 * its {@code .ebextensions/}, or {@code starter-bundle/}), uploads it to the stack's bucket, makes it an
 * application version and deploys it to the environment, which applies the environment's deployment policy.
 */
final class ElasticBeanstalkDeploymentsAfterDeploy implements AfterDeploy {

    static final String KEY_PREFIX = "app-";

    private final String exerciseId;

    ElasticBeanstalkDeploymentsAfterDeploy(String exerciseId) {
        this.exerciseId = exerciseId;
    }

    @Override
    public void run(Target target, Variant variant, String stackName, Map<String, String> outputs, PrintWriter out) {
        String bucket = outputs.get(ElasticBeanstalkDeploymentsStack.BUNDLE_BUCKET_OUTPUT);
        if (bucket == null) {
            throw new IllegalStateException(stackName + " has no output "
                    + ElasticBeanstalkDeploymentsStack.BUNDLE_BUCKET_OUTPUT + " naming the bundle bucket.");
        }
        String folder = variant == Variant.SOLUTION ? "bundle" : "starter-bundle";
        // Elastic Beanstalk reads .ebextensions/ from the zip's top: hidden folders travel, unlike CodeDeploy's.
        byte[] zip = BundleZip.of(exerciseId, folder, path -> true);
        String label = "dva-labs-" + variant.label() + "-" + Instant.now().getEpochSecond();
        String key = KEY_PREFIX + label + ".zip";
        target.approveWrites("upload " + key + " to s3://" + bucket + " and deploy it to "
                + ElasticBeanstalkDeploymentsStack.ENVIRONMENT);
        try (S3Client s3 = target.client(S3Client.builder().forcePathStyle(target.endpoint().isPresent()))) {
            s3.putObject(r -> r.bucket(bucket).key(key).contentType("application/zip"), RequestBody.fromBytes(zip));
        }
        try (ElasticBeanstalkClient eb = target.client(ElasticBeanstalkClient.builder())) {
            Fact<String> deployed = Fact.observe("Elastic Beanstalk", target.describe(), () -> {
                eb.createApplicationVersion(r -> r.applicationName(ElasticBeanstalkDeploymentsStack.APPLICATION)
                        .versionLabel(label).sourceBundle(s -> s.s3Bucket(bucket).s3Key(key))
                        .tags(t -> t.key("dva-labs:exercise").value(exerciseId), t -> t.key("dva-labs:variant").value(variant.label())));
                eb.updateEnvironment(r -> r.environmentName(ElasticBeanstalkDeploymentsStack.ENVIRONMENT).versionLabel(label));
                return label;
            });
            out.println(deployed.refused()
                    ? "Uploaded " + folder + "/ as s3://" + bucket + "/" + key + "; not deployed: " + deployed.refusal()
                    : "Uploaded " + folder + "/ as s3://" + bucket + "/" + key + " and deployed it as version " + label
                            + " (what eb deploy does); the environment takes a few minutes to be Ready again.");
        }
    }
}
