package dev.dvalabs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dvalabs.targets.Target;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.regions.Region;

@DisplayName("The template sent to an emulator whose CloudFormation fails on a property")
class WithheldPropertiesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEMPLATE = """
            {"Resources": {
              "Key": {"Type": "AWS::KMS::Key", "Properties": {"EnableKeyRotation": true,
                "KeyPolicy": {"Statement": [{"Effect": "Allow", "Principal": {"AWS": {"Fn::GetAtt": ["User", "Arn"]}},
                  "Action": "kms:Encrypt", "Resource": "*"}]},
                "Tags": [{"Key": "dva-labs:exercise", "Value": "x"}]}},
              "Table": {"Type": "AWS::DynamoDB::Table", "Properties": {"Tags": [{"Key": "dva-labs:exercise", "Value": "x"}]}}}}
            """;

    @Test
    @DisplayName("on moto, leaves out a key's tags and stands in the default policy as text, and touches nothing else")
    void onMoto() throws Exception {
        JsonNode sent = JSON.readTree(Compensations.withholding(on("moto"), TEMPLATE));
        JsonNode key = sent.path("Resources").path("Key").path("Properties");
        assertThat(key.has("Tags")).isFalse();
        assertThat(key.path("KeyPolicy").path("Fn::Sub").asText()).contains("kms:*", ":root");
        assertThat(key.path("EnableKeyRotation").asBoolean()).isTrue();
        assertThat(sent.path("Resources").path("Table")).isEqualTo(JSON.readTree(TEMPLATE).path("Resources").path("Table"));
    }

    @Test
    @DisplayName("elsewhere, is the template as synthesized")
    void elsewhereUnchanged() {
        assertThat(Compensations.withholding(on("ministack"), TEMPLATE)).isEqualTo(TEMPLATE);
        assertThat(Compensations.withholding(on(null), TEMPLATE)).isEqualTo(TEMPLATE);
    }

    /** A target whose emulator is the one named (none: AWS); it is never called. */
    private static Target on(String emulator) {
        return new Target() {
            public String name() {
                return "test";
            }

            public Optional<URI> endpoint() {
                return Optional.empty();
            }

            public Region region() {
                return Region.US_EAST_1;
            }

            public AwsCredentialsProvider credentials() {
                return StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
            }

            @Override
            public Optional<String> emulator() {
                return Optional.ofNullable(emulator);
            }

            public void close() {}
        };
    }
}
