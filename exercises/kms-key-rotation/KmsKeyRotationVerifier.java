package dev.dvalabs.exercises.kmskeyrotation;

import static dev.dvalabs.verify.Matcher.eq;
import static dev.dvalabs.verify.Matcher.isFalse;
import static dev.dvalabs.verify.Matcher.isTrue;
import static dev.dvalabs.verify.Matcher.not;
import static dev.dvalabs.verify.Matcher.startsWith;

import dev.dvalabs.probe.Answers;
import dev.dvalabs.probe.Iam;
import dev.dvalabs.probe.Key;
import dev.dvalabs.verify.Check;
import dev.dvalabs.verify.Session;
import dev.dvalabs.verify.CheckResult;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Verifier;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.model.KeyManagerType;
import software.amazon.awssdk.services.kms.model.KeyState;

/**
 * kms-key-rotation: a customer managed key with rotation, an alias and a key policy that separates
 * who manages the key from who uses it; encryption through the alias, envelope encryption, ReEncrypt,
 * and the rules KMS keeps on deletion, disabled keys and imported key material, shown on temporary
 * keys of the verifier's own, journaled through the session, which schedules each for deletion however
 * verify ends.
 */
public final class KmsKeyRotationVerifier implements Verifier<KmsKeyRotationVerifier.Observed> {

    /** Marks the verifier's own temporary keys, each with the id of the run that made it. */
    public static final String TAG_VERIFY_RUN = "dva-labs:verify-run";
    static final String ACCEPTED = Answers.ACCEPTED;

    /** What the verifier saw; each fact is a value or the refusal AWS answered with. */
    public record Observed(
            Fact<Key> key,
            Fact<Optional<String>> aliasTarget,
            Fact<Boolean> rotation,
            Fact<KeyPolicy> policy,
            Fact<Role> adminRole,
            Fact<Role> userRole,
            Fact<RoundTrip> roundTrip,
            Fact<Envelope> envelope,
            Fact<ReEncryption> reEncryption,
            Fact<DisabledKey> disabledKey,
            Fact<DeletionWindows> deletionWindows,
            Fact<String> importedRotation) {}

    /** The key's ARN, the resource the policies are asked about, and its key policy. */
    public record KeyPolicy(String keyArn, String document) {}

