package dev.dvalabs.exercises.kmskeyrotation;

import dev.dvalabs.probe.Key;
import dev.dvalabs.testing.ChecksContract;
import dev.dvalabs.verify.Check;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Report;
import dev.dvalabs.verify.Status;
import dev.dvalabs.verify.Verification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.exercises.kmskeyrotation.KmsKeyRotationVerifier.DeletionWindows;
import dev.dvalabs.exercises.kmskeyrotation.KmsKeyRotationVerifier.DisabledKey;
import dev.dvalabs.exercises.kmskeyrotation.KmsKeyRotationVerifier.Envelope;
import dev.dvalabs.exercises.kmskeyrotation.KmsKeyRotationVerifier.KeyPolicy;
import dev.dvalabs.exercises.kmskeyrotation.KmsKeyRotationVerifier.Observed;
import dev.dvalabs.exercises.kmskeyrotation.KmsKeyRotationVerifier.ReEncryption;
import dev.dvalabs.exercises.kmskeyrotation.KmsKeyRotationVerifier.Role;
import dev.dvalabs.exercises.kmskeyrotation.KmsKeyRotationVerifier.RoundTrip;
import dev.dvalabs.exercise.Catalog;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kms.model.KeyManagerType;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeyState;

/**
 * Each kms-key-rotation check judged on observations that differ from a correct setup in one fact,
 * including behaviour a correct KMS never shows (a ciphertext that holds its plaintext, a window of
 * 31 days accepted), so that every check is seen failing.
 */
class KmsKeyRotationChecksTest extends ChecksContract<Observed, KmsKeyRotationChecksTest.Seen> {

    KmsKeyRotationChecksTest() {
        super(() -> new KmsKeyRotationVerifier().checks(), Seen::new, Seen::build);
    }


    static final String KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
    static final String KEY_ARN = "arn:aws:kms:eu-west-1:111122223333:key/" + KEY_ID;
    static final String SPARE_ARN = "arn:aws:kms:eu-west-1:111122223333:key/0987dcba-09fe-87dc-65ba-ab0987654321";
    static final String ADMIN = "arn:aws:iam::111122223333:role/dva-labs-key-admin";
    static final String USER = "arn:aws:iam::111122223333:role/dva-labs-key-user";
    static final String ROOT = "arn:aws:iam::111122223333:root";

    static String statement(String principal, String... actions) {
        return """
                {"Effect": "Allow", "Principal": {"AWS": "%s"}, "Action": [%s], "Resource": "*"}"""
                .formatted(principal, String.join(", ", Stream.of(actions).map(a -> "\"" + a + "\"").toList()));
    }

    static String policy(String... statements) {
        return "{\"Version\": \"2012-10-17\", \"Statement\": [" + String.join(", ", statements) + "]}";
    }

    static final String ROOT_STATEMENT = statement(ROOT, "kms:*");
    static final String ADMIN_STATEMENT = statement(ADMIN, "kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*",
            "kms:Put*", "kms:Update*", "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource",
            "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion");
    static final String USER_STATEMENT = statement(USER, "kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*",
            "kms:GenerateDataKey*", "kms:DescribeKey");

    /** A correct setup's observations, one field at a time changeable. */
    static final class Seen {
        KeyMetadata.Builder key = KeyMetadata.builder().keyId(KEY_ID).arn(KEY_ARN)
                .keyManager(KeyManagerType.CUSTOMER).keyState(KeyState.ENABLED);
        Fact<Optional<String>> aliasTarget = Fact.of(Optional.of(KEY_ID));
        Fact<Boolean> rotation = Fact.of(true);
        Fact<KeyPolicy> policy = Fact.of(new KeyPolicy(KEY_ARN, policy(ROOT_STATEMENT, ADMIN_STATEMENT, USER_STATEMENT)));
        Fact<Role> admin = Fact.of(new Role("dva-labs-key-admin", ADMIN, List.of()));
        Fact<Role> user = Fact.of(new Role("dva-labs-key-user", USER, List.of()));
        Fact<RoundTrip> roundTrip = Fact.of(new RoundTrip("secret", "secret", false, KEY_ARN));
        Fact<Envelope> envelope = Fact.of(new Envelope(32, false, false, "order 42", "order 42", KEY_ARN));
        Fact<ReEncryption> reEncryption = Fact.of(new ReEncryption(SPARE_ARN, KEY_ARN, SPARE_ARN, "moved", "moved",
                SPARE_ARN, false));
        Fact<DisabledKey> disabled = Fact.of(new DisabledKey("accepted", "DisabledException: " + SPARE_ARN + " is disabled."));
        Fact<DeletionWindows> windows = Fact.of(new DeletionWindows(
                "ValidationException: PendingWindowInDays must be between 7 and 30",
                "ValidationException: PendingWindowInDays must be between 7 and 30", "accepted"));
        Fact<String> importedRotation = Fact.of("UnsupportedOperationException: origin is EXTERNAL which is not valid for this operation.");

