package dev.dvalabs.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.testing.FixedTarget;
import dev.dvalabs.testing.InstanceMetadata;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class ThrottlingClientTest {

    /**
     * Throttling builds its DynamoDB clients itself (retries of its own), not through Target.client: under a learner's
     * defaults_mode = auto (AWS_DEFAULTS_MODE=auto) they asked the EC2 instance metadata service where they run, on the
     * local emulator too (labs run dynamodb-capacity).
     */
    @Test
    @DisplayName("a throttling client for an emulator asks no instance metadata service, whatever defaults mode the learner chose")
    void emulatorClientAsksNoInstanceMetadata() throws Exception {
        assertThat(InstanceMetadata.connectionsUnderAutoDefaults(() -> {
            try (DynamoDbClient ignored = Throttling.client(FixedTarget.emulatorAt("http://127.0.0.1:9"), Throttling.faultsOnly(),
                    new AtomicInteger())) {
                // built only: the defaults mode is resolved as the client is built
            }
        })).isZero();
    }
}
