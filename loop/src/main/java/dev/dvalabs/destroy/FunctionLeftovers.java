package dev.dvalabs.destroy;

import dev.dvalabs.targets.Target;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackResourceSummary;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * What a stack's Lambda functions bring about that deleting the stack does not remove: event source
 * mappings the learner made by hand to invoke them, and the log groups Lambda made when they ran. Both
 * are the exercise's because the functions are the stack's (their names come from the stack itself);
 * a log group also has to be younger than the stack.
 */
final class FunctionLeftovers {

    /** A function, with the log group its logging config points at when that is not the one Lambda makes by default. */
    private record Function(String name, Optional<String> configuredGroup) {
        String defaultGroup() {
            return "/aws/lambda/" + name;
        }
    }

    private final Target target;
    private final Instant stackCreated;
    private final List<Function> functions;
    private final Set<String> stackMappings;
    private final String exerciseId;

    private FunctionLeftovers(Target target, String exerciseId, Instant stackCreated, List<Function> functions,
                              Set<String> stackMappings) {
        this.target = target;
        this.exerciseId = exerciseId;
        this.stackCreated = stackCreated;
        this.functions = functions;
        this.stackMappings = stackMappings;
    }

    /** The stack's functions as they are now, read before the stack is deleted. */
    static FunctionLeftovers of(Target target, String exerciseId, CloudFormationClient cloudFormation, Stack stack) {
        List<StackResourceSummary> resources = cloudFormation.listStackResourcesPaginator(r -> r.stackName(stack.stackId()))
                .stackResourceSummaries().stream()
                .filter(r -> r.physicalResourceId() != null && !r.physicalResourceId().isEmpty()).toList();
        List<String> names = physicalIds(resources, "AWS::Lambda::Function");
        return of(target, exerciseId, stack.creationTime(), names, Set.copyOf(physicalIds(resources, "AWS::Lambda::EventSourceMapping")));
    }

    /** The named functions as they are now, for a stack made at {@code stackCreated}. */
    static FunctionLeftovers of(Target target, String exerciseId, Instant stackCreated, List<String> names,
                                Set<String> stackMappings) {
        List<Function> functions = new ArrayList<>();
        if (!names.isEmpty()) {
            try (LambdaClient lambda = target.client(LambdaClient.builder())) {
                for (String name : names) {
                    functions.add(new Function(name, configuredGroup(lambda, name)));
                }
            }
        }
        return new FunctionLeftovers(target, exerciseId, stackCreated, List.copyOf(functions), stackMappings);
    }

    private static List<String> physicalIds(List<StackResourceSummary> resources, String type) {
        return resources.stream().filter(r -> type.equals(r.resourceType())).map(StackResourceSummary::physicalResourceId).toList();
    }

    /**
     * Deletes the mappings made by hand that invoke the stack's functions; CloudFormation would leave them,
     * broken. The stack's own mappings are the stack's to delete.
     */
    List<String> beforeStackDelete() {
        return mappings(true);
    }

    /**
     * What {@link #beforeStackDelete} and {@link #afterStackDelete} would remove, judged by the same rules and
     * removing nothing: the mappings made by hand, and the log groups as they stand now (destroy --dry-run).
     */
    List<String> planned(PrintWriter out) {
        List<String> planned = new ArrayList<>(mappings(false));
        planned.addAll(groups(out, false));
        return planned;
    }

    private List<String> mappings(boolean delete) {
        List<String> found = new ArrayList<>();
        for (Function function : functions) {
            found.addAll(LambdaSweeper.mappingsOf(target, function.name(), stackMappings, delete));
        }
        return found;
    }

    /**
     * Deletes the log groups the stack's functions wrote to, once the functions are gone and write no more:
     * the group Lambda makes by default, when made no earlier than the stack. A group the function's logging
     * config named is anyone's (a learner may point the function at their own), so it goes only when its own
     * tags say it is the exercise's; otherwise destroy says it left it.
     */
    List<String> afterStackDelete(PrintWriter out) {
        return groups(out, true);
    }

    private List<String> groups(PrintWriter out, boolean delete) {
        List<String> found = new ArrayList<>();
        for (Function function : functions) {
            LogsSweeper.groupOfFunction(target, function.defaultGroup(), stackCreated, out, delete).ifPresent(found::add);
            function.configuredGroup().flatMap(group -> LogsSweeper.groupIfTagged(target, group, exerciseId, out, delete))
                    .ifPresent(found::add);
        }
        return found;
    }

    private static Optional<String> configuredGroup(LambdaClient lambda, String function) {
        try {
            var logging = lambda.getFunctionConfiguration(r -> r.functionName(function)).loggingConfig();
            return Optional.ofNullable(logging).map(l -> l.logGroup())
                    .filter(g -> !g.isEmpty() && !g.equals("/aws/lambda/" + function));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }
}
