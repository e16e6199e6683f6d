package dev.dvalabs.destroy;

import dev.dvalabs.targets.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.arns.Arn;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * Lambda functions, by {@code arn:aws:lambda:region:account:function:name}, and event source mappings,
 * by {@code ...:event-source-mapping:uuid}. A function goes with the mappings that point at it: a
 * mapping is part of how its function is invoked (the learner makes it by hand, untagged, with
 * {@code aws lambda create-event-source-mapping}), and left behind it would keep polling its stream for
 * a function that is gone.
 */
public final class LambdaSweeper implements Sweeper {

    private static final String MAPPING = "event-source-mapping";

    @Override
    public String service() {
        return "lambda";
    }

    @Override
    public Optional<Map<String, String>> tags(Target target, String arn) {
        try (LambdaClient lambda = target.client(LambdaClient.builder())) {
            // Asked first so that a resource that is gone reads as gone, whatever ListTags says of it.
            if (isMapping(arn)) {
                lambda.getEventSourceMapping(r -> r.uuid(name(arn)));
            } else {
                lambda.getFunctionConfiguration(r -> r.functionName(name(arn)));
            }
            return Optional.of(Map.copyOf(lambda.listTags(r -> r.resource(arn)).tags()));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public Swept delete(Target target, String arn) {
        try (LambdaClient lambda = target.client(LambdaClient.builder())) {
            if (isMapping(arn)) {
                return deleteMapping(lambda, name(arn)) ? Swept.deleted() : Swept.alreadyGone();
            }
            List<String> mappings = deleteMappingsOf(target, arn, Set.of());
            lambda.deleteFunction(r -> r.functionName(name(arn)));
            return mappings.isEmpty() ? Swept.deleted() : Swept.deleted("with " + String.join(", ", mappings));
        } catch (ResourceNotFoundException e) {
            return Swept.alreadyGone();
        }
    }

    /**
     * Deletes the event source mappings that invoke the function, whoever made them.
     *
     * @param function the function's name or ARN
     * @param except the UUIDs of mappings to leave, which a stack about to be deleted holds
     * @return the mappings deleted, as "event source mapping &lt;uuid&gt; from &lt;source arn&gt;"
     */
    public static List<String> deleteMappingsOf(Target target, String function, Set<String> except) {
        return mappingsOf(target, function, except, true);
    }

    /**
     * The event source mappings that invoke the function, but {@code except}, deleted when {@code delete} (else
     * only listed, for destroy --dry-run, by the same rule).
     */
    static List<String> mappingsOf(Target target, String function, Set<String> except, boolean delete) {
        List<String> deleted = new ArrayList<>();
        try (LambdaClient lambda = target.client(LambdaClient.builder())) {
            List<EventSourceMappingConfiguration> mappings = lambda.listEventSourceMappingsPaginator(
                    r -> r.functionName(function)).eventSourceMappings().stream().toList();
            for (EventSourceMappingConfiguration mapping : mappings) {
                if (!except.contains(mapping.uuid()) && (!delete || deleteMapping(lambda, mapping.uuid()))) {
                    deleted.add("event source mapping " + mapping.uuid() + " from " + mapping.eventSourceArn());
                }
            }
        } catch (ResourceNotFoundException e) {
            // The function is gone; ListEventSourceMappings by a name that is gone finds nothing on AWS.
        }
        return deleted;
    }

    private static boolean deleteMapping(LambdaClient lambda, String uuid) {
        try {
            lambda.deleteEventSourceMapping(r -> r.uuid(uuid));
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }

    private static boolean isMapping(String arn) {
        return Arn.fromString(arn).resource().resourceType().map(MAPPING::equals).orElse(false);
    }

    /** The function's name or the mapping's UUID, without a qualifier such as {@code :$LATEST}. */
    private static String name(String arn) {
        return Arn.fromString(arn).resource().resource();
    }
}
