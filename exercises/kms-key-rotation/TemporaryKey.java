package dev.dvalabs.exercises.kmskeyrotation;

import dev.dvalabs.verify.Session;
import dev.dvalabs.verify.Write;
import java.util.List;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.ResourceTagMapping;

/**
 * A temporary key of the verifier's own, journaled twice: before CreateKey by the exact value of the tag it
 * is created with (KMS gives a key its id only as it creates it), and right after by its id. Undoing either
 * schedules that very key for deletion with the 7-day minimum, unless it is already pending deletion; the
 * tag value is unique to one key of one run, so finding a key by it is no sweep by a pattern.
 *
 * @param tag the value of the key's {@link KmsKeyRotationVerifier#TAG_VERIFY_RUN} tag, unique to this key
 * @param keyId the key's id once KMS made it, null in the record written before
 */
record TemporaryKey(String tag, String keyId) implements Write {

    static final int DELETION_WINDOW_DAYS = 7;

    @Override
    public void undo(Session session) {
        KmsClient kms = session.client(KmsClient.class);
        for (String id : keyId != null ? List.of(keyId) : tagged(session, kms)) {
            try {
                // The deletion-window check may have scheduled it already; scheduling again is refused.
                if (kms.describeKey(r -> r.keyId(id)).keyMetadata().keyState() != KeyState.PENDING_DELETION) {
                    kms.scheduleKeyDeletion(r -> r.keyId(id).pendingWindowInDays(DELETION_WINDOW_DAYS));
                }
            } catch (NotFoundException gone) {
                // never made, or gone already
            }
        }
    }

    /** The keys whose own tags, read from KMS and not only the tagging index, carry exactly this tag value. */
    private List<String> tagged(Session session, KmsClient kms) {
        return session.client(ResourceGroupsTaggingApiClient.class)
                .getResourcesPaginator(r -> r.tagFilters(f -> f.key(KmsKeyRotationVerifier.TAG_VERIFY_RUN).values(tag)))
                .resourceTagMappingList().stream().map(ResourceTagMapping::resourceARN)
                .filter(arn -> arn.contains(":kms:") && arn.contains(":key/"))
                .filter(arn -> kms.listResourceTags(r -> r.keyId(arn)).tags().stream()
                        .anyMatch(t -> t.tagKey().equals(KmsKeyRotationVerifier.TAG_VERIFY_RUN) && t.tagValue().equals(tag)))
                .toList();
    }

    @Override
    public String describe() {
        return "the verifier's temporary key " + (keyId != null ? keyId : "tagged " + KmsKeyRotationVerifier.TAG_VERIFY_RUN
                + "=" + tag) + ", scheduled for deletion";
    }
}
