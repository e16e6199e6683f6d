package dev.dvalabs.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A document that is not a policy, or one this evaluator cannot decide, is refused in one clear sentence. */
class PolicyDocumentTest {

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("text that is not JSON", "Allow everything", "not valid JSON"),
                Arguments.of("a URL-encoded document, as IAM returns it", "%7B%22Statement%22%3A%5B%5D%7D", "URL-encoded"),
                Arguments.of("a JSON array", "[1, 2]", "not an IAM policy: a policy document is a JSON object"),
                Arguments.of("a document without statements", "{\"Version\": \"2012-10-17\"}", "not an IAM policy"),
                Arguments.of("a statement without Effect",
                        "{\"Statement\": [{\"Principal\": \"*\", \"Action\": \"sqs:*\"}]}", "statement 1 has no Effect"),
                Arguments.of("an Effect other than Allow or Deny",
                        "{\"Statement\": {\"Sid\": \"S\", \"Effect\": \"Maybe\", \"Principal\": \"*\", \"Action\": \"sqs:*\"}}",
                        "\"S\" has Effect \"Maybe\", not Allow or Deny"),
                Arguments.of("a statement without Action or NotAction",
                        "{\"Statement\": {\"Effect\": \"Allow\", \"Principal\": \"*\"}}", "needs exactly one of Action and NotAction"),
                Arguments.of("a Principal that is neither \"*\" nor an object",
                        "{\"Statement\": {\"Effect\": \"Allow\", \"Principal\": \"arn:aws:iam::111122223333:root\", \"Action\": \"sqs:*\"}}",
                        "not an IAM policy: Principal was not"),
                Arguments.of("a condition operator the evaluator does not decide",
                        "{\"Statement\": {\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"sqs:*\","
                                + " \"Condition\": {\"DateLessThan\": {\"aws:CurrentTime\": \"2030-01-01T00:00:00Z\"}}}}",
                        "condition operator DateLessThan is not supported"));
    }

    @ParameterizedTest(name = "refuses {0}")
    @MethodSource("refused")
    void refusesInOneSentence(String what, String document, String message) {
        assertThatThrownBy(() -> Policies.of(document))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining(message)
                .hasNoCause()
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "[Source"));
    }

    @Test
    @DisplayName("refuses an identity policy statement without Resource")
    void identityPolicyNeedsResource() {
        assertThatThrownBy(() -> Policies.identityOnly().withIdentity(List.of("{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"sqs:*\"}}")))
                .isInstanceOf(PolicyException.class)
                .hasMessage("not an IAM policy: statement 1 of an identity policy names no Resource");
    }
}
