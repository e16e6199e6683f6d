package dev.dvalabs.exercises.codedeployappspecpipeline;

import dev.dvalabs.cdk.Variant;
import dev.dvalabs.lab.AfterDeploy;
import dev.dvalabs.lab.BundleZip;
import dev.dvalabs.probe.CodeDeployRevision;
import dev.dvalabs.targets.Target;
import java.io.PrintWriter;
import java.util.Map;

/**
 * codedeploy-appspec-pipeline: the notes' {@code aws deploy push} step. Zips the variant's bundle from
 * the exercise's folder ({@code starter-bundle/} for the starter, {@code solution/bundle/} for the solution), leaving out
 * hidden files, and uploads it to the stack's source bucket, where the pipeline's source picks it up.
 */
final class CodedeployAppspecPipelineAfterDeploy implements AfterDeploy {

    private final String exerciseId;

    CodedeployAppspecPipelineAfterDeploy(String exerciseId) {
        this.exerciseId = exerciseId;
    }

    @Override
    public void run(Target target, Variant variant, String stackName, Map<String, String> outputs, PrintWriter out) {
        String bucket = outputs.get(CodedeployAppspecPipelineStack.SOURCE_BUCKET_OUTPUT);
        if (bucket == null) {
            throw new IllegalStateException(stackName + " has no output "
                    + CodedeployAppspecPipelineStack.SOURCE_BUCKET_OUTPUT + " naming the source bucket.");
        }
        String folder = BundleZip.folder(variant, "bundle");
        CodeDeployRevision.push(target, bucket, CodedeployAppspecPipelineStack.BUNDLE_KEY, zip(exerciseId, folder));
        out.println("Uploaded " + folder + "/ as s3://" + bucket + "/" + CodedeployAppspecPipelineStack.BUNDLE_KEY
                + " (what aws deploy push does); the pipeline picks it up within a minute or two.");
    }

    /** The catalog folder zipped with its files at the zip's root, appspec.yml beside the folders it names. */
    static byte[] zip(String exerciseId, String folder) {
        // The agent makes hook scripts executable itself, so no Unix modes need to travel in the zip;
        // hidden files stay out, as aws deploy push --ignore-hidden-files leaves them.
        return BundleZip.of(exerciseId, folder, BundleZip::visible);
    }
}
