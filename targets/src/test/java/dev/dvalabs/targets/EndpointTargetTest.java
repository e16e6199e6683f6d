package dev.dvalabs.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dvalabs.testing.InstanceMetadata;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

class EndpointTargetTest {

    @Test
    @DisplayName("--endpoint wins over AWS_ENDPOINT_URL, which is used when --endpoint is absent")
    void endpointOrEnvironment() {
        assertThat(EndpointTarget.at("http://localhost:4566", "http://other:1", Region.US_EAST_1).endpoint())
                .contains(URI.create("http://localhost:4566"));
        assertThat(EndpointTarget.at(null, "http://other:1", Region.US_EAST_1).endpoint())
                .contains(URI.create("http://other:1"));
    }

    @Test
    @DisplayName("without either, it says what to give")
    void missingEndpoint() {
        assertThatThrownBy(() -> EndpointTarget.at(null, null, Region.US_EAST_1))
                .isInstanceOf(TargetException.class).hasMessageContaining("--endpoint URL");
    }

    @ParameterizedTest(name = "''{0}'' is refused in one sentence")
    @ValueSource(strings = {"localhost:4566", "ftp://host/", "http://", "not a url"})
    void badUrl(String url) {
        assertThatThrownBy(() -> EndpointTarget.at(url, null, Region.US_EAST_1))
                .isInstanceOf(TargetException.class).hasMessageContaining("give one like http://localhost:4566");
    }

    @Test
    @DisplayName("a REST API's stage is reached through the emulator's _user_request_ path, on AWS at its execute-api host")
    void executeApiUrl() {
        Target emulator = EndpointTarget.at("http://localhost:4566", null, Region.EU_WEST_1);
        assertThat(emulator.executeApi("a1b2c3", "prod", "orders/42"))
                .isEqualTo(URI.create("http://localhost:4566/restapis/a1b2c3/prod/_user_request_/orders/42"));
        Target aws = new Target() {
            public String name() { return "aws"; }
            public java.util.Optional<URI> endpoint() { return java.util.Optional.empty(); }
            public Region region() { return Region.EU_WEST_1; }
            public software.amazon.awssdk.auth.credentials.AwsCredentialsProvider credentials() { return EMULATOR_CREDENTIALS; }
            public void close() {}
        };
        assertThat(aws.executeApi("a1b2c3", "prod", "orders/42"))
                .isEqualTo(URI.create("https://a1b2c3.execute-api.eu-west-1.amazonaws.com/prod/orders/42"));
    }
    /**
     * requireAws builds its STS client itself (its own retries and timeout), not through Target.client: under a
     * learner's defaults_mode = auto (AWS_DEFAULTS_MODE=auto) it asked the EC2 instance metadata service where it
     * runs before its one call to an emulator, as every client did before Target.client pinned the legacy mode.
     */
    @Test
    @DisplayName("checking that an endpoint speaks AWS asks no instance metadata service, whatever defaults mode the learner chose")
    void requireAwsAsksNoInstanceMetadata() throws Exception {
        assertThat(InstanceMetadata.connectionsUnderAutoDefaults(() ->
                // The discard port: nothing answers, so requireAws refuses it; the client was built all the same.
                assertThatThrownBy(() -> EndpointTarget.at("http://127.0.0.1:9", null, Region.US_EAST_1).requireAws())
                        .isInstanceOf(TargetException.class))).isZero();
    }
}
