package dev.dvalabs.exercises.kmskeyrotation;

import dev.dvalabs.verify.Check;
import dev.dvalabs.verify.CheckResult;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.PolicyGrants;
import dev.dvalabs.verify.Verifier;

import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.probe.Answers;
import dev.dvalabs.probe.Iam;
import dev.dvalabs.targets.Target;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.KeyManagerType;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.OriginType;
import software.amazon.awssdk.services.kms.model.ReEncryptResponse;

/**
 * kms-key-rotation: a customer managed key with rotation, an alias and a key policy that separates
 * who manages the key from who uses it; encryption through the alias, envelope encryption, ReEncrypt,
 * and the rules KMS keeps on deletion, disabled keys and imported key material.
 */
public final class KmsKeyRotationVerifier implements Verifier<KmsKeyRotationVerifier.Observed> {

    /** Marks the verifier's own temporary keys, each with the id of the run that made it. */
    public static final String TAG_VERIFY_RUN = "dva-labs:verify-run";
    public static final int DELETION_WINDOW_DAYS = 7;
    static final String ACCEPTED = Answers.ACCEPTED;

    private final String exerciseId;

    /** @param exerciseId what the verifier's temporary keys are tagged with, so that destroy finds any left behind */
    public KmsKeyRotationVerifier(String exerciseId) {
        this.exerciseId = exerciseId;
    }

    /** Administration a key administrator needs and a key user must not have. */
    static final List<String> ADMINISTRATION = List.of("kms:CreateAlias", "kms:PutKeyPolicy", "kms:EnableKeyRotation",
            "kms:DisableKey", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion", "kms:UpdateKeyDescription",
            "kms:TagResource");
    /** Use a key user needs and a key administrator must not have. */
    static final List<String> USE = List.of("kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey", "kms:ReEncryptFrom",
            "kms:ReEncryptTo");

    /** What the verifier saw; each fact is a value or the refusal AWS answered with. */
    public record Observed(
            Fact<KeyMetadata> key,
            Fact<Optional<String>> aliasTarget,
            Fact<Boolean> rotation,
            Fact<KeyPolicy> policy,
            Fact<RoundTrip> roundTrip,
            Fact<Envelope> envelope,
            Fact<ReEncryption> reEncryption,
            Fact<DisabledKey> disabledKey,
            Fact<DeletionWindows> deletionWindows,
            Fact<String> importedRotation) {}

    /** The key policy, the two roles' ARNs, and the policies the user role holds in IAM. */
    public record KeyPolicy(String document, String adminRoleArn, String userRoleArn, List<String> userRolePolicies) {}

    /** Encrypt through the alias, then Decrypt: what came back, and under which key. */
    public record RoundTrip(String plaintext, String decrypted, boolean ciphertextHoldsPlaintext, String decryptedUnder) {}

    /**
     * Envelope encryption: the size of the data key, whether the stored envelope (encrypted data key,
     * nonce, encrypted data) holds the plaintext key or data, and what decrypting it later gave.
     */
    public record Envelope(int dataKeyBytes, boolean storedHoldsPlaintextKey, boolean storedHoldsPlaintextData,
                           String data, String decrypted, String dataKeyDecryptedUnder) {}

    /** ReEncrypt from the learner's key to the verifier's spare key, and what decrypting the result gave. */
    public record ReEncryption(String spareKeyArn, String sourceKeyId, String destinationKeyId, String plaintext,
                               String decrypted, String decryptedUnder, boolean ciphertextHoldsPlaintext) {}

    /** Encrypt on the spare key before and after DisableKey: ACCEPTED or the refusal. */
    public record DisabledKey(String beforeDisable, String afterDisable) {}

    /** ScheduleKeyDeletion on the spare key with 6, 31 and then 7 days: ACCEPTED or the refusal. */
    public record DeletionWindows(String sixDays, String thirtyOneDays, String sevenDays) {}

