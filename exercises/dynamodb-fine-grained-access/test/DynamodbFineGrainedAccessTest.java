package dev.dvalabs.exercises.dynamodbfinegrainedaccess;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.cdk.Variant;
import dev.dvalabs.contract.EndToEnd;
import dev.dvalabs.contract.ExerciseRuns;
import dev.dvalabs.targets.LocalEmulator;
import dev.dvalabs.testing.LocalEmulatorExtension;
import dev.dvalabs.verify.Report;
import dev.dvalabs.verify.Status;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** dynamodb-fine-grained-access end to end on the local emulator, which enforces no IAM for DynamoDB. */
@ExtendWith(LocalEmulatorExtension.class)
class DynamodbFineGrainedAccessTest {

    static final String ID = new DynamodbFineGrainedAccess().id();
    static final Set<String> SESSIONS = Set.of("sessions-own-items", "sessions-kept-apart");

    @RegisterExtension
    final EndToEnd lab = new EndToEnd(ID);

    @Test
    @DisplayName("on ministack the sessions checks are SKIP for want of IAM enforcement, recorded or not, and write nothing")
    void sessionsSkipForWantOfEnforcement(LocalEmulator emulator) {
        lab.deploy(emulator, Variant.SOLUTION);
        Report strict = lab.verify(ExerciseRuns.strict(emulator));
        assertThat(strict.ids(Status.SKIP)).isEqualTo(SESSIONS);
        assertThat(strict.outcome("sessions-kept-apart").result().observed())
                .startsWith(Sessions.NO_ENFORCEMENT).contains("session policy allows no DynamoDB action");
        assertThat(strict.ids(Status.PASS)).hasSize(strict.outcomes().size() - SESSIONS.size());
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder())) {
            assertThat(dynamo.scan(r -> r.tableName("dva-labs-user-items")).items()).isEmpty();
        }
    }

    @Test
    @DisplayName("the starter fails the policy checks that a role shared by every user fails, on the emulator too")
    void starterFailsThePolicyChecks(LocalEmulator emulator) {
        lab.deploy(emulator, Variant.STARTER);
        Report report = lab.verify(emulator);
        ExerciseRuns.failsExactly(report, Set.of("trust-session-tag", "others-items-refused", "batch-mixing-refused", "scan-refused"));
        assertThat(report.outcome("scan-refused").result().observed()).contains("ana dynamodb:Scan");
        assertThat(report.ids(Status.SKIP)).isEqualTo(SESSIONS);
    }
}
