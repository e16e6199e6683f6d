package dev.dvalabs.exercises.kmskeyrotation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.cdk.Variant;
import dev.dvalabs.contract.ExerciseRuns;
import dev.dvalabs.contract.Leftovers;
import dev.dvalabs.exercise.Catalog;
import dev.dvalabs.exercise.Exercise;
import dev.dvalabs.loop.Loop;
import dev.dvalabs.targets.Emulator;
import dev.dvalabs.targets.LocalEmulator;
import dev.dvalabs.verify.Report;
import dev.dvalabs.verify.Status;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
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

    private final StringWriter printed = new StringWriter();
    private final PrintWriter out = new PrintWriter(printed, true);
    private final Exercise exercise = Catalog.load().find(ID).orElseThrow();

    @BeforeAll
    static void startMoto() {
        moto = LocalEmulator.start(new LocalEmulator.Options().withEmulator(Emulator.MOTO));
    }

    @AfterAll
    static void stopMoto() {
        moto.close();
    }

    @AfterEach
    void destroy() {
        assertThat(new Loop(moto, out).destroy(exercise).clean()).as(printed.toString()).isTrue();
        Leftovers.assertNothingLeft(moto, ID);
    }

    @Test
    @DisplayName("the solution deploys with its key's tags and policy, and passes every check but moto's recorded deviations")
    void solutionPasses() {
        new Loop(moto, out).deploy(exercise, Variant.SOLUTION);
        try (KmsClient kms = moto.client(KmsClient.builder())) {
            String keyId = kms.describeKey(r -> r.keyId("alias/dva-labs-app")).keyMetadata().keyId();
            assertThat(kms.listResourceTags(r -> r.keyId(keyId)).tags()).extracting(Tag::tagKey, Tag::tagValue)
                    .contains(org.assertj.core.groups.Tuple.tuple("dva-labs:exercise", ID));
            assertThat(kms.getKeyPolicy(r -> r.keyId(keyId).policyName("default")).policy())
                    .contains("AllowKeyUse", ":role/dva-labs-key-user", ":role/dva-labs-key-admin");
        }

        Report report = new Loop(moto, out).verify(exercise, exercise.names());
        assertThat(report.outcomes()).allSatisfy(o -> assertThat(o.status()).as(o.id() + ": " + o.result())
                .isEqualTo(DEVIATIONS.contains(o.id()) ? Status.SKIP : Status.PASS));
    }

    @Test
    @DisplayName("the starter fails exactly what it fails on AWS, each with a hint")
    void starterFails() {
        new Loop(moto, out).deploy(exercise, Variant.STARTER);
        ExerciseRuns.failsExactly(new Loop(moto, out).verify(exercise, exercise.names()), Set.copyOf(exercise.starterFails()));
    }
}
