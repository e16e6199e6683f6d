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
}