        Observed build() {
            return new Observed(Fact.of(new Key(key.build())), aliasTarget, rotation, policy, admin, user, roundTrip, envelope, reEncryption,
                    disabled, windows, importedRotation);
        }
    }

    private static Consumer<Seen> keyPolicy(String document, List<String> userRolePolicies) {
        return s -> {
            s.policy = Fact.of(new KeyPolicy(KEY_ARN, document));
            s.user = Fact.of(new Role("dva-labs-key-user", USER, userRolePolicies));
        };
    }

    private static Consumer<Seen> adminPolicies(String... documents) {
        return s -> s.admin = Fact.of(new Role("dva-labs-key-admin", ADMIN, List.of(documents)));
    }

    static String identityPolicy(String effect, String resource, String... actions) {
        return """
                {"Version": "2012-10-17", "Statement": {"Effect": "%s", "Action": [%s], "Resource": "%s"}}"""
                .formatted(effect, String.join(", ", Stream.of(actions).map(a -> "\"" + a + "\"").toList()), resource);
    }


    @Override
    protected Stream<Mistake<Seen>> mistakes() {
        String refusedWindow = "ValidationException: PendingWindowInDays must be between 7 and 30";
        return Stream.of(
                wrong("alias", "no alias of that name",
                        (Consumer<Seen>) s -> s.aliasTarget = Fact.of(Optional.empty())),
                wrong("alias", "an alias on another key",
                        (Consumer<Seen>) s -> s.aliasTarget = Fact.of(Optional.of("another-key"))),
                wrong("alias", "an alias on an AWS managed key",
                        (Consumer<Seen>) s -> s.key.keyManager(KeyManagerType.AWS)),
                wrong("alias", "an alias on a disabled key",
                        (Consumer<Seen>) s -> s.key.keyState(KeyState.DISABLED)),
                wrong("rotation", "rotation off",
                        (Consumer<Seen>) s -> s.rotation = Fact.of(false)),
                wrong("key-policy", "the default policy: only the account",
                        keyPolicy(policy(ROOT_STATEMENT), List.of())),
                wrong("key-policy", "the user role allowed kms:*",
                        keyPolicy(policy(ROOT_STATEMENT, ADMIN_STATEMENT, statement(USER, "kms:*")), List.of())),
                wrong("key-policy", "the user role also allowed kms:ScheduleKeyDeletion",
                        keyPolicy(policy(ROOT_STATEMENT, ADMIN_STATEMENT, USER_STATEMENT,
                                statement(USER, "kms:ScheduleKeyDeletion")), List.of())),
                wrong("key-policy", "the admin role also allowed kms:Decrypt",
                        keyPolicy(policy(ROOT_STATEMENT, ADMIN_STATEMENT, USER_STATEMENT, statement(ADMIN, "kms:Decrypt")), List.of())),
                wrong("key-policy", "both roles in one statement",
                        keyPolicy(policy(ROOT_STATEMENT, ADMIN_STATEMENT.replace("\"" + ADMIN + "\"",
                                "[\"" + ADMIN + "\", \"" + USER + "\"]"), USER_STATEMENT), List.of())),
                wrong("key-policy", "a user statement without kms:GenerateDataKey*",
                        keyPolicy(policy(ROOT_STATEMENT, ADMIN_STATEMENT,
                                statement(USER, "kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*")), List.of())),
                wrong("key-policy", "an admin statement without kms:Put*",
                        keyPolicy(policy(ROOT_STATEMENT, ADMIN_STATEMENT.replace("\"kms:Put*\", ", ""), USER_STATEMENT), List.of())),
                wrong("key-policy", "a principal of everyone allowed kms:*",
                        keyPolicy(policy(ROOT_STATEMENT, ADMIN_STATEMENT, USER_STATEMENT, statement("*", "kms:*")), List.of())),
                wrong("key-policy", "the user role's own IAM policy allowing kms:PutKeyPolicy",
                        keyPolicy(policy(ROOT_STATEMENT, ADMIN_STATEMENT, USER_STATEMENT), List.of(
                                "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"kms:Put*\", \"Resource\": \"*\"}}"))),
                wrong("key-policy", "one role as both administrator and user",
                        (Consumer<Seen>) s -> {
                            s.policy = Fact.of(new KeyPolicy(KEY_ARN, policy(ROOT_STATEMENT,
                                    ADMIN_STATEMENT.replace(ADMIN, USER), USER_STATEMENT)));
                            s.admin = Fact.of(new Role("dva-labs-key-user", USER, List.of()));
                        }),
                wrong("key-policy", "a role that does not exist",
                        (Consumer<Seen>) s -> s.user = Fact.refused("role dva-labs-key-user: NoSuchEntity: The role with name"
                                + " dva-labs-key-user cannot be found.")),
                wrong("key-policy", "a policy without the account statement",
                        keyPolicy(policy(ADMIN_STATEMENT, USER_STATEMENT), List.of())),
                wrong("key-policy", "an account statement that allows the account only to read the key",
                        keyPolicy(policy(statement(ROOT, "kms:Describe*", "kms:Get*", "kms:List*"), ADMIN_STATEMENT,
                                USER_STATEMENT), List.of())),
                wrong("key-policy", "the admin role's own IAM policy allowing kms:Encrypt and kms:Decrypt",
                        adminPolicies(identityPolicy("Allow", "*", "kms:Encrypt", "kms:Decrypt"))),
                wrong("key-policy", "the admin role's attached policy allowing kms:GenerateDataKey* on the key",
                        adminPolicies(identityPolicy("Allow", "*", "kms:DescribeKey"),
                                identityPolicy("Allow", KEY_ARN, "kms:GenerateDataKey*"))),
                wrong("key-policy", "the user role's own IAM policy denying kms:Decrypt",
                        keyPolicy(policy(ROOT_STATEMENT, ADMIN_STATEMENT, USER_STATEMENT),
                                List.of(identityPolicy("Deny", "*", "kms:Decrypt")))),
                wrong("key-policy", "an admin role's IAM policy denying kms:ScheduleKeyDeletion",
                        adminPolicies(identityPolicy("Deny", "*", "kms:ScheduleKeyDeletion"))),
                wrong("key-policy", "a user statement with NotAction, allowing all but kms:Decrypt",
                        keyPolicy(policy(ROOT_STATEMENT, ADMIN_STATEMENT, """
                                {"Effect": "Allow", "Principal": {"AWS": "%s"}, "NotAction": "kms:Decrypt", "Resource": "*"}"""
                                .formatted(USER)), List.of())),
                wrong("key-policy", "statements for the roles scoped to another key",
                        keyPolicy(policy(ROOT_STATEMENT, ADMIN_STATEMENT.replace("\"*\"", "\"" + SPARE_ARN + "\""),
                                USER_STATEMENT.replace("\"*\"", "\"" + SPARE_ARN + "\"")), List.of())),
                wrong("key-policy", "a key policy that is not JSON",
                        keyPolicy("{\"Statement\": [", List.of())),
                wrong("encrypt-decrypt", "a decrypt that returns something else",
                        (Consumer<Seen>) s -> s.roundTrip = Fact.of(new RoundTrip("secret", "secreT", false, KEY_ARN))),
                wrong("encrypt-decrypt", "a ciphertext that holds the plaintext",
                        (Consumer<Seen>) s -> s.roundTrip = Fact.of(new RoundTrip("secret", "secret", true, KEY_ARN))),
                wrong("encrypt-decrypt", "a ciphertext decrypted under another key",
                        (Consumer<Seen>) s -> s.roundTrip = Fact.of(new RoundTrip("secret", "secret", false, SPARE_ARN))),
                wrong("encrypt-decrypt", "an encrypt refused for lack of permission",
                        (Consumer<Seen>) s -> s.roundTrip = Fact.refused("AccessDeniedException: not authorized to perform kms:Encrypt")),
                wrong("envelope", "an envelope that stores the plaintext data key",
                        (Consumer<Seen>) s -> s.envelope = Fact.of(new Envelope(32, true, false, "order 42", "order 42", KEY_ARN))),
                wrong("envelope", "an envelope that stores the plaintext data",
                        (Consumer<Seen>) s -> s.envelope = Fact.of(new Envelope(32, false, true, "order 42", "order 42", KEY_ARN))),
                wrong("envelope", "data that does not come back",
                        (Consumer<Seen>) s -> s.envelope = Fact.of(new Envelope(32, false, false, "order 42",
                                "AES-GCM refused the data key KMS returned: AEADBadTagException", KEY_ARN))),
                wrong("envelope", "a 16-byte data key",
                        (Consumer<Seen>) s -> s.envelope = Fact.of(new Envelope(16, false, false, "order 42", "order 42", KEY_ARN))),
                wrong("envelope", "a data key decrypted under another key",
                        (Consumer<Seen>) s -> s.envelope = Fact.of(new Envelope(32, false, false, "order 42", "order 42", SPARE_ARN))),
                wrong("re-encrypt", "a ciphertext re-encrypted from another key than the learner's",
                        (Consumer<Seen>) s -> s.reEncryption = Fact.of(new ReEncryption(SPARE_ARN, SPARE_ARN, SPARE_ARN,
                                "moved", "moved", SPARE_ARN, false))),
                wrong("re-encrypt", "ReEncrypt unknown to the service",
                        (Consumer<Seen>) s -> s.reEncryption = Fact.refused("InvalidAction: Unknown action: ReEncrypt")),
                wrong("re-encrypt", "a result still under the source key",
                        (Consumer<Seen>) s -> s.reEncryption = Fact.of(new ReEncryption(SPARE_ARN, KEY_ARN, KEY_ARN,
                                "moved", "moved", KEY_ARN, false))),
                wrong("re-encrypt", "a result that holds the plaintext",
                        (Consumer<Seen>) s -> s.reEncryption = Fact.of(new ReEncryption(SPARE_ARN, KEY_ARN, SPARE_ARN,
                                "moved", "moved", SPARE_ARN, true))),
                wrong("re-encrypt", "a result that decrypts to something else",
                        (Consumer<Seen>) s -> s.reEncryption = Fact.of(new ReEncryption(SPARE_ARN, KEY_ARN, SPARE_ARN,
                                "moved", "moveD", SPARE_ARN, false))),
                wrong("disabled-key", "a disabled key that still encrypts",
                        (Consumer<Seen>) s -> s.disabled = Fact.of(new DisabledKey("accepted", "accepted"))),
                wrong("disabled-key", "a key that refused before it was disabled",
                        (Consumer<Seen>) s -> s.disabled = Fact.of(new DisabledKey("AccessDeniedException: no",
                                "DisabledException: disabled"))),
                wrong("deletion-window", "6 days accepted",
                        (Consumer<Seen>) s -> s.windows = Fact.of(new DeletionWindows("accepted", refusedWindow, "accepted"))),
                wrong("deletion-window", "31 days accepted",
                        (Consumer<Seen>) s -> s.windows = Fact.of(new DeletionWindows(refusedWindow, "accepted", "accepted"))),
                wrong("deletion-window", "7 days refused as well",
                        (Consumer<Seen>) s -> s.windows = Fact.of(new DeletionWindows(refusedWindow, refusedWindow,
                                "AccessDeniedException: not authorized to perform kms:ScheduleKeyDeletion"))),
                wrong("imported-rotation", "rotation accepted on an EXTERNAL key",
                        (Consumer<Seen>) s -> s.importedRotation = Fact.of("accepted")),
                wrong("imported-rotation", "a refusal for another reason",
                        (Consumer<Seen>) s -> s.importedRotation = Fact.of("AccessDeniedException: no")));
    }

