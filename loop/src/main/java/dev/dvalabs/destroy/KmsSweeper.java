package dev.dvalabs.destroy;

import dev.dvalabs.targets.Target;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/**
 * KMS keys, by {@code arn:aws:kms:region:account:key/id}. KMS never deletes a key at once: the sweeper
 * removes the key's aliases, disables it and schedules its deletion with the shortest waiting period.
 * A key already pending deletion is torn down as far as anyone can take it.
 */
public final class KmsSweeper implements Sweeper {

    /** The shortest waiting period KMS allows. */
    public static final int PENDING_WINDOW_DAYS = 7;

    @Override
    public String service() {
        return "kms";
    }

    /** A key's ARN holds an id KMS makes up, which no other key ever gets. */
    @Override
    public boolean arnComesFromAName() {
        return false;
    }

    @Override
    public Optional<Map<String, String>> tags(Target target, String arn) {
        try (KmsClient kms = target.client(KmsClient.builder())) {
            String keyId = keyId(arn);
            kms.describeKey(r -> r.keyId(keyId));
            Map<String, String> tags = new LinkedHashMap<>();
            kms.listResourceTagsPaginator(r -> r.keyId(keyId)).tags().forEach(t -> tags.put(t.tagKey(), t.tagValue()));
            return Optional.of(tags);
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public Swept delete(Target target, String arn) {
        String keyId = keyId(arn);
        try (KmsClient kms = target.client(KmsClient.builder())) {
            KeyMetadata key = kms.describeKey(r -> r.keyId(keyId)).keyMetadata();
            // An alias outlives the scheduling and would point at a key nobody can use for 7 days.
            kms.listAliasesPaginator(r -> r.keyId(keyId)).aliases()
                    .forEach(alias -> kms.deleteAlias(r -> r.aliasName(alias.aliasName())));
            if (key.keyState() == KeyState.PENDING_DELETION) {
                return Swept.deleted(pending(key.deletionDate()));
            }
            if (key.keyState() == KeyState.ENABLED) {
                kms.disableKey(r -> r.keyId(keyId));
            }
            Instant deletion = kms.scheduleKeyDeletion(r -> r.keyId(keyId).pendingWindowInDays(PENDING_WINDOW_DAYS))
                    .deletionDate();
            return Swept.deleted(pending(deletion));
        } catch (NotFoundException e) {
            return Swept.alreadyGone();
        }
    }

    private static String keyId(String arn) {
        return arn.substring(arn.indexOf(":key/") + ":key/".length());
    }

    static String pending(Instant deletion) {
        String date = deletion == null ? "in " + PENDING_WINDOW_DAYS + " days"
                : "on " + DateTimeFormatter.ISO_LOCAL_DATE.format(deletion.atOffset(ZoneOffset.UTC));
        return "pending deletion, KMS deletes it " + date + "; on real AWS a key pending deletion costs nothing"
                + " (cancelling the deletion would charge it as if it had never been scheduled)";
    }
}
