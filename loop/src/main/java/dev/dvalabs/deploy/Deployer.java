package dev.dvalabs.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.cdk.Variant;
import dev.dvalabs.exercise.Exercise;
import dev.dvalabs.targets.Target;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.waiters.CloudFormationWaiter;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetStatus;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.cloudformation.model.Tag;

/**
 * Deploys an exercise's stack through the CloudFormation API: creates it, or updates it through a
 * change set, printing stack events while it waits, and naming the failing resource when it fails.
 */
public final class Deployer {

    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Target target;
    private final PrintWriter out;

    public Deployer(Target target, PrintWriter out) {
        this.target = target;
        this.out = out;
    }

    /** What a deploy left: the stack, its run id and its outputs (the physical names the verifier needs). */
    public record Deployed(String stackName, String runId, Map<String, String> outputs,
                           Duration synthesis, Instant firstCloudFormationCall) {}

    /**
     * What {@link #deploy} would do, without writing anything: whether the stack is created or
     * updated, its resources, and the security-sensitive ones.
     */
    public List<String> dryRun(Exercise exercise, Variant variant) {
        String stackName = ExerciseStack.nameOf(exercise.id(), variant);
        String template = Synthesizer.template(exercise.lab(), variant, target);
        Plan plan = Plan.of(template, pseudoParameters());
        List<String> lines = new ArrayList<>();
        try (CloudFormationClient cloudFormation = target.client(CloudFormationClient.builder())) {
            boolean exists = StackProgress.on(target, cloudFormation, out).find(stackName).isPresent();
            lines.add("Would " + (exists ? "update" : "create") + " " + stackName + " on " + target.describe()
                    + ": " + plan.summary());
            if (!exists) {
                LookAlikes.refusal(target, exercise.id(), template)
                        .ifPresent(why -> lines.add("Would refuse: " + why));
            }
        }
        plan.securityChanges().forEach(change -> lines.add("  " + change));
        return lines;
    }

    public Deployed deploy(Exercise exercise, Variant variant) {
        return deploy(exercise, variant, exercise.names());
    }

    /**
     * Deploys with {@code names} (exercise.yaml's, with a learner's {@code --name} over them) given to the
     * template's parameters of the same keys: an exercise that needs a value only the learner has (their
     * own email address) declares a parameter named like the name the verifier reads it by.
     */
    public Deployed deploy(Exercise exercise, Variant variant, Map<String, String> names) {
        String stackName = ExerciseStack.nameOf(exercise.id(), variant);
        Instant synthesisStart = Instant.now();
        String template = Synthesizer.template(exercise.lab(), variant, target);
        Instant firstCall = Instant.now();
        Duration synthesis = Duration.between(synthesisStart, firstCall);
        try (CloudFormationClient cloudFormation = target.client(CloudFormationClient.builder())) {
            StackProgress progress = StackProgress.on(target, cloudFormation, out);
            refuseOtherVariant(progress, exercise, variant);
            Optional<Stack> existing = settle(progress, cloudFormation, exercise, stackName);
            if (existing.isEmpty()) {
                // Only a create can take over a learner's resource: an update changes the stack's own.
                LookAlikes.refusal(target, exercise.id(), template, names).ifPresent(why -> {
                    throw new RefusedException(why);
                });
            }
            Plan plan = Plan.of(template, pseudoParameters());
            if (!plan.securityChanges().isEmpty()) {
                out.println("Security-sensitive resources in " + stackName + ":");
                plan.securityChanges().forEach(change -> out.println("  " + change));
            }
            target.approveWrites((existing.isPresent() ? "update" : "create") + " stack " + stackName
                    + " with " + plan.summary());
            // An update keeps the run it belongs to, so a redeploy of an unchanged stack changes nothing.
            String runId = existing.flatMap(s -> s.tags().stream().filter(t -> t.key().equals(ExerciseStack.TAG_RUN))
                            .map(Tag::value).findFirst())
                    .orElseGet(() -> LocalDateTime.now().format(RUN_ID) + "-" + UUID.randomUUID().toString().substring(0, 4));
            Set<Tag> tags = Set.of(
                    tag(ExerciseStack.TAG_EXERCISE, exercise.id()),
                    tag(ExerciseStack.TAG_VARIANT, variant.label()),
                    tag(ExerciseStack.TAG_RUN, runId));
            out.println((existing.isPresent() ? "Updating " : "Creating ") + stackName + " on " + target.describe());
            List<Parameter> parameters = parameterNames(template).stream().filter(names::containsKey)
                    .map(p -> Parameter.builder().parameterKey(p).parameterValue(names.get(p)).build()).toList();
            Stack result;
            try {
                String sent = Compensations.withholding(target, template);
                result = existing.isPresent()
                        ? update(cloudFormation, progress, existing.get(), sent, tags, parameters)
                        : create(cloudFormation, progress, stackName, sent, tags, parameters);
            } catch (DeployException e) {
                Optional<String> known = exercise.lab().explainRefusal(e.getMessage());
                if (known.isPresent()) {
                    throw new DeployException(known.get());
                }
                throw e;
            }
            Map<String, String> outputs = new TreeMap<>(result.outputs().stream()
                    .collect(Collectors.toMap(Output::outputKey, Output::outputValue)));
            return new Deployed(stackName, runId, outputs, synthesis, firstCall);
        }
    }

