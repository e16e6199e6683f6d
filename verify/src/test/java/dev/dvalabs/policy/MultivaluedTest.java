package dev.dvalabs.policy;

import static dev.dvalabs.policy.Decision.ALLOW;
import static dev.dvalabs.policy.Decision.EXPLICIT_DENY;
import static dev.dvalabs.policy.Decision.IMPLICIT_DENY;
import static dev.dvalabs.policy.Fixtures.QUEUE;
import static dev.dvalabs.policy.Fixtures.ROLE;
import static dev.dvalabs.policy.Fixtures.json;
import static dev.dvalabs.policy.Fixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The set operators as "Single-valued vs. multivalued context keys"
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html)
 * and "IAM JSON policy elements: Condition operators"
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html) document
 * them: ForAllValues holds when every request value meets the condition, and when the key is missing or
 * empty; ForAnyValue when at least one does, never for a missing key; ...IfExists holds for a missing key.
 */
class MultivaluedTest {

    private static Policies allowIf(String condition) {
        return Policies.identityOnly().withIdentity(List.of(policy(json("""
                {"Effect": "Allow", "Action": "sqs:TagQueue", "Resource": "%s", "Condition": %s}""", QUEUE, condition))));
    }

    /** Allows tagging, and denies it under the condition: the documented way to fence in tag keys. */
    private static Policies denyIf(String condition) {
        return Policies.identityOnly().withIdentity(List.of(policy(json("""
                {"Effect": "Allow", "Action": "sqs:TagQueue", "Resource": "%s"}""", QUEUE), json("""
                {"Effect": "Deny", "Action": "sqs:TagQueue", "Resource": "%s", "Condition": %s}""", QUEUE, condition))));
    }

    private static Request tag(String... keys) {
        Request request = Request.of(Caller.aws(ROLE), "sqs:TagQueue", QUEUE);
        return keys.length == 0 ? request : request.with("aws:TagKeys", keys);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("ForAllValues:StringEqualsIfExists holds when the key is missing",
                        allowIf("{\"ForAllValues:StringEqualsIfExists\": {\"aws:TagKeys\": [\"env\", \"team\"]}}"), tag(), ALLOW),
                Arguments.of("ForAnyValue:StringEqualsIfExists holds when the key is missing, unlike ForAnyValue alone",
                        allowIf("{\"ForAnyValue:StringEqualsIfExists\": {\"aws:TagKeys\": [\"env\", \"team\"]}}"), tag(), ALLOW),
                Arguments.of("ForAnyValue:StringEqualsIfExists is still checked when the key is present",
                        allowIf("{\"ForAnyValue:StringEqualsIfExists\": {\"aws:TagKeys\": [\"env\", \"team\"]}}"),
                        tag("owner", "cost-center"), IMPLICIT_DENY),
                Arguments.of("ForAllValues holds for a key present with no values",
                        allowIf("{\"ForAllValues:StringEquals\": {\"aws:TagKeys\": [\"env\", \"team\"]}}"),
                        Request.of(Caller.aws(ROLE), "sqs:TagQueue", QUEUE).with("aws:TagKeys"), ALLOW),
                Arguments.of("ForAllValues holds for a key whose value is an empty string, a null dataset in AWS's words",
                        allowIf("{\"ForAllValues:StringEquals\": {\"aws:TagKeys\": [\"env\", \"team\"]}}"), tag(""), ALLOW),
                Arguments.of("ForAnyValue fails for a key whose value is an empty string",
                        allowIf("{\"ForAnyValue:StringNotEquals\": {\"aws:TagKeys\": [\"env\"]}}"), tag(""), IMPLICIT_DENY),
                Arguments.of("Null false is not met by a key whose value is an empty string",
                        allowIf("{\"Null\": {\"aws:TagKeys\": \"false\"}}"), tag(""), IMPLICIT_DENY),
                Arguments.of("the documented guard: Null false with ForAllValues refuses a request without tags",
                        allowIf("{\"ForAllValues:StringEquals\": {\"aws:TagKeys\": [\"env\", \"team\"]},"
                                + " \"Null\": {\"aws:TagKeys\": \"false\"}}"), tag(), IMPLICIT_DENY),
                Arguments.of("ForAllValues:StringNotEquals holds when no request value is listed",
                        allowIf("{\"ForAllValues:StringNotEquals\": {\"aws:TagKeys\": [\"owner\"]}}"), tag("env", "team"), ALLOW),
                Arguments.of("ForAllValues:StringNotEquals fails when one request value is listed",
                        allowIf("{\"ForAllValues:StringNotEquals\": {\"aws:TagKeys\": [\"owner\"]}}"), tag("env", "owner"), IMPLICIT_DENY),
                Arguments.of("ForAnyValue:StringNotEquals holds when one request value is not listed",
                        allowIf("{\"ForAnyValue:StringNotEquals\": {\"aws:TagKeys\": [\"env\"]}}"), tag("env", "team"), ALLOW),
                Arguments.of("ForAnyValue:StringNotEquals fails when every request value is listed",
                        allowIf("{\"ForAnyValue:StringNotEquals\": {\"aws:TagKeys\": [\"env\", \"team\"]}}"), tag("team", "env"),
                        IMPLICIT_DENY),
                Arguments.of("ForAnyValue:StringNotEquals fails when the key is missing",
                        allowIf("{\"ForAnyValue:StringNotEquals\": {\"aws:TagKeys\": [\"env\"]}}"), tag(), IMPLICIT_DENY),
                Arguments.of("ForAnyValue:StringLike matches one value by wildcard",
                        allowIf("{\"ForAnyValue:StringLike\": {\"aws:TagKeys\": \"cost-*\"}}"), tag("env", "cost-center"), ALLOW),
                Arguments.of("ForAllValues:StringEqualsIgnoreCase compares every value without case",
                        allowIf("{\"ForAllValues:StringEqualsIgnoreCase\": {\"aws:TagKeys\": [\"ENV\", \"TEAM\"]}}"),
                        tag("env", "Team"), ALLOW),
                Arguments.of("a Deny with ForAnyValue:StringEquals refuses a request carrying a forbidden tag key",
                        denyIf("{\"ForAnyValue:StringEquals\": {\"aws:TagKeys\": [\"owner\"]}}"), tag("env", "owner"), EXPLICIT_DENY),
                Arguments.of("the same Deny lets a request without that key through",
                        denyIf("{\"ForAnyValue:StringEquals\": {\"aws:TagKeys\": [\"owner\"]}}"), tag("env"), ALLOW),
                Arguments.of("a Deny with ForAllValues:StringNotEquals applies when the key is missing, as AWS warns",
                        denyIf("{\"ForAllValues:StringNotEquals\": {\"aws:TagKeys\": [\"env\", \"team\"]}}"), tag(), EXPLICIT_DENY),
                Arguments.of("a Deny with ForAllValues:StringNotEquals refuses a request whose keys are all unlisted",
                        denyIf("{\"ForAllValues:StringNotEquals\": {\"aws:TagKeys\": [\"env\", \"team\"]}}"), tag("owner"),
                        EXPLICIT_DENY),
                Arguments.of("a Deny with ForAnyValue:StringNotEquals refuses a request with one unlisted key among listed ones",
                        denyIf("{\"ForAnyValue:StringNotEquals\": {\"aws:TagKeys\": [\"env\", \"team\"]}}"), tag("env", "owner"),
                        EXPLICIT_DENY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(String behaviour, Policies policies, Request request, Decision expected) {
        assertThat(policies.decide(request)).as(behaviour).isEqualTo(expected);
    }
}