    @Override
    public List<Check<Observed>> checks() {
        return List.of(
                new Check<>("alias", "The alias points at an enabled customer managed key",
                        "Customer Master Key - Metadata: Alias, creation date, description and key state",
                        "Create the alias alias/dva-labs-app for your key (CDK: new Alias(..., targetKey(key)),"
                                + " or aws kms create-alias).",
                        o -> o.key().judge("alias on an enabled customer managed key", key -> o.aliasTarget().judge(
                                "alias on key " + key.keyId(), target -> {
                                    boolean ok = target.isPresent() && target.get().equals(key.keyId())
                                            && key.keyManager() == KeyManagerType.CUSTOMER
                                            && key.keyState() == KeyState.ENABLED;
                                    return CheckResult.when(ok, "alias on " + target.orElse("no key") + ", a "
                                                    + key.keyManagerAsString() + " key, " + key.keyStateAsString(),
                                            "alias on " + key.keyId() + ", a CUSTOMER key, Enabled");
                                }))),
                new Check<>("rotation", "Automatic rotation is on",
                        "aws kms enable-key-rotation - Key will automatically be rotated once a year",
                        "Turn on automatic rotation (CDK: enableKeyRotation(true), or aws kms enable-key-rotation).",
                        o -> o.rotation().judge("rotation enabled", on ->
                                CheckResult.when(on, on ? "rotation enabled" : "rotation disabled", "rotation enabled"))),
                new Check<>("key-policy", "The key policy separates key administrators from key users",
                        "2 roles - use (encrypt/decrypt) or manage",
                        "Give dva-labs-key-admin the administrative actions (kms:Create*, kms:Put*, kms:ScheduleKeyDeletion,"
                                + " ...) and dva-labs-key-user kms:Encrypt, kms:Decrypt, kms:ReEncrypt*, kms:GenerateDataKey*,"
                                + " each in its own statement of the key policy, and neither the other's actions.",
                        o -> o.policy().judge("administration and use granted to different roles", KmsKeyRotationVerifier::separated)),
                new Check<>("encrypt-decrypt", "Encrypt through the alias and Decrypt give the plaintext back",
                        "aws kms encrypt --key-id <KeyName> / aws kms decrypt",
                        "Encrypt with --key-id alias/dva-labs-app; Decrypt needs no key id for a symmetric key."
                                + " The key user's statement must allow kms:Encrypt and kms:Decrypt.",
                        o -> o.roundTrip().judge("the plaintext back, decrypted under the key", rt -> {
                            String keyArn = o.key().refused() ? null : o.key().value().arn();
                            boolean ok = rt.decrypted().equals(rt.plaintext()) && !rt.ciphertextHoldsPlaintext()
                                    && Objects.equals(rt.decryptedUnder(), keyArn);
                            return CheckResult.when(ok, (rt.decrypted().equals(rt.plaintext()) ? "plaintext back" : "got \""
                                            + rt.decrypted() + "\"") + (rt.ciphertextHoldsPlaintext() ? ", ciphertext holds the plaintext" : "")
                                            + ", decrypted under " + rt.decryptedUnder(),
                                    "plaintext back, decrypted under " + keyArn);
                        })),
                new Check<>("envelope", "Envelope encryption: a data key encrypts the data, the key encrypts the data key",
                        "Envelope Encryption - Envelope Key is encrypted by the customer master key",
                        "GenerateDataKey gives a plaintext and an encrypted data key: encrypt the data locally with the"
                                + " plaintext one, throw it away, keep the encrypted one with the data; to read, Decrypt it first.",
                        o -> o.envelope().judge("data back; stored envelope without plaintext key or data", KmsKeyRotationVerifier::envelope)),
                new Check<>("re-encrypt", "ReEncrypt moves a ciphertext to another key without showing the plaintext",
                        "aws kms re-encrypt - Take encrypted one, decrypt and then re-encrypt it",
                        "ReEncrypt needs kms:ReEncryptFrom on the source key and kms:ReEncryptTo on the destination.",
                        o -> o.reEncryption().judge("re-encrypted from the key to the spare key", KmsKeyRotationVerifier::reEncrypted)),
                new Check<>("disabled-key", "A disabled key refuses to encrypt",
                        "When deleting a key - First disable the key",
                        "Disabling is the reversible step before deletion: a disabled key refuses every cryptographic operation.",
                        o -> o.disabledKey().judge("accepted before, DisabledException after", d ->
                                CheckResult.when(d.beforeDisable().equals(ACCEPTED) && d.afterDisable().startsWith("DisabledException"),
                                        "before DisableKey: " + d.beforeDisable() + "; after: " + d.afterDisable(),
                                        "before DisableKey: accepted; after: DisabledException"))),
                new Check<>("deletion-window", "Deletion is scheduled 7 to 30 days ahead, never sooner or later",
                        "Then schedule deletion (within 7 - 30 days)",
                        "ScheduleKeyDeletion takes PendingWindowInDays from 7 to 30; the key can be recovered with"
                                + " CancelKeyDeletion until then.",
                        o -> o.deletionWindows().judge("6 refused, 31 refused, 7 accepted", w ->
                                CheckResult.when(!w.sixDays().equals(ACCEPTED) && !w.thirtyOneDays().equals(ACCEPTED)
                                                && w.sevenDays().equals(ACCEPTED),
                                        "6 days: " + w.sixDays() + "; 31 days: " + w.thirtyOneDays() + "; 7 days: " + w.sevenDays(),
                                        "6 refused, 31 refused, 7 accepted"))),
                new Check<>("imported-rotation", "Automatic rotation is refused on a key for imported material",
                        "only is key material from KMS (not imported)",
                        "Keys with Origin EXTERNAL get their material from you, so KMS cannot rotate it: rotate by"
                                + " importing into a new key and moving the alias.",
                        o -> o.importedRotation().judge("UnsupportedOperationException", answer ->
                                CheckResult.when(answer.startsWith("UnsupportedOperationException"),
                                        "EnableKeyRotation on an EXTERNAL key: " + answer, "UnsupportedOperationException"))));
    }

