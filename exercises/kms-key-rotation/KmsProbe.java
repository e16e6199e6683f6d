package dev.dvalabs.exercises.kmskeyrotation;

import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.exercises.kmskeyrotation.KmsKeyRotationVerifier.DeletionWindows;
import dev.dvalabs.exercises.kmskeyrotation.KmsKeyRotationVerifier.DisabledKey;
import dev.dvalabs.exercises.kmskeyrotation.KmsKeyRotationVerifier.Envelope;
import dev.dvalabs.exercises.kmskeyrotation.KmsKeyRotationVerifier.KeyPolicy;
import dev.dvalabs.exercises.kmskeyrotation.KmsKeyRotationVerifier.Observed;
import dev.dvalabs.exercises.kmskeyrotation.KmsKeyRotationVerifier.ReEncryption;
import dev.dvalabs.exercises.kmskeyrotation.KmsKeyRotationVerifier.Role;
import dev.dvalabs.exercises.kmskeyrotation.KmsKeyRotationVerifier.RoundTrip;
import dev.dvalabs.probe.Answers;
import dev.dvalabs.probe.Key;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Session;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.OriginType;
import software.amazon.awssdk.services.kms.model.ReEncryptResponse;

/**
 * What the verifier does with KMS: it reads the learner's key and uses it through its alias, and shows
 * KMS's rules on temporary keys of its own, which it disables and deletes; it never disables or deletes
 * the learner's key. Every temporary key is journaled ({@link TemporaryKey}) before and right after it is made.
 */
final class KmsProbe {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final Session session;
    private final KmsClient kms;
    private final String alias;
    private final String subject;
    private final String run;

    KmsProbe(Session session, String alias) {
        this.session = session;
        this.kms = session.client(KmsClient.class);
        this.alias = alias;
        this.subject = "key " + alias;
        this.run = session.marker().value();
    }

    Observed observe(Fact<Role> adminRole, Fact<Role> userRole) {
        Fact<Key> key = Key.read(kms, alias);
        Fact<Optional<String>> aliasTarget = Fact.about("aliases", () -> kms.listAliasesPaginator(r -> r.limit(100))
                .aliases().stream().filter(a -> a.aliasName().equals(alias)).findFirst().map(AliasListEntry::targetKeyId));
        Fact<KeyMetadata> spare = Fact.about("a temporary key", () -> temporaryKey(false));
        return new Observed(
                key,
                aliasTarget,
                key.then(k -> Fact.observe(() -> kms.getKeyRotationStatus(r -> r.keyId(k.id())).keyRotationEnabled())),
                key.then(k -> Fact.observe(() -> new KeyPolicy(k.arn(),
                        kms.getKeyPolicy(r -> r.keyId(k.id()).policyName("default")).policy()))),
                adminRole,
                userRole,
                Fact.about(subject, this::roundTrip),
                Fact.about(subject, this::envelope),
                spare.then(k -> Fact.about("ReEncrypt from " + subject, () -> reEncryption(k))),
                spare.then(k -> Fact.observe(() -> disabledKey(k))),
                spare.then(k -> Fact.observe(() -> deletionWindows(k))),
                Fact.about("a temporary EXTERNAL key", this::importedRotation));
    }

    private RoundTrip roundTrip() {
        String plaintext = "written by dva-labs verify " + run;
        byte[] ciphertext = kms.encrypt(r -> r.keyId(alias).plaintext(utf8(plaintext))).ciphertextBlob().asByteArray();
        DecryptResponse decrypted = kms.decrypt(r -> r.ciphertextBlob(SdkBytes.fromByteArray(ciphertext)));
        return new RoundTrip(plaintext, decrypted.plaintext().asUtf8String(),
                holds(ciphertext, plaintext.getBytes(StandardCharsets.UTF_8)), decrypted.keyId());
    }

    private Envelope envelope() {
        String data = "order 42 for " + run + ": card ending 4242";
        var dataKey = kms.generateDataKey(r -> r.keyId(alias).keySpec(DataKeySpec.AES_256));
        byte[] plaintextKey = dataKey.plaintext().asByteArray();
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        byte[] sealed = aesGcm(Cipher.ENCRYPT_MODE, plaintextKey, nonce, data.getBytes(StandardCharsets.UTF_8));
        // What an application keeps: the encrypted data key beside the nonce and the encrypted data.
        byte[] stored = concat(dataKey.ciphertextBlob().asByteArray(), nonce, sealed);
        boolean holdsKey = holds(stored, plaintextKey);
        int keyBytes = plaintextKey.length;
        Arrays.fill(plaintextKey, (byte) 0);

        byte[] encryptedKey = Arrays.copyOfRange(stored, 0, stored.length - nonce.length - sealed.length);
        DecryptResponse unwrapped = kms.decrypt(r -> r.ciphertextBlob(SdkBytes.fromByteArray(encryptedKey)));
        byte[] readKey = unwrapped.plaintext().asByteArray();
        String decrypted;
        try {
            decrypted = new String(aesGcm(Cipher.DECRYPT_MODE, readKey, nonce, sealed), StandardCharsets.UTF_8);
        } catch (IllegalStateException e) {
            decrypted = "AES-GCM refused the data key KMS returned: " + e.getMessage();
        } finally {
            Arrays.fill(readKey, (byte) 0);
        }
        return new Envelope(keyBytes, holdsKey, holds(stored, data.getBytes(StandardCharsets.UTF_8)), data, decrypted,
                unwrapped.keyId());
    }

