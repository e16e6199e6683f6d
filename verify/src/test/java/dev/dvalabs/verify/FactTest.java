package dev.dvalabs.verify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A fact observed through either of two APIs")
class FactTest {

    @Test
    @DisplayName("is the first when it was observed, the second when only the first was refused, one refusal naming both otherwise")
    void or() {
        assertThat(Fact.of("v1").or("identity x", () -> Fact.of("v2")).value()).isEqualTo("v1");
        assertThat(Fact.<String>refused("NotFound: v1").or("identity x", () -> Fact.of("v2")).value()).isEqualTo("v2");
        assertThat(Fact.<String>refused("NotFound: v1").or("identity x", () -> Fact.refused("NotFound: v2")).refusal())
                .isEqualTo("identity x: NotFound: v1; NotFound: v2");
    }

    @Test
    @DisplayName("a refusal that is no AWS error (an emulator's HTML 500 page) says its HTTP status, not nothing")
    void refusalWithoutAnAwsError() {
        var page = software.amazon.awssdk.awscore.exception.AwsServiceException.builder().statusCode(500).build();
        assertThat(Fact.observe(() -> { throw page; }).refusal()).isEqualTo("HTTP 500 without an AWS error");
        var coded = software.amazon.awssdk.awscore.exception.AwsServiceException.builder().statusCode(400)
                .awsErrorDetails(software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder().errorCode("NotFound")
                        .errorMessage("no such thing").build()).build();
        assertThat(Fact.refusalOf(coded)).isEqualTo("NotFound: no such thing");
    }
}