    private static CheckResult separated(KeyPolicy p) {
        PolicyGrants key = PolicyGrants.parse(p.document());
        List<String> adminManages = key.allowed(p.adminRoleArn(), ADMINISTRATION);
        List<String> adminUses = key.allowed(p.adminRoleArn(), USE);
        List<String> userUses = key.allowed(p.userRoleArn(), USE);
        List<String> userManages = new ArrayList<>(key.allowed(p.userRoleArn(), ADMINISTRATION));
        // The account statement hands the key to IAM, so the user role's own policies count as well.
        p.userRolePolicies().forEach(doc -> PolicyGrants.parse(doc).allowed(null, ADMINISTRATION).stream()
                .filter(a -> !userManages.contains(a)).forEach(userManages::add));
        boolean ok = !p.adminRoleArn().equals(p.userRoleArn())
                && adminManages.size() == ADMINISTRATION.size() && adminUses.isEmpty()
                && userUses.size() == USE.size() && userManages.isEmpty();
        return CheckResult.when(ok,
                "admin role manages " + adminManages + ", uses " + adminUses
                        + "; user role uses " + userUses + ", manages " + userManages,
                "admin role manages " + ADMINISTRATION + ", uses []; user role uses " + USE + ", manages []");
    }

    private static CheckResult envelope(Envelope e) {
        boolean ok = e.decrypted().equals(e.data()) && !e.storedHoldsPlaintextKey() && !e.storedHoldsPlaintextData()
                && e.dataKeyBytes() == 32;
        return CheckResult.when(ok, e.dataKeyBytes() + "-byte data key; "
                        + (e.decrypted().equals(e.data()) ? "data back" : "got \"" + e.decrypted() + "\"")
                        + (e.storedHoldsPlaintextKey() ? "; stored envelope holds the plaintext data key" : "")
                        + (e.storedHoldsPlaintextData() ? "; stored envelope holds the plaintext data" : ""),
                "32-byte data key; data back; stored envelope without plaintext key or data");
    }

    private static CheckResult reEncrypted(ReEncryption r) {
        boolean ok = r.destinationKeyId().equals(r.spareKeyArn()) && r.decryptedUnder().equals(r.spareKeyArn())
                && r.decrypted().equals(r.plaintext()) && !r.ciphertextHoldsPlaintext()
                && !r.sourceKeyId().equals(r.spareKeyArn());
        return CheckResult.when(ok, "from " + r.sourceKeyId() + " to " + r.destinationKeyId() + ", decrypted under "
                        + r.decryptedUnder() + (r.decrypted().equals(r.plaintext()) ? ", plaintext back" : ", got \"" + r.decrypted() + "\"")
                        + (r.ciphertextHoldsPlaintext() ? ", new ciphertext holds the plaintext" : ""),
                "from the key to " + r.spareKeyArn() + ", decrypted under it, plaintext back");
    }

    @Override
    public Observed observe(Target target, Map<String, String> names) {
        String alias = names.getOrDefault("key", "alias/dva-labs-app");
        try (KmsClient kms = target.client(KmsClient.builder());
             IamClient iam = target.client(IamClient.builder())) {
            return new Probe(exerciseId, kms, new Iam(iam), alias, names.getOrDefault("adminRole", "dva-labs-key-admin"),
                    names.getOrDefault("userRole", "dva-labs-key-user")).observe();
        }
    }

    /** Uses the learner's key, and makes its own temporary keys, each scheduled for deletion before it returns. */
    private static final class Probe {
        private static final SecureRandom RANDOM = new SecureRandom();
        private final String exerciseId;
        private final KmsClient kms;
        private final Iam iam;
        private final String alias;
        private final String adminRole;
        private final String userRole;
        private final String run = "dva-labs-verify-" + UUID.randomUUID().toString().substring(0, 8);
        private final List<String> temporaryKeys = new ArrayList<>();

        Probe(String exerciseId, KmsClient kms, Iam iam, String alias, String adminRole, String userRole) {
            this.exerciseId = exerciseId;
            this.kms = kms;
            this.iam = iam;
            this.alias = alias;
            this.adminRole = adminRole;
            this.userRole = userRole;
        }

