package dev.dvalabs.targets;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.UnknownHostException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

@DisplayName("A real account's first minute")
class SignInProblemTest {

    @Test
    @DisplayName("no credentials is one sentence on how to sign in, not the SDK's provider-chain dump")
    void noCredentials() {
        String chain = "Unable to load credentials from any of the providers in the chain AwsCredentialsProviderChain("
                + "credentialsProviders=[SystemPropertyCredentialsProvider(), EnvironmentVariableCredentialsProvider(), "
                + "WebIdentityTokenCredentialsProvider(), ProfileCredentialsProvider(profileName=default, ...)".repeat(8)
                + "]) : [SystemPropertyCredentialsProvider(): Unable to load credentials from system settings. ...]";
        String said = SignInProblem.sentence(SdkClientException.create(chain), "eu-west-1");
        assertThat(said).startsWith("No AWS credentials were found").contains("aws sso login", "AWS_PROFILE")
                .doesNotContain("Provider").hasSizeLessThan(300);
    }

    @Test
    @DisplayName("an endpoint that cannot be reached is the network, not a sign-in problem")
    void noNetwork() {
        SdkClientException e = SdkClientException.builder().message("Unable to execute HTTP request: sts.eu-west-1.amazonaws.com")
                .cause(new UnknownHostException("sts.eu-west-1.amazonaws.com")).build();
        String said = SignInProblem.sentence(e, "eu-west-1");
        assertThat(said).contains("could not be reached", "its name does not resolve", "network and DNS")
                .doesNotContain("sign in with");
    }

    @Test
    @DisplayName("anything else still advises signing in, on one line")
    void otherwise() {
        assertThat(SignInProblem.sentence(SdkClientException.create("The security token included in the request is expired\nmore"), "us-east-1"))
                .contains("token included in the request is expired", "aws sso login").doesNotContain("\n");
    }
}
