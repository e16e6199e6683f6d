package dev.dvalabs.destroy;

import dev.dvalabs.targets.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * S3 buckets, by {@code arn:aws:s3:::name}. CloudFormation cannot delete a bucket that still holds
 * objects, and the toolkit's stacks have no custom resource to empty them (that would need assets), so
 * the stack delete leaves them and this empties every version and delete marker, then deletes the bucket.
 */
public final class S3Sweeper implements Sweeper {

    @Override
    public String service() {
        return "s3";
    }

    @Override
    public Optional<Map<String, String>> tags(Target target, String arn) {
        String bucket = bucket(arn);
        try (S3Client s3 = client(target)) {
            return Optional.of(s3.getBucketTagging(r -> r.bucket(bucket)).tagSet().stream()
                    .collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b)));
        } catch (NoSuchBucketException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if ("NoSuchTagSet".equals(e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode())) {
                return Optional.of(Map.of());
            }
            throw e;
        }
    }

    @Override
    public Swept delete(Target target, String arn) {
        String bucket = bucket(arn);
        try (S3Client s3 = client(target)) {
            int removed = empty(s3, bucket);
            s3.deleteBucket(r -> r.bucket(bucket));
            return removed == 0 ? Swept.deleted() : Swept.deleted("emptied first (" + removed + " object versions)");
        } catch (NoSuchBucketException e) {
            return Swept.alreadyGone();
        }
    }

    private static String bucket(String arn) {
        return arn.substring(arn.lastIndexOf(':') + 1);
    }

    private static S3Client client(Target target) {
        return target.client(S3Client.builder().forcePathStyle(target.endpoint().isPresent()));
    }

    private static int empty(S3Client s3, String bucket) {
        int removed = 0;
        List<ObjectIdentifier> batch = new ArrayList<>();
        for (var page : s3.listObjectVersionsPaginator(r -> r.bucket(bucket))) {
            page.versions().forEach(v -> batch.add(ObjectIdentifier.builder().key(v.key()).versionId(v.versionId()).build()));
            page.deleteMarkers().forEach(m -> batch.add(ObjectIdentifier.builder().key(m.key()).versionId(m.versionId()).build()));
            removed += deleteAll(s3, bucket, batch);
        }
        return removed;
    }

    private static int deleteAll(S3Client s3, String bucket, List<ObjectIdentifier> batch) {
        int count = batch.size();
        // DeleteObjects takes at most 1000 keys a call, and a page of versions holds at most 1000 entries of each kind.
        for (int from = 0; from < batch.size(); from += 1000) {
            List<ObjectIdentifier> part = List.copyOf(batch.subList(from, Math.min(batch.size(), from + 1000)));
            s3.deleteObjects(r -> r.bucket(bucket).delete(d -> d.objects(part).quiet(true)));
        }
        batch.clear();
        return count;
    }
}
