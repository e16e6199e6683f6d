package dev.dvalabs.destroy;

import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.cdk.Variant;
import dev.dvalabs.deploy.Compensations;
import dev.dvalabs.deploy.DeployException;
import dev.dvalabs.deploy.StackProgress;
import dev.dvalabs.targets.Target;
import dev.dvalabs.verify.Fact;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.ResourceStatus;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackResourceSummary;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.ResourceTagMapping;

/**
 * Removes everything an exercise left on a target: its stacks in either variant, then whatever still
 * carries the exercise's tag (retained resources, or parts of an interrupted deploy). It never touches
 * a resource without the toolkit's tag. Safe to run again at any point.
 */
public final class Teardown {

    /** The sweeper of a service ({@code dynamodb}, {@code sqs}, ...), whose {@link Sweeper#tags} deploy reads too. */
    public static Optional<Sweeper> sweeper(String service) {
        return Optional.ofNullable(SWEEPERS.get(service));
    }

    /** One sweeper per service whose resources a stack delete can leave behind. */
    private static final Map<String, Sweeper> SWEEPERS = Stream.of(new ApiGatewaySweeper(), new DaxSweeper(), new DynamoDbSweeper(),
            new Ec2Sweeper(), new ElastiCacheSweeper(), new FirehoseSweeper(), new IamSweeper(), new KinesisSweeper(), new KmsSweeper(),
            new LambdaSweeper(), new LogsSweeper(), new S3Sweeper(), new SesSweeper(), new SnsSweeper(), new SqsSweeper())
            .collect(Collectors.toUnmodifiableMap(Sweeper::service, s -> s));

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

    /** What {@link #destroy} would remove, without removing anything. */
    public List<String> plan(String exerciseId) {
        List<String> lines = new ArrayList<>();
        try (CloudFormationClient cloudFormation = target.client(CloudFormationClient.builder())) {
            StackProgress progress = StackProgress.on(target, cloudFormation, out);
            for (Variant variant : Variant.values()) {
                String stackName = ExerciseStack.nameOf(exerciseId, variant);
                progress.find(stackName).ifPresent(s -> {
                    lines.add("Would delete stack " + stackName + " (" + s.stackStatusAsString() + ")");
                    // What destroy removes beside the stack: mappings made by hand to its functions, their log groups.
                    FunctionLeftovers.of(target, exerciseId, cloudFormation, s).planned(out)
                            .forEach(leftover -> lines.add("Would delete " + leftover));
                });
            }
        }
        for (ResourceTagMapping resource : taggedResources(exerciseId)) {
            String service = resource.resourceARN().split(":", 6)[2];
            Sweeper sweeper = SWEEPERS.get(service);
            // Judged as destroy judges it: by the resource's own tags, not the tagging index's memory of them.
            if (sweeper != null && !marked(sweeper, resource.resourceARN(), exerciseId)) {
                continue;
            }
            List<String> along = sweeper == null ? List.of() : sweeper.alongWith(target, resource.resourceARN());
            lines.add("Would delete " + resource.resourceARN() + (along.isEmpty() ? "" : " with its " + String.join(" and ", along))
                    + " if the stack leaves it" + (sweeper != null ? "" : " (no sweeper for " + service + ": it would remain)"));
        }
        return lines;
    }

    /** Whether the resource's own tags say it is the exercise's; a read refused leaves that to destroy to say. */
    private boolean marked(Sweeper sweeper, String arn, String exerciseId) {
        try {
            return ResourceTags.read(target, sweeper, arn).map(tags -> ResourceTags.marks(tags, exerciseId)).orElse(false);
        } catch (AwsServiceException e) {
            return true;
        }
    }

