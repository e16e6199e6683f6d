package dev.dvalabs.exercises.kmskeyrotation;

import dev.dvalabs.verify.Fact;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyState;

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
    void add(KmsClient kms, String keyArn) {
        synchronized (this) {
            if (!closed) {
                pending.add(keyArn);
                return;
            }
        }
        schedule(kms, List.of(keyArn));
    }

    /** Schedules every key not scheduled yet; with {@code last}, keys made from now on are scheduled by their maker. */
    void scheduleAll(KmsClient kms, boolean last) {
        List<String> keys;
        synchronized (this) {
            closed |= last;
            keys = new ArrayList<>(pending);
            pending.clear();
        }
        schedule(kms, keys);
    }

    /** Tries every key, so one refusal does not leave the others enabled; then says which refused. */
    private static void schedule(KmsClient kms, List<String> keys) {
        List<String> refused = new ArrayList<>();
        for (String arn : keys) {
            try {
                // The deletion-window check may have scheduled it already; scheduling again is refused.
                if (kms.describeKey(r -> r.keyId(arn)).keyMetadata().keyState() != KeyState.PENDING_DELETION) {
                    kms.scheduleKeyDeletion(r -> r.keyId(arn).pendingWindowInDays(DELETION_WINDOW_DAYS));
                }
            } catch (AwsServiceException e) {
                refused.add(arn + " (" + Fact.refusalOf(e) + ")");
            }
        }
        if (!refused.isEmpty()) {
            throw new IllegalStateException("could not schedule the verifier's temporary keys for deletion: " + refused);
        }
    }
}