    /** A role by name, its ARN, and every IAM policy it holds (inline and attached). */
    public record Role(String name, String arn, List<String> policies) {}

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
                new Check<Observed>("alias", "The alias points at an enabled customer managed key",
                        "Customer Master Key - Metadata: Alias, creation date, description and key state",
                        "Create the alias {key} for your key and keep the key enabled: aws kms create-alias --alias-name {key}"
                                + " --target-key-id KEY_ID; in CDK, KeyProps.alias, or new Alias(..., AliasProps.targetKey(key)).",
                        o -> o.key().judge("alias on an enabled customer managed key", key -> CheckResult.all(
                                o.aliasTarget().its("alias on key", t -> t.orElse("(none)")).should(eq(key.id())),
                                Fact.of(key).its("a key managed by", Key::manager).should(eq(KeyManagerType.CUSTOMER)),
                                Fact.of(key).its("in state", Key::state).should(eq(KeyState.ENABLED))))).forTask(1),
                new Check<Observed>("rotation", "Automatic rotation is on",
                        "aws kms enable-key-rotation - Key will automatically be rotated once a year",
                        "Turn on automatic rotation: aws kms enable-key-rotation --key-id KEY_ID; in CDK,"
                                + " KeyProps.enableKeyRotation(true).",
                        o -> o.rotation().its("automatic rotation on").should(isTrue())).forTask(2),
                new Check<Observed>("key-policy", "The key policy keeps the account statement and separates key administrators from key users",
                        "2 roles - use (encrypt/decrypt) or manage",
                        "Keep the statement allowing arn:aws:iam::<account>:root kms:*; give {adminRole} the"
                                + " administrative actions (kms:Create*, kms:Put*, kms:ScheduleKeyDeletion, ...) and"
                                + " {userRole} kms:Encrypt, kms:Decrypt, kms:ReEncrypt*, kms:GenerateDataKey*,"
                                + " kms:DescribeKey, each in its own statement; and give neither role the other's actions,"
                                + " in the key policy or in the role's own IAM policies.",
                        o -> o.policy().judge("the account statement kept; administration and use separated", key ->
                                o.adminRole().judge("the key administrator's role", admin ->
                                        o.userRole().judge("the key user's role", user ->
                                                Separation.judge(key, admin, user))))).forTask(3),
                new Check<Observed>("encrypt-decrypt", "Encrypt through the alias and Decrypt give the plaintext back",
                        "aws kms encrypt --key-id <KeyName> / aws kms decrypt",
                        "Encrypt with --key-id {key}; Decrypt needs no key id for a symmetric key."
                                + " The key user's statement must allow kms:Encrypt and kms:Decrypt.",
                        o -> o.roundTrip().judge("the plaintext back, decrypted under the key", rt -> CheckResult.all(
                                Fact.of(rt).its("Decrypt gave", r -> backOrNot(r.plaintext(), r.decrypted()))
                                        .should(eq("the plaintext back")),
                                Fact.of(rt).its("the ciphertext holds the plaintext", RoundTrip::ciphertextHoldsPlaintext)
                                        .should(isFalse()),
                                Fact.of(rt).its("decrypted under", RoundTrip::decryptedUnder).should(eq(keyArn(o)))))).forTask(4),
                new Check<Observed>("envelope", "Envelope encryption: a data key encrypts the data, the key encrypts the data key",
                        "Envelope Encryption - Envelope Key is encrypted by the customer master key",
                        "GenerateDataKey gives a plaintext and an encrypted data key: encrypt the data locally with the"
                                + " plaintext one, throw it away, keep the encrypted one with the data; to read, Decrypt it first.",
                        o -> o.envelope().judge("data back; stored envelope without plaintext key or data", e -> CheckResult.all(
                                Fact.of(e).its("data key of", d -> d.dataKeyBytes() + " bytes").should(eq("32 bytes")),
                                Fact.of(e).its("the data key decrypted under", Envelope::dataKeyDecryptedUnder).should(eq(keyArn(o))),
                                Fact.of(e).its("reading the envelope gave", d -> backOrNot(d.data(), d.decrypted()))
                                        .should(eq("the plaintext back")),
                                Fact.of(e).its("the stored envelope holds the plaintext data key", Envelope::storedHoldsPlaintextKey)
                                        .should(isFalse()),
                                Fact.of(e).its("the stored envelope holds the plaintext", Envelope::storedHoldsPlaintextData)
                                        .should(isFalse())))).forTask(4),
                new Check<Observed>("re-encrypt", "ReEncrypt moves a ciphertext to another key without showing the plaintext",
                        "aws kms re-encrypt - Take encrypted one, decrypt and then re-encrypt it",
                        "ReEncrypt needs kms:ReEncryptFrom on the source key and kms:ReEncryptTo on the destination.",
                        o -> o.reEncryption().judge("re-encrypted from the key to the spare key", r -> CheckResult.all(
                                Fact.of(r).its("ReEncrypt from", ReEncryption::sourceKeyId).should(eq(keyArn(o))),
                                Fact.of(r).its("to", ReEncryption::destinationKeyId).should(eq(r.spareKeyArn())),
                                Fact.of(r).its("decrypted under", ReEncryption::decryptedUnder).should(eq(r.spareKeyArn())),
                                Fact.of(r).its("Decrypt gave", x -> backOrNot(x.plaintext(), x.decrypted()))
                                        .should(eq("the plaintext back")),
                                Fact.of(r).its("the new ciphertext holds the plaintext", ReEncryption::ciphertextHoldsPlaintext)
                                        .should(isFalse())))).forTask(4),
                new Check<Observed>("disabled-key", "A disabled key refuses to encrypt",
                        "When deleting a key - First disable the key",
                        "Disabling is the reversible step before deletion: a disabled key refuses every cryptographic operation.",
                        o -> o.disabledKey().judge("accepted before, DisabledException after", d -> CheckResult.all(
                                Fact.of(d).its("Encrypt before DisableKey", DisabledKey::beforeDisable).should(eq(ACCEPTED)),
                                Fact.of(d).its("Encrypt after DisableKey", DisabledKey::afterDisable)
                                        .should(startsWith("DisabledException"))))).forTask(3),
                new Check<Observed>("deletion-window", "Deletion is scheduled 7 to 30 days ahead, never sooner or later",
                        "Then schedule deletion (within 7 - 30 days)",
                        "ScheduleKeyDeletion takes PendingWindowInDays from 7 to 30; the key can be recovered with"
                                + " CancelKeyDeletion until then.",
                        o -> o.deletionWindows().judge("6 refused, 31 refused, 7 accepted", w -> CheckResult.all(
                                Fact.of(w).its("6 days", DeletionWindows::sixDays).should(not(eq(ACCEPTED))),
                                Fact.of(w).its("31 days", DeletionWindows::thirtyOneDays).should(not(eq(ACCEPTED))),
                                Fact.of(w).its("7 days", DeletionWindows::sevenDays).should(eq(ACCEPTED))))).forTask(3),
                new Check<Observed>("imported-rotation", "Automatic rotation is refused on a key for imported material",
                        "only is key material from KMS (not imported)",
                        "Keys with Origin EXTERNAL get their material from you, so KMS cannot rotate it: rotate by"
                                + " importing into a new key and moving the alias.",
                        o -> o.importedRotation().its("EnableKeyRotation on an EXTERNAL key")
                                .should(startsWith("UnsupportedOperationException"))).forTask(2));
    }

    /** The learner's key's ARN, or what KMS said instead, for the checks that want a ciphertext under it. */
    private static String keyArn(Observed o) {
        return o.key().map(Key::arn).orElse("the alias's key (" + o.key().refusal() + ")");
    }

    private static String backOrNot(String plaintext, String decrypted) {
        return decrypted.equals(plaintext) ? "the plaintext back" : "\"" + decrypted + "\"";
    }

    @Override
    public Observed observe(Session session) {
        Iam iam = new Iam(session.client(IamClient.class));
        return new KmsProbe(session, session.name("key")).observe(
                role(iam, session.name("adminRole")), role(iam, session.name("userRole")));
    }

    private static Fact<Role> role(Iam iam, String name) {
        return Fact.about("role " + name, () -> new Role(name, iam.roleArn(name), iam.rolePolicies(name)));
    }
}
