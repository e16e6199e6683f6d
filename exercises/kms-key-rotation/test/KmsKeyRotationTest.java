package dev.dvalabs.exercises.kmskeyrotation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.cdk.Variant;
import dev.dvalabs.contract.EndToEnd;
import dev.dvalabs.contract.ExerciseRuns;
import dev.dvalabs.contract.Leftovers;
import dev.dvalabs.destroy.IamSweeper;
import dev.dvalabs.destroy.Teardown;
import dev.dvalabs.targets.LocalEmulator;
import dev.dvalabs.targets.Target;
import dev.dvalabs.testing.LocalEmulatorExtension;
import dev.dvalabs.testing.Sessions;
import dev.dvalabs.verify.Report;
import dev.dvalabs.verify.RunMarker;
import dev.dvalabs.verify.Session;
import dev.dvalabs.verify.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyListEntry;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.Tag;

/** kms-key-rotation end to end on the local emulator: the solution passes, the starter fails what it should. */
@ExtendWith(LocalEmulatorExtension.class)
class KmsKeyRotationTest {

    static final String ID = new KmsKeyRotation().id();
    static final String TAG = "dva-labs:exercise";
    static final Set<String> HAND_BUILT_ROLES = Set.of("dva-labs-my-admin", "dva-labs-my-user", "dva-labs-leaky-admin",
            "dva-labs-leaky-user", "dva-labs-left-role");

    @RegisterExtension
    final EndToEnd lab = new EndToEnd(ID).afterDestroy(KmsKeyRotationTest::deleteHandBuiltRoles);

    private static void deleteHandBuiltRoles(LocalEmulator emulator) {
        // ministack's tagging API lists no IAM roles, so the roles these tests build by hand go by name.
        try (IamClient iam = emulator.client(IamClient.builder())) {
            iam.listRoles().roles().stream().filter(r -> HAND_BUILT_ROLES.contains(r.roleName()))
                    .forEach(r -> new IamSweeper().delete(emulator, r.arn()));
        }
    }

    @Test
    @DisplayName("the solution's deviations say what ministack answered, and destroy leaves only a key pending deletion")
    void solutionDeviationsAndKeyPendingDeletion(LocalEmulator emulator) {
        lab.deploy(emulator, Variant.SOLUTION);
        Report report = lab.verify(emulator);
        assertThat(report.outcome("re-encrypt").result().observed()).contains("known deviation of local", "ReEncrypt");
        assertThat(report.outcome("imported-rotation").result().observed()).contains("known deviation of local", "accepted");
        String keyId;
        try (KmsClient kms = emulator.client(KmsClient.builder())) {
            keyId = kms.describeKey(r -> r.keyId("alias/dva-labs-app")).keyMetadata().keyId();
        }

        Teardown.Result result = new Teardown(emulator, lab.out()).destroy(ID);
        assertThat(result.clean()).isTrue();
        assertThat(result.removed()).filteredOn(r -> r.contains(keyId)).singleElement().asString()
                .contains("pending deletion", "costs nothing");
        Leftovers.assertNothingLeft(emulator, ID);
        try (KmsClient kms = emulator.client(KmsClient.builder()); IamClient iam = emulator.client(IamClient.builder())) {
            assertThat(kms.listAliases().aliases()).noneMatch(a -> a.aliasName().startsWith("alias/dva-labs-"));
            KeyMetadata key = kms.describeKey(r -> r.keyId(keyId)).keyMetadata();
            assertThat(key.keyState()).isEqualTo(KeyState.PENDING_DELETION);
            assertThat(key.deletionDate()).isBefore(Instant.now().plus(Duration.ofDays(8)));
            assertThat(iam.listRoles().roles()).noneMatch(r -> r.roleName().startsWith("dva-labs-key-"));
        }
    }

    @Test
    @DisplayName("the starter's missing alias fails with what KMS said")
    void starterAliasMissing(LocalEmulator emulator) {
        lab.deploy(emulator, Variant.STARTER);
        Report report = lab.verify(emulator);
        assertThat(report.outcome("alias").result().observed()).contains("NotFoundException");
    }

    @Test
    @DisplayName("re-encrypt and imported-rotation fail on ministack where no deviation is recorded, as they would on a wrong AWS")
    void deviationsAreRealAndChecksStayStrict(LocalEmulator emulator) {
        lab.deploy(emulator, Variant.SOLUTION);
        Report report = lab.verify(ExerciseRuns.strict(emulator));
        assertThat(report.ids(Status.FAIL)).isEqualTo(lab.exercise().deviationsOn("ministack").keySet());
        assertThat(report.outcome("re-encrypt").result().observed()).contains("InvalidAction");
        assertThat(report.outcome("imported-rotation").result().observed()).endsWith(" accepted");
    }

