package dev.dvalabs.destroy;

import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.cdk.Variant;
import dev.dvalabs.deploy.DeployException;
import dev.dvalabs.deploy.StackProgress;
import dev.dvalabs.target.Target;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.ResourceStatus;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackResourceSummary;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.ResourceTagMapping;

/**
 * Removes everything an exercise left on a target: its stacks in either variant, then whatever still
 * carries the exercise's tag (retained resources, or parts of an interrupted deploy). It never touches
 * a resource without the toolkit's tag. Safe to run again at any point.
 */
public final class Teardown {

    private final Target target;
    private final PrintWriter out;

    public Teardown(Target target, PrintWriter out) {
        this.target = target;
        this.out = out;
    }

    /** What a teardown removed and what is still there, with why. */
    public record Result(List<String> removed, List<String> remaining) {
        public boolean clean() {
            return remaining.isEmpty();
        }
    }

    public Result destroy(String exerciseId) {
        List<String> removed = new ArrayList<>();
        try (CloudFormationClient cloudFormation = target.client(CloudFormationClient.builder())) {
            StackProgress progress = StackProgress.on(target, cloudFormation, out);
            for (Variant variant : Variant.values()) {
                String stackName = ExerciseStack.nameOf(exerciseId, variant);
                deleteStack(cloudFormation, progress, stackName).ifPresent(removed::add);
            }
        }
        List<ResourceTagMapping> tagged = taggedResources(exerciseId);
        List<String> remaining = new ArrayList<>();
        for (ResourceTagMapping resource : tagged) {
            Swept swept = delete(resource.resourceARN());
            switch (swept.outcome()) {
                case REMOVED -> removed.add(resource.resourceARN() + " (tagged " + ExerciseStack.TAG_EXERCISE + "=" + exerciseId + ")");
                case ALREADY_GONE -> { }
                case REMAINS -> remaining.add(resource.resourceARN() + ": " + swept.why());
            }
        }
        return new Result(List.copyOf(removed), List.copyOf(remaining));
    }

    private Optional<String> deleteStack(CloudFormationClient cloudFormation, StackProgress progress, String stackName) {
        Optional<Stack> stack = progress.find(stackName);
        if (stack.isEmpty()) {
            return Optional.empty();
        }
        target.approveWrites("delete stack " + stackName + " and anything tagged by it");
        String stackId = stack.get().stackId();
        if (stack.get().stackStatusAsString().endsWith("_IN_PROGRESS")) {
            out.println(stackName + " is " + stack.get().stackStatusAsString() + "; waiting for it before deleting.");
            stack = progress.await(stackId, progress.eventsSoFar(stackId));
        }
        out.println("Deleting " + stackName + " on " + target.describe());
        Set<String> before = progress.eventsSoFar(stackId);
        cloudFormation.deleteStack(r -> r.stackName(stackId));
        Optional<Stack> after = progress.await(stackId, before);
        if (after.isPresent() && after.get().stackStatus() == StackStatus.DELETE_FAILED) {
            // Delete again, keeping the resources that refused; the sweep by tags below removes them.
            List<String> stuck = cloudFormation.listStackResources(r -> r.stackName(stackId)).stackResourceSummaries()
                    .stream().filter(r -> r.resourceStatus() == ResourceStatus.DELETE_FAILED)
                    .map(StackResourceSummary::logicalResourceId).toList();
            out.println(stackName + " is DELETE_FAILED (" + String.join(", ", stuck) + "); deleting it again,"
                    + " keeping those for the sweep by tags.");
            Set<String> beforeRetry = progress.eventsSoFar(stackId);
            cloudFormation.deleteStack(r -> r.stackName(stackId).retainResources(stuck));
            after = progress.await(stackId, beforeRetry);
        }
        if (after.isPresent()) {
            throw new DeployException(stackName + " is still " + after.get().stackStatusAsString()
                    + " after deleting it; " + Optional.ofNullable(after.get().stackStatusReason()).orElse(""));
        }
        return Optional.of("stack " + stackName);
    }

    private List<ResourceTagMapping> taggedResources(String exerciseId) {
        try (ResourceGroupsTaggingApiClient tagging = target.client(ResourceGroupsTaggingApiClient.builder())) {
            List<ResourceTagMapping> found = new ArrayList<>();
            tagging.getResourcesPaginator(r -> r.tagFilters(f -> f.key(ExerciseStack.TAG_EXERCISE).values(exerciseId)))
                    .resourceTagMappingList().forEach(found::add);
            // The filter is the service's; the toolkit deletes only what it can see carries its own tag.
            return found.stream().filter(m -> m.tags().stream().anyMatch(t ->
                    t.key().equals(ExerciseStack.TAG_EXERCISE) && t.value().equals(exerciseId))).toList();
        }
    }

    private enum Outcome { REMOVED, ALREADY_GONE, REMAINS }

    private record Swept(Outcome outcome, String why) {}

    /** Deletes one tagged resource. The tagging index lags behind deletions, so "not found" means already gone. */
    private Swept delete(String arn) {
        String service = arn.split(":", 6)[2];
        try {
            switch (service) {
                case "dynamodb" -> {
                    try (DynamoDbClient dynamo = target.client(DynamoDbClient.builder())) {
                        dynamo.deleteTable(r -> r.tableName(arn.substring(arn.indexOf(":table/") + 7)));
                    } catch (ResourceNotFoundException e) {
                        return new Swept(Outcome.ALREADY_GONE, "");
                    }
                }
                default -> {
                    return new Swept(Outcome.REMAINS, "the toolkit has no way to delete " + service
                            + " resources yet; delete it by hand");
                }
            }
            return new Swept(Outcome.REMOVED, "");
        } catch (AwsServiceException e) {
            return new Swept(Outcome.REMAINS, e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage());
        }
    }
}
