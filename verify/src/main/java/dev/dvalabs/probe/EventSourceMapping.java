package dev.dvalabs.probe;

import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Session;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;
import software.amazon.awssdk.services.lambda.model.FilterCriteria;

/**
 * A Lambda event source mapping as ListEventSourceMappings showed it, in typed fields: a check names a property,
 * {@code o.mapping().its("batch size", EventSourceMapping::batchSize).should(eq(25))}.
 *
 * @param maximumRetryAttempts how often a failing batch is retried; {@link #UNLIMITED} (AWS's default for streams)
 *                             when the mapping sets no limit
 * @param filterPatterns       the patterns of its filter criteria, each the JSON text Lambda keeps; none without a filter
 */
public record EventSourceMapping(String uuid, String eventSourceArn, String state, String startingPosition, int batchSize,
                                 Optional<String> onFailureDestination, int maximumRetryAttempts,
                                 boolean bisectBatchOnFunctionError, List<String> filterPatterns) {

    public static final int UNLIMITED = -1;

    /** The mapping from Lambda's answer; a setting Lambda leaves out reads as AWS's default for it. */
    public static EventSourceMapping of(EventSourceMappingConfiguration c) {
        Optional<String> onFailure = Optional.ofNullable(c.destinationConfig())
                .flatMap(d -> Optional.ofNullable(d.onFailure())).flatMap(f -> Optional.ofNullable(f.destination()));
        Integer retries = c.maximumRetryAttempts();
        return new EventSourceMapping(c.uuid(), c.eventSourceArn(), c.state(), c.startingPositionAsString(),
                c.batchSize() == null ? 0 : c.batchSize(), onFailure, retries == null || retries < 0 ? UNLIMITED : retries,
                Boolean.TRUE.equals(c.bisectBatchOnFunctionError()),
                Optional.ofNullable(c.filterCriteria()).map(FilterCriteria::filters).orElse(List.of()).stream()
                        .map(f -> f.pattern()).toList());
    }

    /** Whether Lambda polls the source for the function now. */
    public boolean enabled() {
        return "Enabled".equals(state);
    }

    /** The function's event source mappings, every page, or Lambda's refusal named after the function. */
    public static Fact<List<EventSourceMapping>> ofFunction(Session session, String function) {
        return Fact.about("function " + function, () -> session.client(LambdaClient.class)
                .listEventSourceMappingsPaginator(r -> r.functionName(function)).eventSourceMappings().stream()
                .map(EventSourceMapping::of).toList());
    }

    /**
     * The mapping among a function's that reads {@code source} (a stream's or queue's ARN), or, refused, what the
     * function's mappings read instead.
     */
    public static Fact<EventSourceMapping> reading(String source, List<EventSourceMapping> all) {
        return all.stream().filter(m -> m.eventSourceArn() != null && m.eventSourceArn().equals(source)).findFirst()
                .map(Fact::of)
                .orElseGet(() -> Fact.refused(all.isEmpty() ? "none (the function has no event source mapping)"
                        : "none from " + source + " (the function's mappings read "
                        + all.stream().map(EventSourceMapping::eventSourceArn).toList() + ")"));
    }
}
