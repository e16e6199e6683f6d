package dev.dvalabs.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;

/** Lambda's answer read into typed fields, AWS's defaults where Lambda leaves a setting out. */
class EventSourceMappingTest {

    static final String STREAM = "arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/2026-11-26T00:00:00.000";

    @Test
    @DisplayName("a mapping with every setting reads as Lambda gave it")
    void everySetting() {
        EventSourceMapping m = EventSourceMapping.of(EventSourceMappingConfiguration.builder().uuid("m-1").eventSourceArn(STREAM)
                .state("Enabled").startingPosition("LATEST").batchSize(25).maximumRetryAttempts(2).bisectBatchOnFunctionError(true)
                .destinationConfig(d -> d.onFailure(f -> f.destination("arn:aws:sqs:us-east-1:123456789012:failures")))
                .filterCriteria(c -> c.filters(f -> f.pattern("{\"eventName\":[\"INSERT\"]}"))).build());
        assertThat(m).isEqualTo(new EventSourceMapping("m-1", STREAM, "Enabled", "LATEST", 25,
                java.util.Optional.of("arn:aws:sqs:us-east-1:123456789012:failures"), 2, true, List.of("{\"eventName\":[\"INSERT\"]}")));
        assertThat(m.enabled()).isTrue();
    }

    @Test
    @DisplayName("left out: no destination, unlimited retries (also -1), not bisected, no filter, not enabled unless Enabled")
    void defaults() {
        EventSourceMapping bare = EventSourceMapping.of(EventSourceMappingConfiguration.builder().uuid("m-2").state("Disabled").build());
        assertThat(bare.onFailureDestination()).isEmpty();
        assertThat(bare.maximumRetryAttempts()).isEqualTo(EventSourceMapping.UNLIMITED);
        assertThat(bare.bisectBatchOnFunctionError()).isFalse();
        assertThat(bare.filterPatterns()).isEmpty();
        assertThat(bare.enabled()).isFalse();
        assertThat(EventSourceMapping.of(EventSourceMappingConfiguration.builder().maximumRetryAttempts(-1).build())
                .maximumRetryAttempts()).isEqualTo(EventSourceMapping.UNLIMITED);
    }

    @Test
    @DisplayName("the mapping reading a source is found; without one the refusal says what the function's mappings read")
    void reading() {
        EventSourceMapping fromStream = EventSourceMapping.of(EventSourceMappingConfiguration.builder().uuid("a").eventSourceArn(STREAM).build());
        EventSourceMapping fromQueue = EventSourceMapping.of(EventSourceMappingConfiguration.builder().uuid("b")
                .eventSourceArn("arn:aws:sqs:us-east-1:1:q").build());
        assertThat(EventSourceMapping.reading(STREAM, List.of(fromQueue, fromStream)).value()).isEqualTo(fromStream);
        assertThat(EventSourceMapping.reading(STREAM, List.of(fromQueue)).refusal())
                .isEqualTo("none from " + STREAM + " (the function's mappings read [arn:aws:sqs:us-east-1:1:q])");
        assertThat(EventSourceMapping.reading(STREAM, List.of()).refusal()).isEqualTo("none (the function has no event source mapping)");
    }
}
