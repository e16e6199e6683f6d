package dev.dvalabs.exercises.codedeployappspecpipeline;

import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.cdk.Variant;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.codedeploy.ServerApplication;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.constructs.Construct;

/**
 * codedeploy-appspec-pipeline, the starter: the source bucket, unversioned, and the CodeDeploy application only.
 * This is the file to edit for the tasks in instructions.md; {@code ./labs solution codedeploy-appspec-pipeline}
 * shows the answer when you want it.
 *
 * <p>Nothing here needs an asset or a Lambda-backed custom resource, so it deploys without a CDK
 * bootstrap. Buckets are emptied by {@code labs destroy}, not by a custom resource.
 */
class CodedeployAppspecPipelineStack extends ExerciseStack {

    /** The object {@code labs deploy} uploads and the pipeline's source watches, as in the notes' {@code aws deploy push}. */
    public static final String BUNDLE_KEY = "webapp.zip";
    /** The tag the deployment group finds its instances by: EC2 by tag, as the notes list the choices. */
    public static final String INSTANCE_TAG_KEY = "Name";
    public static final String SOURCE_BUCKET_OUTPUT = "SourceBucket";

    CodedeployAppspecPipelineStack(Construct scope, String exerciseId) {
        super(scope, exerciseId, Variant.STARTER,
                "Source bucket, CodeDeploy application and pipeline for the CodeDeploy AppSpec pipeline exercise");

        // Bucket names are global: the account and region keep one learner's name from another's.
        Bucket source = Bucket.Builder.create(this, "Source")
                .bucketName(globalName("bucket"))
                .versioned(false)
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        ServerApplication application = ServerApplication.Builder.create(this, "Application")
                .applicationName(name("application"))
                .build();
        CfnOutput.Builder.create(this, SOURCE_BUCKET_OUTPUT).value(source.getBucketName())
                .description("Upload the bundle zip here as " + BUNDLE_KEY).build();
    }
}