    @Test
    @DisplayName("a missing alias fails the checks that need the learner's key with what KMS said")
    void missingAliasFailsWithKmsAnswer() {
        Seen seen = new Seen();
        Observed correct = seen.build();
        Fact<Key> missing = Fact.refused("NotFoundException: Alias arn:aws:kms:eu-west-1:111122223333:alias/dva-labs-app is not found.");
        Observed observed = new Observed(missing, Fact.of(Optional.empty()), Fact.refused(missing.refusal()),
                Fact.refused(missing.refusal()), correct.adminRole(), correct.userRole(), correct.roundTrip(), correct.envelope(), correct.reEncryption(),
                correct.disabledKey(), correct.deletionWindows(), correct.importedRotation());
        Report report = Verification.judge(new KmsKeyRotation().id(), new KmsKeyRotationVerifier().checks(), observed, "aws", Map.of());
        assertThat(report.outcome("alias").result().observed()).contains("NotFoundException");
        assertThat(report.outcome("rotation").status()).isEqualTo(Status.FAIL);
        assertThat(report.outcome("key-policy").status()).isEqualTo(Status.FAIL);
        assertThat(report.outcome("encrypt-decrypt").status()).as("decrypted under a key the verifier could not find")
                .isEqualTo(Status.FAIL);
    }