    private void refuseOtherVariant(StackProgress progress, Exercise exercise, Variant variant) {
        for (Variant other : Variant.values()) {
            String otherName = ExerciseStack.nameOf(exercise.id(), other);
            if (other != variant && progress.find(otherName).isPresent()) {
                throw new RefusedException("The " + other.label() + " of " + exercise.id() + " is deployed ("
                        + otherName + "); run labs destroy " + exercise.id() + " before deploying the "
                        + variant.label() + ".");
            }
        }
    }

    /**
     * Brings an existing stack to a state a deploy can start from: waits out an operation in progress
     * and deletes a stack that a failed create left in ROLLBACK_COMPLETE (it can only be deleted).
     */
    private Optional<Stack> settle(StackProgress progress, CloudFormationClient cloudFormation, Exercise exercise,
                                   String stackName) {
        Optional<Stack> existing = progress.find(stackName);
        if (existing.isPresent() && existing.get().stackStatusAsString().endsWith("_IN_PROGRESS")) {
            out.println(stackName + " is " + existing.get().stackStatusAsString() + " from an earlier command; waiting for it.");
            existing = progress.await(existing.get().stackId(), progress.eventsSoFar(stackName));
        }
        if (existing.isEmpty()) {
            return existing;
        }
        StackStatus status = existing.get().stackStatus();
        if (status == StackStatus.ROLLBACK_COMPLETE) {
            out.println(stackName + " was left in ROLLBACK_COMPLETE by an earlier deploy; deleting it first.");
            target.approveWrites("delete stack " + stackName + " (ROLLBACK_COMPLETE)");
            String stackId = existing.get().stackId();
            Set<String> before = progress.eventsSoFar(stackId);
            cloudFormation.deleteStack(r -> r.stackName(stackId));
            if (progress.await(stackId, before).isPresent()) {
                throw new DeployException(stackName + " could not be deleted; run labs destroy " + exercise.id() + ".");
            }
            return Optional.empty();
        }
        if (status == StackStatus.CREATE_COMPLETE || status == StackStatus.UPDATE_COMPLETE
                || status == StackStatus.UPDATE_ROLLBACK_COMPLETE || status == StackStatus.IMPORT_COMPLETE) {
            return existing;
        }
        throw new DeployException(stackName + " is in " + status + " from an earlier run; run labs destroy "
                + exercise.id() + ", which removes what is left, then deploy again.");
    }

    private Stack create(CloudFormationClient cloudFormation, StackProgress progress, String stackName,
                         String template, Set<Tag> tags, List<Parameter> parameters) {
        String stackId = cloudFormation.createStack(r -> r.stackName(stackName).templateBody(template).tags(tags)
                .parameters(parameters)
                .capabilities(Capability.CAPABILITY_IAM, Capability.CAPABILITY_NAMED_IAM)).stackId();
        Stack stack = progress.await(stackId, Set.of(), resources(template))
                .orElseThrow(() -> new DeployException(stackName + " disappeared while it was being created."));
        if (stack.stackStatus() != StackStatus.CREATE_COMPLETE) {
            throw failed(progress, stack, Set.of());
        }
        return stack;
    }

