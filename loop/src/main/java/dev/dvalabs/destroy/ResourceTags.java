package dev.dvalabs.destroy;

import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.targets.Target;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.ResourceStatus;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;

/**
 * Whether a resource is an exercise's, by the tags its own service reports now. Both destroy (before
 * deleting) and deploy (before taking a name) ask here, never the tagging index alone.
 *
 * <p>ministack keeps the tags of a table its CloudFormation deleted under the table's ARN, and hands
 * them to the next table of that name, a learner's included. Such tags name, in
 * {@code aws:cloudformation:stack-id} and {@code logical-id}, a deleted stack whose events say it
 * deleted that resource: they belong to the resource that is gone, so they are not counted. (A KMS key
 * CloudFormation "deleted" is the same key, pending deletion: its ARN is no name anyone can reuse.)
 */
public final class ResourceTags {

    static final String STACK_ID = "aws:cloudformation:stack-id";
    static final String LOGICAL_ID = "aws:cloudformation:logical-id";

    private ResourceTags() {}

    /** The resource's own tags, without tags inherited from a deleted namesake; empty when it is gone. */
    public static Optional<Map<String, String>> read(Target target, Sweeper sweeper, String arn) {
        return sweeper.tags(target, arn).map(tags -> sweeper.arnComesFromAName() && leftByADeletedStack(target, tags)
                ? Map.of() : tags);
    }

    /** Whether the tags say the resource is this exercise's. */
    public static boolean marks(Map<String, String> tags, String exerciseId) {
        return exerciseId.equals(tags.get(ExerciseStack.TAG_EXERCISE));
    }

    private static boolean leftByADeletedStack(Target target, Map<String, String> tags) {
        String stackId = tags.get(STACK_ID);
        String logicalId = tags.get(LOGICAL_ID);
        if (stackId == null || logicalId == null) {
            return false;
        }
        try (CloudFormationClient cloudFormation = target.client(CloudFormationClient.builder())) {
            boolean stackDeleted = cloudFormation.describeStacks(r -> r.stackName(stackId)).stacks().stream()
                    .anyMatch(s -> s.stackStatus() == StackStatus.DELETE_COMPLETE);
            // A retained resource has DELETE_SKIPPED here, so it stays the toolkit's and is swept.
            return stackDeleted && cloudFormation.describeStackEventsPaginator(r -> r.stackName(stackId)).stackEvents()
                    .stream().anyMatch(e -> logicalId.equals(e.logicalResourceId())
                            && e.resourceStatus() == ResourceStatus.DELETE_COMPLETE);
        } catch (CloudFormationException e) {
            // A stack too long gone to describe says nothing either way; the tags are taken as they are.
            return false;
        }
    }
}