    private Report judgeKeyPolicy(Consumer<Seen> change) {
        Seen seen = new Seen();
        change.accept(seen);
        return judge(seen);
    }

    @Test
    @DisplayName("a user role whose own IAM policy allows kms:Encrypt on the key's ARN still passes key-policy")
    void userIamPolicyOnTheKeyPasses() {
        Report report = judgeKeyPolicy(keyPolicy(policy(ROOT_STATEMENT, ADMIN_STATEMENT, USER_STATEMENT),
                List.of(identityPolicy("Allow", KEY_ARN, "kms:Encrypt", "kms:Decrypt"))));
        assertThat(report.outcome("key-policy").status()).as(report.outcome("key-policy").result().observed())
                .isEqualTo(Status.PASS);
    }

    @Test
    @DisplayName("a user statement conditioned on aws:SecureTransport grants its actions: KMS answers only over TLS")
    void secureTransportConditionHolds() {
        String conditioned = USER_STATEMENT.replace("\"Resource\": \"*\"}",
                "\"Resource\": \"*\", \"Condition\": {\"Bool\": {\"aws:SecureTransport\": \"true\"}}}");
        Report report = judgeKeyPolicy(keyPolicy(policy(ROOT_STATEMENT, ADMIN_STATEMENT, conditioned), List.of()));
        assertThat(conditioned).contains("aws:SecureTransport");
        assertThat(report.outcome("key-policy").status()).as(report.outcome("key-policy").result().observed())
                .isEqualTo(Status.PASS);
    }

