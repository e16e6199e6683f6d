package dev.dvalabs.exercises.kmskeyrotation;

import dev.dvalabs.targets.Target;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.RunMarker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.Tag;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.ResourceTagMapping;

/**
 * The keys the verifier made for itself, until each is scheduled for deletion. Observing and the
 * cleanup of an interrupted verify may run on different threads at once: a key made after the cleanup
 * ran is scheduled by its maker, so none is left enabled, and each key is scheduled once.
 */
final class TemporaryKeys {

    static final int DELETION_WINDOW_DAYS = 7;

    private final Set<String> pending = new LinkedHashSet<>();
    private boolean closed;

    /** Remembers a key just made; when the cleanup already ran, schedules it at once. */
    void add(KmsClient kms, String keyId) {
        synchronized (this) {
            if (!closed) {
                pending.add(keyId);
                return;
            }
        }
        List<String> refused = schedule(kms, List.of(keyId));
        if (!refused.isEmpty()) {
            throw new IllegalStateException("could not schedule the verifier's temporary key for deletion: " + refused);
        }
    }

    /**
     * Schedules every key not scheduled yet. A key KMS refused to schedule stays for the next call; the
     * last call ({@code last}, the cleanup) says which, and from then on keys are scheduled by their maker.
     */
    void scheduleAll(KmsClient kms, boolean last) {
        List<String> keys;
        synchronized (this) {
            closed |= last;
            keys = new ArrayList<>(pending);
            pending.clear();
        }
        List<String> refused = schedule(kms, keys);
        synchronized (this) {
            refused.forEach(r -> pending.add(r.substring(0, r.indexOf(' '))));
        }
        if (last && !refused.isEmpty()) {
            throw new IllegalStateException("could not schedule the verifier's temporary keys for deletion: " + refused);
        }
    }

    /** Tries every key, so one refusal does not leave the others enabled; answers the refused ones, each with why. */
    private static List<String> schedule(KmsClient kms, List<String> keyIds) {
        List<String> refused = new ArrayList<>();
        for (String keyId : keyIds) {
            try {
                // The deletion-window check may have scheduled it already; scheduling again is refused.
                if (kms.describeKey(r -> r.keyId(keyId)).keyMetadata().keyState() != KeyState.PENDING_DELETION) {
                    kms.scheduleKeyDeletion(r -> r.keyId(keyId).pendingWindowInDays(DELETION_WINDOW_DAYS));
                }
            } catch (AwsServiceException e) {
                refused.add(keyId + " (" + Fact.refusalOf(e) + ")");
            }
        }
        return refused;
    }

    /**
     * Schedules for deletion the temporary keys that an earlier verify, killed before its own cleanup,
     * left enabled (they cost money on AWS). A key qualifies only when its own tags, read from KMS and
     * not the tagging index, carry the verify-run tag of a run that is over.
     *
     * @return how many keys were scheduled
     */
    static int removeLeftovers(Target target, KmsClient kms) {
        Instant now = Instant.now();
        List<String> candidates;
        try (ResourceGroupsTaggingApiClient tagging = target.client(ResourceGroupsTaggingApiClient.builder())) {
            candidates = tagging.getResourcesPaginator(r -> r.tagFilters(f -> f.key(KmsKeyRotationVerifier.TAG_VERIFY_RUN)))
                    .resourceTagMappingList().stream().map(ResourceTagMapping::resourceARN)
                    .filter(arn -> arn.contains(":kms:") && arn.contains(":key/")).toList();
        }
        List<String> leftovers = new ArrayList<>();
        for (String arn : candidates) {
            KeyMetadata key = kms.describeKey(r -> r.keyId(arn)).keyMetadata();
            boolean leftover = key.keyState() != KeyState.PENDING_DELETION && kms.listResourceTags(r -> r.keyId(key.keyId()))
                    .tags().stream().filter(t -> t.tagKey().equals(KmsKeyRotationVerifier.TAG_VERIFY_RUN))
                    .map(Tag::tagValue).anyMatch(run -> RunMarker.isLeftover(run, now));
            if (leftover) {
                leftovers.add(key.keyId());
            }
        }
        List<String> refused = schedule(kms, leftovers);
        return leftovers.size() - refused.size();
    }
}
