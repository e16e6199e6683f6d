package dev.dvalabs.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.dvalabs.testing.FixedTarget;
import dev.dvalabs.testing.InstanceMetadata;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

class TargetClientTest {

    /**
     * A learner's {@code defaults_mode = auto} (or AWS_DEFAULTS_MODE=auto) makes the SDK ask the EC2 instance metadata
     * service where it runs as each client is built; for an emulator that is a wait for nothing, and on a machine with
     * a metadata service an answer about a place the toolkit does not send anything to.
     */
    @Test
    @DisplayName("a client for an emulator does not ask the instance metadata service, whatever defaults mode the learner chose")
    void emulatorClientAsksNoInstanceMetadata() throws Exception {
        assertThat(metadataConnections(Optional.of(URI.create("http://127.0.0.1:9")))).isZero();
    }

    /** The same test passes only because of the emulator's pinned mode: for real AWS the learner's choice stands. */
    @Test
    @DisplayName("a client for real AWS keeps the defaults mode the learner chose (auto asks the instance metadata service)")
    void realAwsClientKeepsTheLearnersMode() throws Exception {
        // The SDK asks no metadata service when told not to, or when it runs where AWS_EXECUTION_ENV says.
        assumeThat(System.getenv("AWS_EC2_METADATA_DISABLED")).isNull();
        assumeThat(System.getenv("AWS_EXECUTION_ENV")).isNull();
        assertThat(metadataConnections(Optional.empty())).isPositive();
    }

    private static int metadataConnections(Optional<URI> endpoint) throws Exception {
        return InstanceMetadata.connectionsUnderAutoDefaults(() -> {
            try (Target target = new FixedTarget(endpoint); SqsClient ignored = target.client(SqsClient.builder())) {
                // built only: the defaults mode is resolved as the client is built
            }
        });
    }
}
