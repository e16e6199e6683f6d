package dev.dvalabs.probe;

import dev.dvalabs.targets.Target;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** A CodeDeploy revision as {@code aws deploy push} makes one: a bundle zipped and uploaded where a deployment takes it from. */
public final class CodeDeployRevision {

    private CodeDeployRevision() {}

    /** Uploads the zipped bundle as {@code key} in {@code bucket}, after the target approved the write. */
    public static void push(Target target, String bucket, String key, byte[] zip) {
        target.approveWrites("upload " + key + " to s3://" + bucket);
        try (S3Client s3 = target.client(S3Client.builder().forcePathStyle(target.endpoint().isPresent()))) {
            s3.putObject(r -> r.bucket(bucket).key(key).contentType("application/zip"), RequestBody.fromBytes(zip));
        }
    }
}