    public Result destroy(String exerciseId) {
        List<String> removed = new ArrayList<>();
        List<String> remaining = new ArrayList<>();
        List<Retained> retained = new ArrayList<>();
        try (CloudFormationClient cloudFormation = target.client(CloudFormationClient.builder())) {
            StackProgress progress = StackProgress.on(target, cloudFormation, out);
            for (Variant variant : Variant.values()) {
                String stackName = ExerciseStack.nameOf(exerciseId, variant);
                removed.addAll(deleteStack(cloudFormation, progress, exerciseId, stackName, retained));
            }
        }
        List<ResourceTagMapping> pending = taggedResources(exerciseId);
        Map<String, String> refused = new java.util.LinkedHashMap<>();
        // A resource refused while a tagged one inside it stood (a VPC before its subnets) is tried again once
        // a pass removed something: the sweep ends when a pass removes nothing.
        boolean progressed = true;
        while (progressed && !pending.isEmpty()) {
            progressed = false;
            List<ResourceTagMapping> again = new ArrayList<>();
            for (ResourceTagMapping resource : pending) {
                String arn = resource.resourceARN();
                Sweeper sweeper = SWEEPERS.get(arn.split(":", 6)[2]);
                if (sweeper == null || !sweeper.sweeps(arn)) {
                    refused.put(arn, arn + ": the toolkit has no way to delete this kind of " + arn.split(":", 6)[2]
                            + " resource yet; delete it by hand");
                    continue;
                }
                try {
                    Optional<String> swept = sweep(exerciseId, sweeper, arn);
                    refused.remove(arn);
                    if (swept.isPresent()) {
                        removed.add(swept.get());
                        progressed = true;
                    }
                } catch (AwsServiceException e) {
                    refused.put(arn, arn + ": " + Fact.messageOf(e));
                    again.add(resource);
                }
            }
            pending = again;
        }
        remaining.addAll(refused.values());
        for (Retained r : retained) {
            if (Stream.concat(removed.stream(), remaining.stream()).noneMatch(line -> line.contains(r.physicalId()))) {
                remaining.add(r.describe());
            }
        }
        return new Result(List.copyOf(removed), List.copyOf(remaining));
    }

    /**
     * Deletes one tagged resource if its own tags still say it is the exercise's.
     *
     * @return what to report as removed; empty when it was gone or is not the exercise's
     * @throws AwsServiceException when the service refuses
     */
    private Optional<String> sweep(String exerciseId, Sweeper sweeper, String arn) {
        // Read again right before deleting: the tagging index lags and, on ministack, remembers
        // a deleted table's tags for the learner's table of the same name made afterwards.
        Optional<Map<String, String>> tags = ResourceTags.read(target, sweeper, arn);
        if (tags.isEmpty()) {
            return Optional.empty();
        }
        if (!ResourceTags.marks(tags.get(), exerciseId)) {
            out.println("Left " + arn + " as it is: its own tags do not say " + ExerciseStack.TAG_EXERCISE
                    + "=" + exerciseId + ", only the tagging index did.");
            return Optional.empty();
        }
        Sweeper.Swept swept = sweeper.delete(target, arn);
        return swept.removed() ? Optional.of(arn + " (tagged " + ExerciseStack.TAG_EXERCISE + "=" + exerciseId + ")"
                + (swept.note().isEmpty() ? "" : ": " + swept.note())) : Optional.empty();
    }

    /** A resource a stack delete kept because AWS refused to delete it. */
    private record Retained(String stackName, StackResourceSummary resource) {
        String physicalId() {
            return Optional.ofNullable(resource.physicalResourceId()).filter(id -> !id.isEmpty())
                    .orElse(resource.logicalResourceId());
        }

        String describe() {
            return resource.resourceType() + " " + physicalId() + ", which deleting " + stackName + " left: "
                    + StackProgress.reason(resource.resourceStatusReason());
        }
    }

