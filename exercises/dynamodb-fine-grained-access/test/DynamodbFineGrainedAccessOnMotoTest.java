package dev.dvalabs.exercises.dynamodbfinegrainedaccess;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.cdk.Variant;
import dev.dvalabs.contract.EndToEnd;
import dev.dvalabs.loop.Loop;
import dev.dvalabs.targets.Emulator;
import dev.dvalabs.targets.LocalEmulator;
import dev.dvalabs.verify.Report;
import dev.dvalabs.verify.Status;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * On moto, whose CloudFormation keeps a role's inline policy as Python's text of it (unreadable as JSON): the
 * deployer puts the policy again through the API, and the policy checks judge the solution's role strictly.
 */
class DynamodbFineGrainedAccessOnMotoTest {

    static final String ID = new DynamodbFineGrainedAccess().id();

    final EndToEnd lab = new EndToEnd(ID);

    @Test
    @DisplayName("on moto the solution passes every policy check: its inline policy reads as the JSON the template says")
    void solutionPassesOnMoto() {
        try (LocalEmulator moto = LocalEmulator.start(new LocalEmulator.Options().withEmulator(Emulator.MOTO))) {
            Loop loop = new Loop(moto, lab.out());
            loop.deploy(lab.exercise(), Variant.SOLUTION);
            try (IamClient iam = moto.client(IamClient.builder())) {
                String role = lab.exercise().names().get("role");
                String document = iam.getRolePolicy(r -> r.roleName(role).policyName("own-items")).policyDocument();
                assertThat(java.net.URLDecoder.decode(document, java.nio.charset.StandardCharsets.UTF_8))
                        .contains("\"dynamodb:LeadingKeys\"").doesNotContain("'");
            }
            Report report = lab.verify(moto);
            assertThat(report.ids(Status.FAIL)).as(lab.printed()).isEmpty();
            assertThat(report.ids(Status.ERROR)).isEmpty();
            assertThat(report.ids(Status.SKIP)).isEqualTo(Set.of("sessions-own-items", "sessions-kept-apart"));
            assertThat(loop.destroy(lab.exercise()).clean()).isTrue();
        }
    }
}