    private Stack update(CloudFormationClient cloudFormation, StackProgress progress, Stack existing,
                         String template, Set<Tag> tags, List<Parameter> parameters) {
        // Change sets are addressed by stack name: ministack does not find them by stack id.
        String changeSet = "dva-labs-" + UUID.randomUUID().toString().substring(0, 8);
        cloudFormation.createChangeSet(r -> r.stackName(existing.stackName()).changeSetName(changeSet)
                .changeSetType(ChangeSetType.UPDATE).templateBody(template).tags(tags).parameters(parameters)
                .capabilities(Capability.CAPABILITY_IAM, Capability.CAPABILITY_NAMED_IAM));
        try (CloudFormationWaiter waiter = CloudFormationWaiter.builder().client(cloudFormation)
                .overrideConfiguration(w -> w.backoffStrategy(FixedDelayBackoffStrategy.create(progress.poll()))
                        .waitTimeout(Duration.ofMinutes(5)))
                .build()) {
            waiter.waitUntilChangeSetCreateComplete(r -> r.stackName(existing.stackName()).changeSetName(changeSet));
        } catch (SdkClientException e) {
            // The waiter gives up on a FAILED change set; its reason is read just below.
        }
        DescribeChangeSetResponse described = cloudFormation.describeChangeSet(
                r -> r.stackName(existing.stackName()).changeSetName(changeSet));
        if (described.status() != ChangeSetStatus.CREATE_COMPLETE) {
            String reason = String.valueOf(described.statusReason());
            try {
                cloudFormation.deleteChangeSet(r -> r.stackName(existing.stackName()).changeSetName(changeSet));
            } catch (CloudFormationException e) {
                // Some emulators drop a failed change set themselves; there is nothing left to delete.
            }
            if (reason.contains("didn't contain changes") || reason.contains("No updates")) {
                out.println(existing.stackName() + " is already up to date.");
                return existing;
            }
            throw new DeployException("The change set for " + existing.stackName() + " failed: " + reason);
        }
        Set<String> before = progress.eventsSoFar(existing.stackId());
        cloudFormation.executeChangeSet(r -> r.stackName(existing.stackName()).changeSetName(changeSet));
        Stack stack = progress.await(existing.stackId(), before, resources(template))
                .orElseThrow(() -> new DeployException(existing.stackName() + " disappeared while it was being updated."));
        if (stack.stackStatus() != StackStatus.UPDATE_COMPLETE) {
            throw failed(progress, stack, before);
        }
        return stack;
    }

    private static DeployException failed(StackProgress progress, Stack stack, Set<String> before) {
        String cause = progress.firstFailure(stack.stackId(), before)
                .orElse(stack.stackStatusReason() == null ? "no reason given" : stack.stackStatusReason());
        return new DeployException("Deploying " + stack.stackName() + " failed (" + stack.stackStatusAsString()
                + "): " + cause);
    }

    /** The keys of the template's Parameters section. */
    static List<String> parameterNames(String template) {
        try {
            List<String> names = new ArrayList<>();
            new ObjectMapper().readTree(template).path("Parameters").fieldNames().forEachRemaining(names::add);
            return names;
        } catch (JsonProcessingException e) {
            throw new DeployException("The template is not JSON: " + e.getOriginalMessage());
        }
    }

    private static int resources(String template) {
        return Plan.of(template).resourcesByType().values().stream().mapToInt(Long::intValue).sum();
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    /** The pseudo parameters' values on the target, for the plan's principals; the account only when STS says it. */
    private Map<String, String> pseudoParameters() {
        Map<String, String> values = new java.util.HashMap<>(Map.of("AWS::Region", target.region().id(),
                "AWS::Partition", Optional.ofNullable(target.region().metadata()).map(m -> m.partition().id()).orElse("aws")));
        try (software.amazon.awssdk.services.sts.StsClient sts = target.client(software.amazon.awssdk.services.sts.StsClient.builder())) {
            values.put("AWS::AccountId", sts.getCallerIdentity().account());
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            // The plan leaves out what it cannot resolve; the deploy itself says what is wrong with the target.
        }
        return values;
    }
}
