package dev.dvalabs.exercises.kmskeyrotation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.cdk.Variant;
import dev.dvalabs.contract.EndToEnd;
import dev.dvalabs.contract.ExerciseRuns;
import dev.dvalabs.contract.Leftovers;
import dev.dvalabs.targets.Emulator;
import dev.dvalabs.targets.LocalEmulator;
import dev.dvalabs.verify.Report;
import dev.dvalabs.verify.Status;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.Tag;

/**
 * kms-key-rotation on moto, whose CloudFormation fails on a key's Tags and KeyPolicy: the deployer sends
 * the key without them and applies both through KMS, so the checks judge the stack as strictly as on AWS.
 */
@DisplayName("kms-key-rotation on moto")
class KmsKeyRotationOnMotoTest {

    static final String ID = new KmsKeyRotation().id();
    /** moto's KMS gets these wrong on the verifier's own temporary keys (deviations.yaml). */
    static final Set<String> DEVIATIONS = Set.of("disabled-key", "deletion-window", "imported-rotation");

    private static LocalEmulator moto;

    @RegisterExtension
    final EndToEnd lab = new EndToEnd(ID).on(() -> moto).afterDestroy(emulator -> Leftovers.assertNothingLeft(emulator, ID));

    @BeforeAll
    static void startMoto() {
        moto = LocalEmulator.start(new LocalEmulator.Options().withEmulator(Emulator.MOTO));
    }

    @AfterAll
    static void stopMoto() {
        moto.close();
    }

    @Test
    @DisplayName("the solution deploys with its key's tags and policy, and passes every check but moto's recorded deviations")
    void solutionPasses() {
        lab.deploy(moto, Variant.SOLUTION);
        try (KmsClient kms = moto.client(KmsClient.builder())) {
            String keyId = kms.describeKey(r -> r.keyId("alias/dva-labs-app")).keyMetadata().keyId();
            assertThat(kms.listResourceTags(r -> r.keyId(keyId)).tags()).extracting(Tag::tagKey, Tag::tagValue)
                    .contains(org.assertj.core.groups.Tuple.tuple("dva-labs:exercise", ID));
            assertThat(kms.getKeyPolicy(r -> r.keyId(keyId).policyName("default")).policy())
                    .contains("AllowKeyUse", ":role/dva-labs-key-user", ":role/dva-labs-key-admin");
        }

        Report report = lab.verify(moto);
        assertThat(report.outcomes()).allSatisfy(o -> assertThat(o.status()).as(o.id() + ": " + o.result())
                .isEqualTo(DEVIATIONS.contains(o.id()) ? Status.SKIP : Status.PASS));
    }

    @Test
    @DisplayName("the starter fails exactly what it fails on AWS, each with a hint")
    void starterFails() {
        lab.deploy(moto, Variant.STARTER);
        ExerciseRuns.failsExactly(lab.verify(moto), Set.copyOf(lab.exercise().starterFails()));
    }
}