    private ReEncryption reEncryption(KeyMetadata spare) {
        String spareArn = spare.arn();
        String plaintext = "moved by dva-labs verify " + run;
        SdkBytes ciphertext = kms.encrypt(r -> r.keyId(alias).plaintext(utf8(plaintext))).ciphertextBlob();
        ReEncryptResponse moved = kms.reEncrypt(r -> r.ciphertextBlob(ciphertext).destinationKeyId(spare.keyId()));
        DecryptResponse decrypted = kms.decrypt(r -> r.ciphertextBlob(moved.ciphertextBlob()));
        return new ReEncryption(spareArn, moved.sourceKeyId(), moved.keyId(), plaintext,
                decrypted.plaintext().asUtf8String(), decrypted.keyId(),
                holds(moved.ciphertextBlob().asByteArray(), plaintext.getBytes(StandardCharsets.UTF_8)));
    }

    // The temporary keys are named by id: moto's DisableKey and ScheduleKeyDeletion fail on a key's ARN.
    private DisabledKey disabledKey(KeyMetadata spare) {
        String spareId = spare.keyId();
        String before = Answers.of(() -> kms.encrypt(r -> r.keyId(spareId).plaintext(utf8("before"))));
        kms.disableKey(r -> r.keyId(spareId));
        String after = Answers.of(() -> kms.encrypt(r -> r.keyId(spareId).plaintext(utf8("after"))));
        return new DisabledKey(before, after);
    }

    /** Probes the window on the spare key only; a window wrongly accepted is cancelled at once. */
    private DeletionWindows deletionWindows(KeyMetadata spare) {
        String spareId = spare.keyId();
        String six = scheduleOrCancel(spareId, 6);
        String thirtyOne = scheduleOrCancel(spareId, 31);
        String seven = Answers.of(() -> kms.scheduleKeyDeletion(r -> r.keyId(spareId)
                .pendingWindowInDays(TemporaryKey.DELETION_WINDOW_DAYS)));
        return new DeletionWindows(six, thirtyOne, seven);
    }

    private String scheduleOrCancel(String keyArn, int days) {
        String answer = Answers.of(() -> kms.scheduleKeyDeletion(r -> r.keyId(keyArn).pendingWindowInDays(days)));
        if (answer.equals(Answers.ACCEPTED)) {
            kms.cancelKeyDeletion(r -> r.keyId(keyArn));
        }
        return answer;
    }

    private String importedRotation() {
        String external = temporaryKey(true).keyId();
        return Answers.of(() -> kms.enableKeyRotation(r -> r.keyId(external)));
    }

    private KeyMetadata temporaryKey(boolean external) {
        String tag = run + (external ? "-external" : "-spare");
        String exercise = session.exercise();
        KeyMetadata key = session.write(List.of(new TemporaryKey(tag, null)), () -> kms.createKey(r -> r
                        .origin(external ? OriginType.EXTERNAL : OriginType.AWS_KMS)
                        .description("dva-labs verify: temporary key of " + exercise + ", scheduled for deletion after the check")
                        .tags(t -> t.tagKey(ExerciseStack.TAG_EXERCISE).tagValue(exercise),
                                t -> t.tagKey(KmsKeyRotationVerifier.TAG_VERIFY_RUN).tagValue(tag)))
                .keyMetadata());
        session.write(new TemporaryKey(tag, key.keyId()), () -> { });
        return key;
    }

    private static byte[] aesGcm(int mode, byte[] key, byte[] nonce, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e.getClass().getSimpleName(), e);
        }
    }

    /** Whether {@code needle} occurs in {@code haystack}: ISO-8859-1 maps every byte to one char and back. */
    static boolean holds(byte[] haystack, byte[] needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).contains(new String(needle, StandardCharsets.ISO_8859_1));
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuffer all = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(p -> p.length).sum());
        Arrays.stream(parts).forEach(all::put);
        return all.array();
    }

    private static SdkBytes utf8(String text) {
        return SdkBytes.fromUtf8String(text);
    }
}
