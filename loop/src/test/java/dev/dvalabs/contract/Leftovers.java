package dev.dvalabs.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.cdk.Variant;
import dev.dvalabs.destroy.Teardown;
import dev.dvalabs.targets.Target;
import java.io.PrintWriter;
import java.io.StringWriter;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;

/** What a destroy must leave: no stack of the exercise in either variant, and nothing carrying its tag. */
public final class Leftovers {

    private Leftovers() {}

    public static void assertNothingLeft(Target target, String exerciseId) {
        try (CloudFormationClient cloudFormation = target.client(CloudFormationClient.builder())) {
            for (Variant variant : Variant.values()) {
                String name = ExerciseStack.nameOf(exerciseId, variant);
                assertThat(cloudFormation.listStacks().stackSummaries())
                        .filteredOn(s -> s.stackStatus() != StackStatus.DELETE_COMPLETE)
                        .noneMatch(s -> s.stackName().equals(name));
            }
        }
        assertThat(new Teardown(target, new PrintWriter(new StringWriter())).plan(exerciseId))
                .as("what a second destroy would still find").isEmpty();
    }
}
