package dev.dvalabs.policy;

import static dev.dvalabs.policy.Fixtures.ACCOUNT;
import static dev.dvalabs.policy.Fixtures.FOREIGN_ROLE;
import static dev.dvalabs.policy.Fixtures.QUEUE;
import static dev.dvalabs.policy.Fixtures.SNS;
import static dev.dvalabs.policy.Fixtures.TOPIC;
import static dev.dvalabs.policy.Fixtures.json;
import static dev.dvalabs.policy.Fixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The queue-policy question: the topic may send to the queue, and nobody else may. {@code who} is
 * the part of the stranger's description the test expects, or null for no exposure.
 */
class ExposureTest {

    /** What the queue policy is for: SNS delivering on behalf of the topic. */
    private static final Request TOPIC_DELIVERS = Request.of(Caller.service(SNS), "sqs:SendMessage", QUEUE)
            .with("aws:SourceArn", TOPIC).with("aws:SourceAccount", ACCOUNT);

    private static final String TOPIC_ONLY = json("""
            {"Sid": "TopicOnly", "Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"},
             "Action": "sqs:Send*", "Resource": "%s", "Condition": {"ArnEquals": {"aws:SourceArn": "%s"}}}""", QUEUE, TOPIC);

    private static String allowSend(String principal, String condition) {
        return json("""
                {"Sid": "Open", "Effect": "Allow", "Principal": %s, "Action": "sqs:Send*", "Resource": "%s"%s}""",
                principal, QUEUE, condition == null ? "" : ", \"Condition\": " + condition);
    }

    static Stream<Arguments> policies() {
        return Stream.of(
                Arguments.of("sqs:Send* for the topic's service with ArnEquals on the topic is for the topic alone",
                        policy(TOPIC_ONLY), null),
                Arguments.of("Principal \"*\" with sqs:Send* and no condition lets anyone send",
                        policy(TOPIC_ONLY, allowSend("\"*\"", null)), "anonymous"),
                Arguments.of("Principal \"*\" with NotAction lets everything through, sending included",
                        policy(TOPIC_ONLY, json("""
                                {"Sid": "Open", "Effect": "Allow", "Principal": "*", "NotAction": "sqs:DeleteQueue", "Resource": "%s"}""",
                                QUEUE)), "anonymous"),
                Arguments.of("Principal \"*\" limited by ArnEquals aws:SourceArn to the topic is for the topic alone",
                        policy(allowSend("\"*\"", "{\"ArnEquals\": {\"aws:SourceArn\": \"" + TOPIC + "\"}}")), null),
                Arguments.of("the service without a source condition lets any topic send",
                        policy(allowSend("{\"Service\": \"sns.amazonaws.com\"}", null)), "without aws:SourceArn"),
                Arguments.of("ArnLike on every topic of the account lets the account's other topics send",
                        policy(allowSend("{\"Service\": \"sns.amazonaws.com\"}",
                                "{\"ArnLike\": {\"aws:SourceArn\": \"arn:aws:sns:us-east-1:111122223333:*\"}}")), "another resource"),
                Arguments.of("aws:SourceAccount alone lets the account's other topics send",
                        policy(allowSend("{\"Service\": \"sns.amazonaws.com\"}",
                                "{\"StringEquals\": {\"aws:SourceAccount\": \"111122223333\"}}")), "another resource"),
                Arguments.of("a grant to another account's role lets that role send",
                        policy(TOPIC_ONLY, allowSend("{\"AWS\": \"" + FOREIGN_ROLE + "\"}", null)), FOREIGN_ROLE),
                Arguments.of("a grant to another account lets its principals send",
                        policy(TOPIC_ONLY, allowSend("{\"AWS\": \"444455556666\"}", null)), "account 444455556666"),
                Arguments.of("the queue owner's account statement adds nothing IAM does not already decide",
                        policy(TOPIC_ONLY, allowSend("{\"AWS\": \"arn:aws:iam::111122223333:root\"}", null)), null),
                Arguments.of("Principal \"*\" limited to the owner's account still lets its other roles send without IAM",
                        policy(TOPIC_ONLY, allowSend("\"*\"", "{\"StringEquals\": {\"aws:PrincipalAccount\": \"111122223333\"}}")),
                        "resource's own account"),
                Arguments.of("a condition on aws:SecureTransport does not keep strangers out, they can use TLS",
                        policy(TOPIC_ONLY, allowSend("\"*\"", "{\"Bool\": {\"aws:SecureTransport\": \"true\"}}")), "anonymous"),
                Arguments.of("Allow with NotPrincipal lets in everyone it does not list",
                        policy(TOPIC_ONLY, json("""
                                {"Sid": "Open", "Effect": "Allow", "NotPrincipal": {"AWS": "%s"}, "Action": "sqs:SendMessage",
                                 "Resource": "%s"}""", FOREIGN_ROLE, QUEUE)), "anonymous"),
                Arguments.of("a Deny for every source but the topic closes an open Allow",
                        policy(allowSend("\"*\"", null), json("""
                                {"Effect": "Deny", "Principal": "*", "Action": "sqs:SendMessage", "Resource": "%s",
                                 "Condition": {"ArnNotEquals": {"aws:SourceArn": "%s"}}}""", QUEUE, TOPIC)), null),
                Arguments.of("a Deny on plain HTTP does not close an open Allow, strangers can use TLS",
                        policy(allowSend("\"*\"", null), json("""
                                {"Effect": "Deny", "Principal": "*", "Action": "sqs:*", "Resource": "%s",
                                 "Condition": {"Bool": {"aws:SecureTransport": "false"}}}""", QUEUE)), "anonymous"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void findsWhoElseMaySend(String behaviour, String queuePolicy, String who) {
        List<Exposure> exposure = Policies.of(queuePolicy).exposure(TOPIC_DELIVERS);
        if (who == null) {
            assertThat(exposure).as(behaviour).isEmpty();
        } else {
            assertThat(exposure).as(behaviour).isNotEmpty();
            assertThat(exposure.get(0).statement()).isEqualTo("\"Open\"");
            assertThat(exposure.get(0).who()).contains(who);
        }
    }

    @Test
    @DisplayName("the topic itself may send under the policy the exercise asks for, and nobody else")
    void topicOnlyPolicyAllowsTheTopic() {
        Policies queue = Policies.of(policy(TOPIC_ONLY));
        assertThat(queue.decide(TOPIC_DELIVERS)).isEqualTo(Decision.ALLOW);
        assertThat(queue.exposure(TOPIC_DELIVERS)).isEmpty();
    }

    @Test
    @DisplayName("an exposure names the statement and whom it lets in")
    void exposureReads() {
        List<Exposure> exposure = Policies.of(policy(TOPIC_ONLY, allowSend("\"*\"", null))).exposure(TOPIC_DELIVERS);
        assertThat(exposure).hasSize(1);
        assertThat(exposure.get(0).toString()).isEqualTo("\"Open\" lets any caller, even an anonymous one");
    }
}