    /** Deletes the stack and what its functions left; returns what was removed, nothing when there was no stack. */
    private List<String> deleteStack(CloudFormationClient cloudFormation, StackProgress progress, String exerciseId,
                                     String stackName, List<Retained> retained) {
        Optional<Stack> stack = progress.find(stackName);
        if (stack.isEmpty()) {
            return List.of();
        }
        target.approveWrites("delete stack " + stackName + " and anything tagged by it");
        String stackId = stack.get().stackId();
        if (stack.get().stackStatusAsString().endsWith("_IN_PROGRESS")) {
            out.println(stackName + " is " + stack.get().stackStatusAsString() + "; waiting for it before deleting.");
            stack = progress.await(stackId, progress.eventsSoFar(stackId));
        }
        Optional<String> rebuilt = RebuiltByHand.first(target, cloudFormation, stackId);
        if (rebuilt.isPresent()) {
            throw new DeployException(rebuilt.get() + " was made after " + stackName + " last touched it, so it is no longer"
                    + " what the stack made and deleting the stack would delete it by its name: destroy deleted nothing;"
                    + " back it up or delete it yourself, then run labs destroy again.");
        }
        out.println("Deleting " + stackName + " on " + target.describe());
        FunctionLeftovers leftovers = FunctionLeftovers.of(target, exerciseId, cloudFormation, stack.get());
        List<String> removed = new ArrayList<>(leftovers.beforeStackDelete());
        Set<String> before = progress.eventsSoFar(stackId);
        int resources = cloudFormation.listStackResources(r -> r.stackName(stackId)).stackResourceSummaries().size();
        Compensations.beforeDelete(target, stackId);
        cloudFormation.deleteStack(r -> r.stackName(stackId));
        Optional<Stack> after = progress.await(stackId, before, resources);
        if (after.isPresent() && after.get().stackStatus() == StackStatus.DELETE_FAILED) {
            // Delete again, keeping the resources that refused; the sweep by tags below removes them.
            List<StackResourceSummary> failed = cloudFormation.listStackResources(r -> r.stackName(stackId))
                    .stackResourceSummaries().stream().filter(r -> r.resourceStatus() == ResourceStatus.DELETE_FAILED).toList();
            failed.forEach(r -> retained.add(new Retained(stackName, r)));
            List<String> stuck = failed.stream().map(StackResourceSummary::logicalResourceId).toList();
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
        removed.add(0, "stack " + stackName);
        removed.addAll(leftovers.afterStackDelete(out));
        return removed;
    }

    private List<ResourceTagMapping> taggedResources(String exerciseId) {
        return tagged(Optional.of(exerciseId)).getOrDefault(exerciseId, List.of()).stream()
                .map(arn -> ResourceTagMapping.builder().resourceARN(arn).build()).toList();
    }

    /**
     * The ARNs of what carries the toolkit's exercise tag on the target, by exercise, whatever stack there is or
     * is not: with none, what an earlier destroy could not remove (a VPC a learner's cache still stood in), which
     * {@code status} and {@code destroy --all} must see too.
     */
    public Map<String, List<String>> tagged() {
        return tagged(Optional.empty());
    }

    /**
     * Whether the resource still stands with the exercise's tag, by its own service where a sweeper reads it: the
     * tagging index lags behind deletions and, on ministack, outlives them.
     */
    private boolean stillTagged(String arn, String exerciseId) {
        Sweeper sweeper = SWEEPERS.get(arn.split(":", 6)[2]);
        if (sweeper == null || !sweeper.sweeps(arn)) {
            return true;
        }
        try {
            Optional<Map<String, String>> tags = ResourceTags.read(target, sweeper, arn);
            if (tags.isPresent() && !ResourceTags.marks(tags.get(), exerciseId)) {
                out.println("Left " + arn + " as it is: its own tags do not say " + ExerciseStack.TAG_EXERCISE
                        + "=" + exerciseId + ", only the tagging index did.");
            }
            return tags.filter(t -> ResourceTags.marks(t, exerciseId)).isPresent();
        } catch (AwsServiceException e) {
            return true; // a refusal hides what stands: the sweep says what the service said
        }
    }

    private Map<String, List<String>> tagged(Optional<String> exerciseId) {
        // The tagging index and the sweepers' own listings of what it misses are asked at once: each is a round trip
        // or a few, and one after the other they were most of a destroy on an emulator. What each finds is merged
        // and said in the same order whichever answers first.
        ExecutorService pool = Executors.newFixedThreadPool(LISTINGS_AT_ONCE, r -> {
            Thread thread = new Thread(r, "destroy-listing");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Future<Map<String, List<String>>> index = pool.submit(() -> fromTaggingIndex(exerciseId));
            List<Sweeper> sweepers = SWEEPERS.values().stream().sorted(Comparator.comparing(Sweeper::service)).toList();
            List<Future<List<String>>> listings = sweepers.stream().map(s -> pool.submit(() -> s.listed(target))).toList();
            Map<String, List<String>> byExercise = result(index);
            Set<String> known = byExercise.values().stream().flatMap(List::stream).collect(Collectors.toSet());
            List<Future<Map<String, List<String>>>> read = new ArrayList<>();
            for (int i = 0; i < sweepers.size(); i++) {
                Sweeper sweeper = sweepers.get(i);
                List<String> listed;
                try {
                    listed = result(listings.get(i));
                } catch (AwsServiceException e) {
                    // A target without the service (an emulator that does not emulate it) holds none of its
                    // resources; any other refusal is said, as what it hides may be left.
                    out.println("Could not list " + sweeper.service() + " resources to sweep: " + Fact.messageOf(e));
                    continue;
                }
                List<String> unknown = listed.stream().filter(arn -> !known.contains(arn)).toList();
                read.add(pool.submit(() -> ownTags(sweeper, unknown, exerciseId)));
            }
            for (Future<Map<String, List<String>>> found : read) {
                result(found).forEach((exercise, arns) -> byExercise.computeIfAbsent(exercise, x -> new ArrayList<>()).addAll(arns));
            }
            return byExercise;
        } finally {
            pool.shutdownNow();
        }
    }

    private static final int LISTINGS_AT_ONCE = 8;

    /** What the tagging index says carries the exercise tag, kept only where the resource's own tags still say so. */
    private Map<String, List<String>> fromTaggingIndex(Optional<String> exerciseId) {
        Map<String, List<String>> byExercise = new java.util.TreeMap<>();
        try (ResourceGroupsTaggingApiClient tagging = target.client(ResourceGroupsTaggingApiClient.builder())) {
            tagging.getResourcesPaginator(r -> r.tagFilters(f -> f.key(ExerciseStack.TAG_EXERCISE)
                            .values(exerciseId.map(List::of).orElse(null))))
                    .resourceTagMappingList().forEach(m -> m.tags().stream()
                            // The filter is the service's; the toolkit deletes only what it can see carries its own tag.
                            .filter(t -> t.key().equals(ExerciseStack.TAG_EXERCISE)
                                    && exerciseId.map(t.value()::equals).orElse(true))
                            .findFirst()
                            .filter(t -> stillTagged(m.resourceARN(), t.value()))
                            .ifPresent(t -> byExercise.computeIfAbsent(t.value(), x -> new ArrayList<>()).add(m.resourceARN())));
        }
        return byExercise;
    }

    /** The listed resources whose own tags name an exercise (the one asked about, when one is), by exercise. */
    private Map<String, List<String>> ownTags(Sweeper sweeper, List<String> arns, Optional<String> exerciseId) {
        Map<String, List<String>> byExercise = new java.util.TreeMap<>();
        for (String arn : arns) {
            ResourceTags.read(target, sweeper, arn).map(tags -> tags.get(ExerciseStack.TAG_EXERCISE))
                    .filter(exercise -> exerciseId.map(exercise::equals).orElse(true))
                    .ifPresent(exercise -> byExercise.computeIfAbsent(exercise, x -> new ArrayList<>()).add(arn));
        }
        return byExercise;
    }

    /** A listing's answer, or what it threw, as if it had been asked here. */
    private static <T> T result(Future<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeployException("Interrupted while listing what the exercise left.");
        }
    }
}