        Observed observe() {
            Fact<KeyMetadata> key = Fact.observe(() -> kms.describeKey(r -> r.keyId(alias)).keyMetadata());
            Fact<Optional<String>> aliasTarget = Fact.observe(() -> kms.listAliasesPaginator(r -> r.limit(100)).aliases()
                    .stream().filter(a -> a.aliasName().equals(alias)).findFirst().map(AliasListEntry::targetKeyId));
            try {
                Fact<String> spare = Fact.observe(() -> temporaryKey(false));
                return new Observed(
                        key,
                        aliasTarget,
                        after(key, () -> kms.getKeyRotationStatus(r -> r.keyId(key.value().keyId())).keyRotationEnabled()),
                        after(key, () -> keyPolicy(key.value().keyId())),
                        Fact.observe(this::roundTrip),
                        Fact.observe(this::envelope),
                        after(spare, () -> reEncryption(spare.value())),
                        after(spare, () -> disabledKey(spare.value())),
                        after(spare, () -> deletionWindows(spare.value())),
                        Fact.observe(this::importedRotation));
            } finally {
                scheduleTemporaryKeysForDeletion();
            }
        }

        private KeyPolicy keyPolicy(String keyId) {
            String document = kms.getKeyPolicy(r -> r.keyId(keyId).policyName("default")).policy();
            return new KeyPolicy(document, iam.roleArn(adminRole), iam.roleArn(userRole), iam.rolePolicies(userRole));
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

        private ReEncryption reEncryption(String spareArn) {
            String plaintext = "moved by dva-labs verify " + run;
            SdkBytes ciphertext = kms.encrypt(r -> r.keyId(alias).plaintext(utf8(plaintext))).ciphertextBlob();
            ReEncryptResponse moved = kms.reEncrypt(r -> r.ciphertextBlob(ciphertext).destinationKeyId(spareArn));
            DecryptResponse decrypted = kms.decrypt(r -> r.ciphertextBlob(moved.ciphertextBlob()));
            return new ReEncryption(spareArn, moved.sourceKeyId(), moved.keyId(), plaintext,
                    decrypted.plaintext().asUtf8String(), decrypted.keyId(),
                    holds(moved.ciphertextBlob().asByteArray(), plaintext.getBytes(StandardCharsets.UTF_8)));
        }

        private DisabledKey disabledKey(String spareArn) {
            String before = Answers.of(() -> kms.encrypt(r -> r.keyId(spareArn).plaintext(utf8("before"))));
            kms.disableKey(r -> r.keyId(spareArn));
            String after = Answers.of(() -> kms.encrypt(r -> r.keyId(spareArn).plaintext(utf8("after"))));
            return new DisabledKey(before, after);
        }

        /** Probes the window on the spare key only; a window wrongly accepted is cancelled at once. */
        private DeletionWindows deletionWindows(String spareArn) {
            String six = scheduleOrCancel(spareArn, 6);
            String thirtyOne = scheduleOrCancel(spareArn, 31);
            String seven = Answers.of(() -> kms.scheduleKeyDeletion(r -> r.keyId(spareArn).pendingWindowInDays(DELETION_WINDOW_DAYS)));
            return new DeletionWindows(six, thirtyOne, seven);
        }

        private String scheduleOrCancel(String keyArn, int days) {
            String answer = Answers.of(() -> kms.scheduleKeyDeletion(r -> r.keyId(keyArn).pendingWindowInDays(days)));
            if (answer.equals(ACCEPTED)) {
                kms.cancelKeyDeletion(r -> r.keyId(keyArn));
            }
            return answer;
        }

        private String importedRotation() {
            String external = temporaryKey(true);
            return Answers.of(() -> kms.enableKeyRotation(r -> r.keyId(external)));
        }

        private String temporaryKey(boolean external) {
            String arn = kms.createKey(r -> r.origin(external ? OriginType.EXTERNAL : OriginType.AWS_KMS)
                    .description("dva-labs verify: temporary key of " + exerciseId + ", scheduled for deletion after the check")
                    .tags(t -> t.tagKey(ExerciseStack.TAG_EXERCISE).tagValue(exerciseId), t -> t.tagKey(TAG_VERIFY_RUN).tagValue(run)))
                    .keyMetadata().arn();
            temporaryKeys.add(arn);
            return arn;
        }

        private void scheduleTemporaryKeysForDeletion() {
            for (String arn : temporaryKeys) {
                KeyState state = kms.describeKey(r -> r.keyId(arn)).keyMetadata().keyState();
                if (state != KeyState.PENDING_DELETION) {
                    kms.scheduleKeyDeletion(r -> r.keyId(arn).pendingWindowInDays(DELETION_WINDOW_DAYS));
                }
            }
        }
    }

    /** A fact that needs another: refused with the other's refusal when that was refused. */
    private static <T> Fact<T> after(Fact<?> needed, Supplier<T> observation) {
        return needed.refused() ? Fact.refused(needed.refusal()) : Fact.observe(observation);
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
