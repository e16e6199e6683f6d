package dev.dvalabs.deploy;

import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.targets.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.cloudformation.model.Tag;

/** The toolkit's live stacks on a target: what {@code labs status} lists and {@code destroy --all} removes. */
public final class DeployedStacks {

    private DeployedStacks() {}

    /** One toolkit stack, with the exercise it belongs to (from its tag) and its age. */
    public record Deployed(String stackName, String exercise, String variant, String run, String status, Duration age) {}

    public static List<Deployed> on(Target target) {
        try (CloudFormationClient cloudFormation = target.client(CloudFormationClient.builder())) {
            Instant now = Instant.now();
            return cloudFormation.describeStacksPaginator().stacks().stream()
                    .filter(s -> s.stackStatus() != StackStatus.DELETE_COMPLETE)
                    .filter(s -> tag(s, ExerciseStack.TAG_EXERCISE) != null)
                    .map(s -> new Deployed(s.stackName(), tag(s, ExerciseStack.TAG_EXERCISE), tag(s, ExerciseStack.TAG_VARIANT),
                            tag(s, ExerciseStack.TAG_RUN), s.stackStatusAsString(),
                            s.creationTime() == null ? Duration.ZERO : Duration.between(s.creationTime(), now)))
                    .toList();
        }
    }

    private static String tag(Stack stack, String key) {
        return stack.tags().stream().filter(t -> t.key().equals(key)).map(Tag::value).findFirst().orElse(null);
    }

    /** "2h 5m", "3m", "40s". */
    public static String age(Duration age) {
        if (age.toHours() > 0) {
            return age.toHours() + "h " + age.toMinutesPart() + "m";
        }
        return age.toMinutes() > 0 ? age.toMinutes() + "m" : age.toSeconds() + "s";
    }
}
