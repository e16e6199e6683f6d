package dev.dvalabs.destroy;

import dev.dvalabs.targets.Target;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * What a stack's Lambda functions bring about that deleting the stack does not remove: event source
 * mappings the learner made by hand to invoke them, and the log groups Lambda made when they ran. Both
 * are the exercise's because the functions are the stack's (their names come from the stack itself);
 * a log group also has to be younger than the stack.
 */
final class FunctionLeftovers {

    private record Function(String name, String logGroup) {}

    private final Target target;
    private final Instant stackCreated;
    private final List<Function> functions;

    private FunctionLeftovers(Target target, Instant stackCreated, List<Function> functions) {
        this.target = target;
        this.stackCreated = stackCreated;
        this.functions = functions;
    }

    /** The stack's functions as they are now, read before the stack is deleted. */
    static FunctionLeftovers of(Target target, CloudFormationClient cloudFormation, Stack stack) {
        List<String> names = cloudFormation.listStackResourcesPaginator(r -> r.stackName(stack.stackId()))
                .stackResourceSummaries().stream()
                .filter(r -> "AWS::Lambda::Function".equals(r.resourceType()) && r.physicalResourceId() != null
                        && !r.physicalResourceId().isEmpty())
                .map(r -> r.physicalResourceId()).toList();
        List<Function> functions = new ArrayList<>();
        if (!names.isEmpty()) {
            try (LambdaClient lambda = target.client(LambdaClient.builder())) {
                for (String name : names) {
                    functions.add(new Function(name, logGroup(lambda, name)));
                }
            }
        }
        return new FunctionLeftovers(target, stack.creationTime(), List.copyOf(functions));
    }

    /** Deletes the mappings that invoke the stack's functions; CloudFormation would leave them, broken. */
    List<String> beforeStackDelete() {
        List<String> removed = new ArrayList<>();
        for (Function function : functions) {
            LambdaSweeper.deleteMappingsOf(target, function.name()).forEach(removed::add);
        }
        return removed;
    }

    /** Deletes the log groups the stack's functions wrote to, once the functions are gone and write no more. */
    List<String> afterStackDelete(PrintWriter out) {
        List<String> removed = new ArrayList<>();
        for (Function function : functions) {
            LogsSweeper.deleteGroupOfFunction(target, function.logGroup(), stackCreated, out).ifPresent(removed::add);
        }
        return removed;
    }

    private static String logGroup(LambdaClient lambda, String function) {
        String byDefault = "/aws/lambda/" + function;
        try {
            var logging = lambda.getFunctionConfiguration(r -> r.functionName(function)).loggingConfig();
            return Optional.ofNullable(logging).map(l -> l.logGroup()).filter(g -> !g.isEmpty()).orElse(byDefault);
        } catch (ResourceNotFoundException e) {
            return byDefault;
        }
    }
}