    @Test
    @DisplayName("a key, alias, policy and roles built by hand with the API pass under other names")
    void handBuiltKeyPasses(LocalEmulator emulator) {
        handBuilt(emulator, "alias/dva-labs-mine", "dva-labs-my-admin", "dva-labs-my-user", false);
        Report report = lab.verify(emulator, Map.of("key", "alias/dva-labs-mine", "adminRole", "dva-labs-my-admin",
                "userRole", "dva-labs-my-user"));
        assertThat(report.ids(Status.FAIL)).isEmpty();
        assertThat(report.ids(Status.PASS)).hasSize(report.outcomes().size() - lab.exercise().deviationsOn("ministack").keySet().size());
    }

    @Test
    @DisplayName("a user role that may manage the key through its own IAM policy fails key-policy and nothing else")
    void userRoleWithKmsStarFails(LocalEmulator emulator) {
        handBuilt(emulator, "alias/dva-labs-leaky", "dva-labs-leaky-admin", "dva-labs-leaky-user", true);
        Report report = lab.verify(emulator, Map.of("key", "alias/dva-labs-leaky", "adminRole", "dva-labs-leaky-admin",
                "userRole", "dva-labs-leaky-user"));
        assertThat(report.ids(Status.FAIL)).containsExactly("key-policy");
        assertThat(report.outcome("key-policy").result().observed()).contains("dva-labs-leaky-user may change it with [kms:CreateAlias");
    }

    @Test
    @DisplayName("the verifier schedules every temporary key it made for deletion and leaves the learner's key enabled")
    void temporaryKeysDoNotAccumulate(LocalEmulator emulator) {
        lab.deploy(emulator, Variant.SOLUTION);
        lab.verify(emulator);
        lab.verify(emulator);
        try (KmsClient kms = emulator.client(KmsClient.builder())) {
            List<KeyMetadata> temporary = kms.listKeysPaginator(r -> r.limit(100)).keys().stream().map(KeyListEntry::keyId)
                    .filter(id -> kms.listResourceTags(r -> r.keyId(id)).tags().stream()
                            .anyMatch(t -> t.tagKey().equals(KmsKeyRotationVerifier.TAG_VERIFY_RUN)))
                    .map(id -> kms.describeKey(r -> r.keyId(id)).keyMetadata()).toList();
            assertThat(temporary).hasSizeGreaterThanOrEqualTo(4)
                    .allSatisfy(k -> assertThat(k.keyState()).as(k.keyId()).isEqualTo(KeyState.PENDING_DELETION));
            assertThat(kms.describeKey(r -> r.keyId("alias/dva-labs-app")).keyMetadata().keyState()).isEqualTo(KeyState.ENABLED);
        }
    }

    @Test
    @DisplayName("destroy schedules a tagged key left outside a stack, removes its alias, and never touches an untagged key")
    void destroySweepsTaggedKeysOnly(LocalEmulator emulator) {
        try (KmsClient kms = emulator.client(KmsClient.builder())) {
            String tagged = kms.createKey(r -> r.tags(Tag.builder().tagKey(TAG).tagValue(ID).build())).keyMetadata().keyId();
            kms.createAlias(r -> r.aliasName("alias/dva-labs-left-behind").targetKeyId(tagged));
            String untagged = kms.createKey(r -> r.description("someone else's key")).keyMetadata().keyId();
            kms.createAlias(r -> r.aliasName("alias/someone-else").targetKeyId(untagged));

            Teardown.Result result = new Teardown(emulator, lab.out()).destroy(ID);

            assertThat(result.clean()).isTrue();
            assertThat(result.removed()).anyMatch(r -> r.contains(tagged) && r.contains("pending deletion"));
            assertThat(kms.describeKey(r -> r.keyId(tagged)).keyMetadata().keyState()).isEqualTo(KeyState.PENDING_DELETION);
            assertThat(kms.listAliases(r -> r.keyId(tagged)).aliases()).isEmpty();
            assertThat(kms.describeKey(r -> r.keyId(untagged)).keyMetadata().keyState()).isEqualTo(KeyState.ENABLED);
            assertThat(kms.listAliases(r -> r.keyId(untagged)).aliases()).hasSize(1);
            kms.deleteAlias(r -> r.aliasName("alias/someone-else"));
            kms.scheduleKeyDeletion(r -> r.keyId(untagged).pendingWindowInDays(7));
        }
    }

    @Test
    @DisplayName("the IAM sweeper deletes a role with an inline policy")
    void iamSweeperDeletesRoleWithPolicies(LocalEmulator emulator) {
        try (IamClient iam = emulator.client(IamClient.builder())) {
            String arn = iam.createRole(r -> r.roleName("dva-labs-left-role").assumeRolePolicyDocument(TRUST)
                    .tags(t -> t.key(TAG).value(ID))).role().arn();
            iam.putRolePolicy(r -> r.roleName("dva-labs-left-role").policyName("inline").policyDocument(KMS_STAR));

            assertThat(new IamSweeper().delete(emulator, arn).removed()).isTrue();
            assertThat(iam.listRoles().roles()).noneMatch(r -> r.roleName().equals("dva-labs-left-role"));
            assertThat(new IamSweeper().delete(emulator, arn).removed()).as("a second sweep finds it gone").isFalse();
        }
    }

