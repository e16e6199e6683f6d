package dev.dvalabs.destroy;

import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.cdk.Variant;
import dev.dvalabs.targets.Target;
import dev.dvalabs.verify.Fact;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.arns.Arn;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.waiters.Waiter;
import software.amazon.awssdk.core.waiters.WaiterAcceptor;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.ResourceStatus;
import software.amazon.awssdk.services.cloudformation.model.StackSummary;
import software.amazon.awssdk.services.dax.DaxClient;
import software.amazon.awssdk.services.dax.model.Cluster;
import software.amazon.awssdk.services.dax.model.ClusterNotFoundException;
import software.amazon.awssdk.services.dax.model.DaxException;
import software.amazon.awssdk.services.dax.model.DescribeClustersResponse;
import software.amazon.awssdk.services.dax.model.Tag;

/**
 * DAX clusters, by {@code arn:aws:dax:region:account:cache/<name>}, and the subnet and parameter groups made with
 * them. A group has no ARN and no tags, so it is proven the toolkit's another way: the tagged cluster names it, and
 * the exercise's stack its tags name (live or deleted) lists it among the resources it made. Such a group is
 * deleted once its cluster is gone, which takes DAX minutes; a group the stack did not make stays, said in the note.
 */
public final class DaxSweeper implements Sweeper {

    static final String SUBNET_GROUP = "AWS::DAX::SubnetGroup";
    static final String PARAMETER_GROUP = "AWS::DAX::ParameterGroup";

    private final BackoffStrategy interval;
    private final Duration patience;

    public DaxSweeper() {
        this(BackoffStrategy.fixedDelay(Duration.ofSeconds(15)), Duration.ofMinutes(20));
    }

    DaxSweeper(BackoffStrategy interval, Duration patience) {
        this.interval = interval;
        this.patience = patience;
    }

    @Override
    public String service() {
        return "dax";
    }