    @Test
    @DisplayName("an account statement naming the account by id alone is the account statement")
    void accountByIdIsTheAccountStatement() {
        Report report = judgeKeyPolicy(keyPolicy(policy(statement("111122223333", "kms:*"), ADMIN_STATEMENT, USER_STATEMENT),
                List.of()));
        assertThat(report.outcome("key-policy").status()).isEqualTo(Status.PASS);
    }

    @Test
    @DisplayName("key-policy names what each role lacks or may do besides, and a missing account statement")
    void keyPolicySaysWhatIsWrong() {
        Report report = judgeKeyPolicy(keyPolicy(policy(ADMIN_STATEMENT, statement(USER, "kms:Encrypt", "kms:Decrypt",
                "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey", "kms:ScheduleKeyDeletion")), List.of()));
        assertThat(report.outcome("key-policy").result().observed()).contains(
                "the account statement (arn:aws:iam::111122223333:root allowed kms:*) missing",
                "dva-labs-key-user may change it with [kms:ScheduleKeyDeletion]", "dva-labs-key-admin may not []");
        assertThat(report.outcome("key-policy").result().expected()).contains(
                "the account statement (arn:aws:iam::111122223333:root allowed kms:*) kept");
    }

    @Test
    @DisplayName("without the account statement a role's own IAM policy grants nothing on the key")
    void withoutTheAccountStatementIamPoliciesDoNotCount() {
        Report report = judgeKeyPolicy(keyPolicy(policy(ADMIN_STATEMENT, statement(USER, "kms:Encrypt")),
                List.of(identityPolicy("Allow", "*", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*"))));
        assertThat(report.outcome("key-policy").result().observed())
                .contains("dva-labs-key-user may not [kms:Decrypt, kms:ReEncryptFrom, kms:ReEncryptTo, kms:GenerateDataKey,"
                        + " kms:GenerateDataKeyWithoutPlaintext, kms:DescribeKey]");
    }

}
