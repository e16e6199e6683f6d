package dev.dvalabs.destroy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.targets.LocalEmulator;
import dev.dvalabs.testing.LocalEmulatorExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * The IAM sweeper lists the roles a toolkit stack named (CDK's stack-named ones, like a RestApi's retained CloudWatch
 * role, and the toolkit's own dva-labs- names), which no tagging index lists: without that listing destroy would never
 * find such a role and status would not show it.
 */
@ExtendWith(LocalEmulatorExtension.class)
class IamSweeperListedTest {

    private static final String EXERCISE = "retained-roles";
    private static final String RETAINED = "DvaLabs-RetainedRoles-Solution-ApiCloudWatchRole1A2B3C";
    private static final String OWN = "dva-labs-retained-roles-own";
    private static final String LEARNERS = "learners-retained-roles";

    @Test
    void stackNamedRolesAreListedAndDestroyRemovesTheTaggedOneAndNoOther(LocalEmulator emulator) {
        try (IamClient iam = emulator.client(IamClient.builder())) {
            String retained = role(iam, RETAINED, Map.of("dva-labs:exercise", EXERCISE));
            String own = role(iam, OWN, Map.of());
            String learners = role(iam, LEARNERS, Map.of("dva-labs:exercise", EXERCISE));

            assertThat(new IamSweeper().listed(emulator)).contains(retained, own).doesNotContain(learners);
            assertThat(RetainedRoles.on(emulator)).contains(new RetainedRoles.Role(retained, EXERCISE))
                    .noneMatch(r -> r.arn().equals(own) || r.arn().equals(learners));

            Teardown.Result result = new Teardown(emulator, new PrintWriter(new StringWriter(), true)).destroy(EXERCISE);
            assertThat(result.removed()).anyMatch(r -> r.startsWith(retained));
            assertThat(exists(iam, RETAINED)).as("the retained role is gone").isFalse();
            assertThat(exists(iam, OWN)).as("untagged: not provably the exercise's").isTrue();
            assertThat(exists(iam, LEARNERS)).as("a name no toolkit stack gives").isTrue();
            new IamSweeper().delete(emulator, own);
            new IamSweeper().delete(emulator, learners);
        }
    }

    private static String role(IamClient iam, String name, Map<String, String> tags) {
        return iam.createRole(r -> r.roleName(name).assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[]}")
                .tags(tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()))
                .role().arn();
    }

    private static boolean exists(IamClient iam, String name) {
        try {
            iam.getRole(r -> r.roleName(name));
            return true;
        } catch (NoSuchEntityException e) {
            return false;
        }
    }
}