    @Override
    public Optional<Map<String, String>> tags(Target target, String arn) {
        try (DaxClient dax = target.client(DaxClient.builder())) {
            return Optional.of(dax.listTags(r -> r.resourceName(arn)).tags().stream()
                    .collect(Collectors.toMap(Tag::key, t -> t.value() == null ? "" : t.value(), (a, b) -> b)));
        } catch (ClusterNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public Swept delete(Target target, String arn) {
        String name = Arn.fromString(arn).resource().resource();
        try (DaxClient dax = target.client(DaxClient.builder())) {
            List<Group> groups = groupsOf(dax, name);
            // The tags, read again for the stack they name: the groups' one proof of whose they are.
            Optional<String> stack = stackOf(tags(target, arn).orElse(Map.of()));
            List<Group> made = made(target, stack, groups);
            dax.deleteCluster(r -> r.clusterName(name));
            List<String> note = new ArrayList<>();
            if (!made.isEmpty()) {
                note.add(deleteOnceGone(dax, name, made));
            }
            List<Group> notMade = groups.stream().filter(g -> !made.contains(g)).toList();
            if (!notMade.isEmpty()) {
                note.add("left " + Group.words(notMade) + ", which "
                        + stack.map(s -> s + " did not make").orElse("no stack of the exercise made")
                        + " (delete it yourself once the cluster is gone, if nothing else uses it)");
            }
            return Swept.deleted(String.join("; ", note));
        } catch (ClusterNotFoundException e) {
            return Swept.alreadyGone();
        }
    }

    /** The groups {@link #delete} would remove with the cluster, judged by the same rule (destroy --dry-run). */
    @Override
    public List<String> alongWith(Target target, String arn) {
        try (DaxClient dax = target.client(DaxClient.builder())) {
            List<Group> groups = groupsOf(dax, Arn.fromString(arn).resource().resource());
            return made(target, stackOf(tags(target, arn).orElse(Map.of())), groups).stream().map(Group::words).toList();
        } catch (ClusterNotFoundException e) {
            return List.of();
        }
    }

    /** The cluster's subnet and parameter groups, but DAX's own default groups, which are no one's to delete. */
    private static List<Group> groupsOf(DaxClient dax, String cluster) {
        Cluster described = dax.describeClusters(r -> r.clusterNames(cluster)).clusters().get(0);
        List<Group> groups = new ArrayList<>();
        Optional.ofNullable(described.subnetGroup()).map(g -> new Group(SUBNET_GROUP, g)).ifPresent(groups::add);
        Optional.ofNullable(described.parameterGroup()).map(g -> new Group(PARAMETER_GROUP, g.parameterGroupName()))
                .ifPresent(groups::add);
        groups.removeIf(g -> g.name() == null || g.name().startsWith("default"));
        return groups;
    }

    private static List<Group> made(Target target, Optional<String> stack, List<Group> groups) {
        return groups.stream().filter(g -> stack.filter(s -> madeBy(target, s, g)).isPresent()).toList();
    }

    /** A DAX subnet or parameter group, by its CloudFormation type and its name. */
    record Group(String type, String name) {

        String words() {
            return (type.equals(SUBNET_GROUP) ? "subnet group " : "parameter group ") + name;
        }

        static String words(List<Group> groups) {
            return groups.stream().map(Group::words).collect(Collectors.joining(" and "));
        }

        void delete(DaxClient dax) {
            if (type.equals(SUBNET_GROUP)) {
                dax.deleteSubnetGroup(r -> r.subnetGroupName(name));
            } else {
                dax.deleteParameterGroup(r -> r.parameterGroupName(name));
            }
        }
    }

    /** The stack a resource's toolkit tags say made it: {@code DvaLabs-<Exercise>-<Variant>}. */
    private static Optional<String> stackOf(Map<String, String> tags) {
        String exercise = tags.get(ExerciseStack.TAG_EXERCISE);
        return java.util.Arrays.stream(Variant.values()).filter(v -> exercise != null && v.label().equals(tags.get(ExerciseStack.TAG_VARIANT)))
                .map(v -> ExerciseStack.nameOf(exercise, v)).findFirst();
    }

    /**
     * Whether a stack of that name, standing or deleted, made the group and did not delete it: a group of that name
     * after the stack's record says it deleted its own is another one, which a learner may have made by hand.
     */
    private static boolean madeBy(Target target, String stackName, Group group) {
        try (CloudFormationClient cloudFormation = target.client(CloudFormationClient.builder())) {
            List<String> stackIds = cloudFormation.listStacksPaginator(r -> { }).stackSummaries().stream()
                    .filter(s -> s.stackName().equals(stackName)).map(StackSummary::stackId).toList();
            return stackIds.stream().anyMatch(id -> cloudFormation.listStackResourcesPaginator(r -> r.stackName(id))
                    .stackResourceSummaries().stream()
                    .anyMatch(r -> group.type().equals(r.resourceType()) && group.name().equals(r.physicalResourceId())
                            && r.resourceStatus() != ResourceStatus.DELETE_COMPLETE));
        }
    }

    /** Waits for the cluster to be gone (its groups are in use until then), then deletes them; says what became of them. */
    private String deleteOnceGone(DaxClient dax, String cluster, List<Group> groups) {
        Waiter<DescribeClustersResponse> gone = Waiter.builder(DescribeClustersResponse.class)
                .addAcceptor(WaiterAcceptor.successOnExceptionAcceptor(e -> e instanceof ClusterNotFoundException))
                .addAcceptor(WaiterAcceptor.retryOnResponseAcceptor(r -> true))
                .overrideConfiguration(o -> o.backoffStrategyV2(interval).waitTimeout(patience).maxAttempts(Integer.MAX_VALUE))
                .build();
        try {
            gone.run(() -> dax.describeClusters(r -> r.clusterNames(cluster)));
        } catch (SdkClientException stillThere) {
            // Nothing tags a group, so no later destroy finds it: say how to remove it.
            return "the cluster was still deleting after " + patience.toMinutes() + " min, so " + Group.words(groups)
                    + " remain: once it is gone, " + groups.stream().map(g -> "aws dax delete-" + (g.type().equals(SUBNET_GROUP)
                    ? "subnet-group --subnet-group-name " : "parameter-group --parameter-group-name ") + g.name())
                    .collect(Collectors.joining(" and "));
        }
        List<String> refused = new ArrayList<>();
        for (Group group : groups) {
            try {
                group.delete(dax);
            } catch (DaxException e) {
                refused.add(group.words() + " (" + Fact.messageOf(e) + ")");
            }
        }
        return refused.isEmpty() ? "with its " + Group.words(groups) : "could not delete " + String.join(", ", refused);
    }
}
