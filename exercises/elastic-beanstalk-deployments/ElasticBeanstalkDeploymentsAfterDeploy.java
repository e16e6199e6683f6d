package dev.dvalabs.exercises.elasticbeanstalkdeployments;

import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.cdk.Variant;
import dev.dvalabs.lab.AfterDeploy;
import dev.dvalabs.lab.BundleZip;
import dev.dvalabs.probe.BeanstalkEnvironment;
import dev.dvalabs.targets.Target;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * elastic-beanstalk-deployments: what {@code eb deploy} does. Zips the variant's bundle ({@code starter-bundle/},
 * or {@code solution/bundle/} with its {@code .ebextensions/}), uploads it to the stack's bucket, makes it an
 * application version and deploys it to the environment, which applies the environment's deployment policy.
 */
final class ElasticBeanstalkDeploymentsAfterDeploy implements AfterDeploy {

    static final String KEY_PREFIX = "app-";

    private final String exerciseId;

    ElasticBeanstalkDeploymentsAfterDeploy(String exerciseId) {
        this.exerciseId = exerciseId;
    }

    private Map<String, String> tags(Variant variant) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("dva-labs:exercise", exerciseId);
        tags.put("dva-labs:variant", variant.label());
        return tags;
    }

    @Override
    public void run(Target target, Variant variant, String stackName, Map<String, String> outputs, PrintWriter out) {
        String bucket = outputs.get(ElasticBeanstalkDeploymentsStack.BUNDLE_BUCKET_OUTPUT);
        if (bucket == null) {
            throw new IllegalStateException(stackName + " has no output "
                    + ElasticBeanstalkDeploymentsStack.BUNDLE_BUCKET_OUTPUT + " naming the bundle bucket.");
        }
        String folder = BundleZip.folder(variant, "bundle");
        // Elastic Beanstalk reads .ebextensions/ from the zip's top: hidden folders travel, unlike CodeDeploy's.
        byte[] zip = BundleZip.of(exerciseId, folder, path -> true);
        Map<String, Object> names = ExerciseStack.declaredNames(exerciseId);
        BeanstalkEnvironment.Upload upload = BeanstalkEnvironment.deploy(target, names.get("application").toString(),
                names.get("environment").toString(), bucket, KEY_PREFIX, zip, variant.label(),
                tags(variant));
        out.println(upload.notDeployed() != null
                ? "Uploaded " + folder + "/ as s3://" + bucket + "/" + upload.key() + "; not deployed: " + upload.notDeployed()
                : "Uploaded " + folder + "/ as s3://" + bucket + "/" + upload.key() + " and deployed it as version " + upload.label()
                        + " (what eb deploy does); the environment takes a few minutes to be Ready again.");
    }
}