    static final String TRUST = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::000000000000:root"},
             "Action": "sts:AssumeRole"}]}""";
    static final String KMS_STAR = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:*", "Resource": "*"}]}""";

    /** The solution built with the KMS and IAM APIs instead of the stack; the user role optionally given kms:* in IAM. */
    private static void handBuilt(Target target, String alias, String adminRole, String userRole, boolean userMayManage) {
        try (KmsClient kms = target.client(KmsClient.builder()); IamClient iam = target.client(IamClient.builder())) {
            String adminArn = iam.createRole(r -> r.roleName(adminRole).assumeRolePolicyDocument(TRUST)).role().arn();
            String userArn = iam.createRole(r -> r.roleName(userRole).assumeRolePolicyDocument(TRUST)).role().arn();
            if (userMayManage) {
                iam.putRolePolicy(r -> r.roleName(userRole).policyName("everything-kms").policyDocument(KMS_STAR));
            }
            String keyId = kms.createKey(r -> r.tags(Tag.builder().tagKey(TAG).tagValue(ID).build())).keyMetadata().keyId();
            kms.enableKeyRotation(r -> r.keyId(keyId));
            kms.createAlias(r -> r.aliasName(alias).targetKeyId(keyId));
            kms.putKeyPolicy(r -> r.keyId(keyId).policyName("default").policy("""
                    {"Version": "2012-10-17", "Statement": [
                      {"Sid": "EnableIamPolicies", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::000000000000:root"},
                       "Action": "kms:*", "Resource": "*"},
                      {"Sid": "Admin", "Effect": "Allow", "Principal": {"AWS": "%s"}, "Resource": "*",
                       "Action": ["kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*",
                                  "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource",
                                  "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"]},
                      {"Sid": "Use", "Effect": "Allow", "Principal": {"AWS": "%s"}, "Resource": "*",
                       "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"]}]}
                    """.formatted(adminArn, userArn)));
        }
    }

    @Test
    @DisplayName("a session closed from another thread while observe runs leaves every temporary key made scheduled for deletion")
    void closedMidObservation(LocalEmulator emulator) throws Exception {
        lab.deploy(emulator, Variant.SOLUTION);
        Session session = Sessions.open(emulator, ID, lab.exercise().names());
        Thread observing = new Thread(() -> {
            try {
                new KmsKeyRotationVerifier().observe(session);
            } catch (IllegalStateException interrupted) {
                // "writes no more": the session closed under it
            }
        });
        observing.start();
        session.close();
        observing.join();
        session.close();
        assertThat(temporaryKeys(emulator))
                .allSatisfy(k -> assertThat(k.keyState()).as(k.keyId()).isEqualTo(KeyState.PENDING_DELETION));
    }

    @Test
    @DisplayName("the next verify schedules exactly the temporary keys a killed verify journaled, by id or by their own tag"
            + " value; a learner's key tagged like a verify's stays enabled")
    void journalOfAKilledVerify(LocalEmulator emulator) throws Exception {
        lab.deploy(emulator, Variant.SOLUTION);
        try (KmsClient kms = emulator.client(KmsClient.builder())) {
            String old = RunMarker.startedAt(Instant.now().minus(Duration.ofHours(1))).value();
            String byId = keyOfRun(kms, old + "-spare");
            String byTag = keyOfRun(kms, old + "-external");
            String learners = keyOfRun(kms, old + "-mine");
            Sessions.killedVerify(emulator, ID, old, new TemporaryKey(old + "-spare", null),
                    new TemporaryKey(old + "-spare", byId), new TemporaryKey(old + "-external", null));
            lab.verify(emulator);
            assertThat(List.of(byId, byTag)).allSatisfy(id -> assertThat(kms.describeKey(r -> r.keyId(id))
                    .keyMetadata().keyState()).as(id).isEqualTo(KeyState.PENDING_DELETION));
            assertThat(kms.describeKey(r -> r.keyId(learners)).keyMetadata().keyState()).isEqualTo(KeyState.ENABLED);
            kms.scheduleKeyDeletion(r -> r.keyId(learners).pendingWindowInDays(7));
        }
    }

    private static String keyOfRun(KmsClient kms, String run) {
        return kms.createKey(r -> r.tags(Tag.builder().tagKey(TAG).tagValue(ID).build(),
                Tag.builder().tagKey(KmsKeyRotationVerifier.TAG_VERIFY_RUN).tagValue(run).build())).keyMetadata().keyId();
    }

    private static List<KeyMetadata> temporaryKeys(Target target) {
        try (KmsClient kms = target.client(KmsClient.builder())) {
            return kms.listKeysPaginator(r -> r.limit(100)).keys().stream().map(KeyListEntry::keyId)
                    .filter(id -> kms.listResourceTags(r -> r.keyId(id)).tags().stream()
                            .anyMatch(t -> t.tagKey().equals(KmsKeyRotationVerifier.TAG_VERIFY_RUN)))
                    .map(id -> kms.describeKey(r -> r.keyId(id)).keyMetadata()).toList();
        }
    }
}
