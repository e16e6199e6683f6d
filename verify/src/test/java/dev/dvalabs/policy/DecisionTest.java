package dev.dvalabs.policy;

import static dev.dvalabs.policy.Decision.ALLOW;
import static dev.dvalabs.policy.Decision.EXPLICIT_DENY;
import static dev.dvalabs.policy.Decision.IMPLICIT_DENY;
import static dev.dvalabs.policy.Fixtures.ACCOUNT;
import static dev.dvalabs.policy.Fixtures.FOREIGN_ROLE;
import static dev.dvalabs.policy.Fixtures.OTHER_QUEUE;
import static dev.dvalabs.policy.Fixtures.OTHER_ROLE;
import static dev.dvalabs.policy.Fixtures.OTHER_TOPIC;
import static dev.dvalabs.policy.Fixtures.QUEUE;
import static dev.dvalabs.policy.Fixtures.ROLE;
import static dev.dvalabs.policy.Fixtures.SESSION;
import static dev.dvalabs.policy.Fixtures.SNS;
import static dev.dvalabs.policy.Fixtures.TOPIC;
import static dev.dvalabs.policy.Fixtures.json;
import static dev.dvalabs.policy.Fixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Policy, request and the decision AWS's documentation gives for it: "Policy evaluation logic",
 * "IAM JSON policy elements: Principal / NotPrincipal / NotAction / Condition operators".
 */
class DecisionTest {

    private static final String TOPIC_SENDS = json("""
            {"Sid": "TopicSends", "Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"},
             "Action": "sqs:Send*", "Resource": "%s", "Condition": {"ArnEquals": {"aws:SourceArn": "%s"}}}""", QUEUE, TOPIC);

    private static final String SEND_TO_ROLE = json("""
            {"Effect": "Allow", "Principal": {"AWS": "%s"}, "Action": "sqs:SendMessage", "Resource": "%s"}""", ROLE, QUEUE);

    private static Request send(Caller caller) {
        return Request.of(caller, "sqs:SendMessage", QUEUE);
    }

    private static Request fromTopic(String topic) {
        return send(Caller.service(SNS)).with("aws:SourceArn", topic);
    }

    /** A resource policy that allows everyone sqs:SendMessage under one condition block. */
    private static Policies anyoneIf(String condition) {
        return Policies.of(policy(json("""
                {"Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage", "Resource": "%s", "Condition": %s}""",
                QUEUE, condition)));
    }

    /** An identity policy allowing the actions on the resources, both JSON values. */
    private static Policies identity(String actions, String resources) {
        return Policies.identityOnly().withIdentity(List.of(policy(json("""
                {"Effect": "Allow", "Action": %s, "Resource": %s}""", actions, resources))));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // Principal and conditions of the exercise's queue policy
                Arguments.of("the topic may send when sqs:Send* is allowed with ArnEquals on its aws:SourceArn",
                        Policies.of(policy(TOPIC_SENDS)), fromTopic(TOPIC), ALLOW),
                Arguments.of("another topic of the same service may not send under that condition",
                        Policies.of(policy(TOPIC_SENDS)), fromTopic(OTHER_TOPIC), IMPLICIT_DENY),
                Arguments.of("the service without aws:SourceArn fails ArnEquals: an absent key matches nothing",
                        Policies.of(policy(TOPIC_SENDS)), send(Caller.service(SNS)), IMPLICIT_DENY),
                Arguments.of("a Service principal does not reach an IAM role",
                        Policies.of(policy(TOPIC_SENDS)), send(Caller.aws(ROLE)).with("aws:SourceArn", TOPIC), IMPLICIT_DENY),
                Arguments.of("a statement for another action grants nothing",
                        Policies.of(policy(TOPIC_SENDS)), Request.of(Caller.service(SNS), "sqs:DeleteQueue", QUEUE)
                                .with("aws:SourceArn", TOPIC), IMPLICIT_DENY),

                // Action and NotAction
                Arguments.of("action names match case-insensitively, service prefix included",
                        identity("\"SQS:sendmessage\"", "\"*\""), send(Caller.aws(ROLE)), ALLOW),
                Arguments.of("? in an action matches exactly one character",
                        identity("\"sqs:SendMessag?\"", "\"*\""), send(Caller.aws(ROLE)), ALLOW),
                Arguments.of("? does not match several characters",
                        identity("\"sqs:Send?\"", "\"*\""), send(Caller.aws(ROLE)), IMPLICIT_DENY),
                Arguments.of("NotAction allows every action it does not list",
                        Policies.identityOnly().withIdentity(List.of(policy("""
                                {"Effect": "Allow", "NotAction": "sqs:DeleteQueue", "Resource": "*"}"""))),
                        send(Caller.aws(ROLE)), ALLOW),
                Arguments.of("NotAction does not allow the action it lists",
                        Policies.identityOnly().withIdentity(List.of(policy("""
                                {"Effect": "Allow", "NotAction": "sqs:DeleteQueue", "Resource": "*"}"""))),
                        Request.of(Caller.aws(ROLE), "sqs:DeleteQueue", QUEUE), IMPLICIT_DENY),

                // Resource and NotResource
                Arguments.of("a wildcard in the resource segment of an ARN matches the queue",
                        identity("\"sqs:SendMessage\"", "\"arn:aws:sqs:*:" + ACCOUNT + ":bill*\""), send(Caller.aws(ROLE)), ALLOW),
                Arguments.of("a resource ARN of another account does not match",
                        identity("\"sqs:SendMessage\"", "\"arn:aws:sqs:*:444455556666:*\""), send(Caller.aws(ROLE)), IMPLICIT_DENY),
                Arguments.of("NotResource allows every resource it does not list",
                        Policies.identityOnly().withIdentity(List.of(policy(json("""
                                {"Effect": "Allow", "Action": "sqs:SendMessage", "NotResource": "%s"}""", OTHER_QUEUE)))),
                        send(Caller.aws(ROLE)), ALLOW),
                Arguments.of("NotResource does not allow the resource it lists",
                        Policies.identityOnly().withIdentity(List.of(policy(json("""
                                {"Effect": "Allow", "Action": "sqs:SendMessage", "NotResource": "%s"}""", QUEUE)))),
                        send(Caller.aws(ROLE)), IMPLICIT_DENY),
                Arguments.of("a resource policy without Resource means the resource it is attached to",
                        Policies.of(policy(json("""
                                {"Effect": "Allow", "Principal": {"AWS": "%s"}, "Action": "sqs:SendMessage"}""", ROLE))),
                        send(Caller.aws(ROLE)), ALLOW),

                // Principal
                Arguments.of("a role ARN as principal reaches the role's assumed-role sessions",
                        Policies.of(policy(SEND_TO_ROLE)), send(Caller.aws(SESSION)), ALLOW),
                Arguments.of("a role ARN with a path reaches the sessions, whose ARN has no path",
                        Policies.of(policy(SEND_TO_ROLE.replace("role/app", "role/team/app"))), send(Caller.aws(SESSION)), ALLOW),
                Arguments.of("a role ARN as principal does not reach another role of the account",
                        Policies.of(policy(SEND_TO_ROLE)), send(Caller.aws(OTHER_ROLE)), IMPLICIT_DENY),
                Arguments.of("{\"AWS\": \"*\"} reaches even an anonymous caller",
                        Policies.of(policy(json("""
                                {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sqs:SendMessage", "Resource": "%s"}""",
                                QUEUE))), send(Caller.anonymous()), ALLOW),
                Arguments.of("the account as principal hands the decision to IAM: a role without an IAM Allow is denied",
                        Policies.of(policy(json("""
                                {"Effect": "Allow", "Principal": {"AWS": "%s"}, "Action": "sqs:*", "Resource": "%s"}""",
                                ACCOUNT, QUEUE))), send(Caller.aws(ROLE)), IMPLICIT_DENY),
                Arguments.of("an account root ARN as principal reaches the root itself",
                        Policies.of(policy(json("""
                                {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::%s:root"}, "Action": "sqs:*", "Resource": "%s"}""",
                                ACCOUNT, QUEUE))), send(Caller.aws(ACCOUNT)), ALLOW),

                // Evaluation logic: explicit deny, identity or resource, cross-account
                Arguments.of("an explicit Deny beats an Allow in the same policy",
                        Policies.of(policy(SEND_TO_ROLE, SEND_TO_ROLE.replace("Allow", "Deny"))), send(Caller.aws(ROLE)), EXPLICIT_DENY),
                Arguments.of("an explicit Deny in an identity policy beats the resource policy's Allow",
                        Policies.of(policy(SEND_TO_ROLE)).withIdentity(List.of(policy("""
                                {"Effect": "Deny", "Action": "sqs:*", "Resource": "*"}"""))), send(Caller.aws(ROLE)), EXPLICIT_DENY),
                Arguments.of("within one account an identity policy Allow is enough without the resource policy",
                        Policies.of(policy(TOPIC_SENDS)).withIdentity(List.of(policy("""
                                {"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*"}"""))), send(Caller.aws(ROLE)), ALLOW),
                Arguments.of("with no Allow anywhere the request is implicitly denied",
                        Policies.identityOnly(), send(Caller.aws(ROLE)), IMPLICIT_DENY),
                Arguments.of("across accounts the resource policy alone is not enough",
                        Policies.of(policy(SEND_TO_ROLE.replace(ROLE, FOREIGN_ROLE))), send(Caller.aws(FOREIGN_ROLE)), IMPLICIT_DENY),
                Arguments.of("across accounts the resource policy and the caller's identity policy together allow",
                        Policies.of(policy(SEND_TO_ROLE.replace(ROLE, FOREIGN_ROLE))).withIdentity(List.of(policy("""
                                {"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*"}"""))),
                        send(Caller.aws(FOREIGN_ROLE)), ALLOW),

                // NotPrincipal
                Arguments.of("Deny with NotPrincipal leaves out a role listed with its account",
                        Policies.of(policy(SEND_TO_ROLE, json("""
                                {"Effect": "Deny", "NotPrincipal": {"AWS": ["%s", "arn:aws:iam::%s:root"]},
                                 "Action": "sqs:*", "Resource": "%s"}""", ROLE, ACCOUNT, QUEUE))), send(Caller.aws(ROLE)), ALLOW),
                Arguments.of("Deny with NotPrincipal still denies a role listed without its account",
                        Policies.of(policy(SEND_TO_ROLE, json("""
                                {"Effect": "Deny", "NotPrincipal": {"AWS": "%s"}, "Action": "sqs:*", "Resource": "%s"}""",
                                ROLE, QUEUE))), send(Caller.aws(ROLE)), EXPLICIT_DENY),
                Arguments.of("Deny with NotPrincipal denies everyone not listed",
                        Policies.of(policy(json("""
                                {"Effect": "Deny", "NotPrincipal": {"AWS": ["%s", "arn:aws:iam::%s:root"]},
                                 "Action": "sqs:*", "Resource": "%s"}""", ROLE, ACCOUNT, QUEUE))).withIdentity(List.of(policy("""
                                {"Effect": "Allow", "Action": "sqs:*", "Resource": "*"}"""))), send(Caller.aws(OTHER_ROLE)), EXPLICIT_DENY),

                // Condition operators
                Arguments.of("Bool aws:SecureTransport false in a Deny refuses a plain-HTTP request",
                        Policies.of(policy(SEND_TO_ROLE, json("""
                                {"Effect": "Deny", "Principal": "*", "Action": "sqs:*", "Resource": "%s",
                                 "Condition": {"Bool": {"aws:SecureTransport": "false"}}}""", QUEUE))),
                        send(Caller.aws(ROLE)).with("aws:SecureTransport", "false"), EXPLICIT_DENY),
                Arguments.of("Bool aws:SecureTransport false in a Deny lets a TLS request through",
                        Policies.of(policy(SEND_TO_ROLE, json("""
                                {"Effect": "Deny", "Principal": "*", "Action": "sqs:*", "Resource": "%s",
                                 "Condition": {"Bool": {"aws:SecureTransport": "false"}}}""", QUEUE))),
                        send(Caller.aws(ROLE)).with("aws:SecureTransport", "true"), ALLOW),
                Arguments.of("a JSON boolean condition value counts like the string, not as no condition",
                        Policies.of(policy(SEND_TO_ROLE, json("""
                                {"Effect": "Deny", "Principal": "*", "Action": "sqs:*", "Resource": "%s",
                                 "Condition": {"Bool": {"aws:SecureTransport": false}}}""", QUEUE))),
                        send(Caller.aws(ROLE)).with("aws:SecureTransport", "true"), ALLOW),
                Arguments.of("StringEquals compares case-sensitively",
                        anyoneIf("{\"StringEquals\": {\"aws:SourceAccount\": \"111122223333\"}}"),
                        send(Caller.service(SNS)).with("aws:SourceAccount", ACCOUNT), ALLOW),
                Arguments.of("StringEquals fails on another value",
                        anyoneIf("{\"StringEquals\": {\"aws:SourceAccount\": \"111122223333\"}}"),
                        send(Caller.service(SNS)).with("aws:SourceAccount", "444455556666"), IMPLICIT_DENY),
                Arguments.of("StringEqualsIgnoreCase ignores case",
                        anyoneIf("{\"StringEqualsIgnoreCase\": {\"aws:RequestTag/team\": \"Billing\"}}"),
                        send(Caller.aws(ROLE)).with("aws:RequestTag/team", "BILLING"), ALLOW),
                Arguments.of("StringLike matches * and ? wildcards",
                        anyoneIf("{\"StringLike\": {\"aws:userid\": \"AROAEXAMPLE:run-?\"}}"),
                        send(Caller.aws(SESSION)).with("aws:userid", "AROAEXAMPLE:run-1"), ALLOW),
                Arguments.of("StringLike without a wildcard does not match a longer value",
                        anyoneIf("{\"StringLike\": {\"aws:userid\": \"AROAEXAMPLE:run-?\"}}"),
                        send(Caller.aws(SESSION)).with("aws:userid", "AROAEXAMPLE:run-12"), IMPLICIT_DENY),
                Arguments.of("StringNotLike on a key the request lacks is true, as AWS documents for negated operators",
                        anyoneIf("{\"StringNotLike\": {\"aws:userid\": \"AROA*\"}}"), send(Caller.anonymous()), ALLOW),
                Arguments.of("StringNotEquals fails on a listed value",
                        anyoneIf("{\"StringNotEquals\": {\"aws:SourceAccount\": [\"111122223333\", \"444455556666\"]}}"),
                        send(Caller.service(SNS)).with("aws:SourceAccount", "444455556666"), IMPLICIT_DENY),
                Arguments.of("several values for one key are ORed",
                        anyoneIf("{\"ArnEquals\": {\"aws:SourceArn\": [\"" + OTHER_TOPIC + "\", \"" + TOPIC + "\"]}}"),
                        fromTopic(TOPIC), ALLOW),
                Arguments.of("several keys in one block are ANDed: one unmet key fails the block",
                        anyoneIf("{\"ArnEquals\": {\"aws:SourceArn\": \"" + TOPIC + "\"}, "
                                + "\"StringEquals\": {\"aws:SourceAccount\": \"111122223333\"}}"),
                        fromTopic(TOPIC).with("aws:SourceAccount", "444455556666"), IMPLICIT_DENY),
                Arguments.of("condition key names are case-insensitive",
                        anyoneIf("{\"ArnEquals\": {\"AWS:SOURCEARN\": \"" + TOPIC + "\"}}"), fromTopic(TOPIC), ALLOW),
                Arguments.of("ArnLike takes a wildcard in the resource segment",
                        anyoneIf("{\"ArnLike\": {\"aws:SourceArn\": \"arn:aws:sns:us-east-1:111122223333:ord*\"}}"),
                        fromTopic(TOPIC), ALLOW),
                Arguments.of("ArnLike compares segment by segment: a region wildcard cannot swallow another account",
                        anyoneIf("{\"ArnLike\": {\"aws:SourceArn\": \"arn:aws:sns:us-*:111122223333:orders\"}}"),
                        fromTopic("arn:aws:sns:us-east-1:444455556666:orders"), IMPLICIT_DENY),
                Arguments.of("ArnEquals matches no value that is not an ARN",
                        anyoneIf("{\"ArnEquals\": {\"aws:SourceArn\": \"*\"}}"), fromTopic("orders"), IMPLICIT_DENY),
                Arguments.of("ArnNotEquals is met by another topic",
                        anyoneIf("{\"ArnNotEquals\": {\"aws:SourceArn\": \"" + TOPIC + "\"}}"), fromTopic(OTHER_TOPIC), ALLOW),
                Arguments.of("NumericLessThan is met by a smaller number",
                        anyoneIf("{\"NumericLessThan\": {\"sqs:MessageSize\": \"1024\"}}"),
                        send(Caller.aws(ROLE)).with("sqs:MessageSize", "512"), ALLOW),
                Arguments.of("NumericLessThan is not met by an equal number",
                        anyoneIf("{\"NumericLessThan\": {\"sqs:MessageSize\": \"1024\"}}"),
                        send(Caller.aws(ROLE)).with("sqs:MessageSize", "1024"), IMPLICIT_DENY),
                Arguments.of("NumericGreaterThan is met by a larger number",
                        anyoneIf("{\"NumericGreaterThan\": {\"sqs:MessageSize\": 1024}}"),
                        send(Caller.aws(ROLE)).with("sqs:MessageSize", "2048"), ALLOW),
                Arguments.of("NumericEquals compares numbers, not text",
                        anyoneIf("{\"NumericEquals\": {\"sqs:MessageSize\": \"10\"}}"),
                        send(Caller.aws(ROLE)).with("sqs:MessageSize", "10.0"), ALLOW),
                Arguments.of("Null true is met when the key is absent",
                        anyoneIf("{\"Null\": {\"aws:SourceArn\": \"true\"}}"), send(Caller.anonymous()), ALLOW),
                Arguments.of("Null true is not met when the key is present",
                        anyoneIf("{\"Null\": {\"aws:SourceArn\": \"true\"}}"), fromTopic(TOPIC), IMPLICIT_DENY),
                Arguments.of("an ...IfExists condition is met when the key is missing",
                        anyoneIf("{\"StringEqualsIfExists\": {\"aws:SourceAccount\": \"111122223333\"}}"),
                        send(Caller.anonymous()), ALLOW),
                Arguments.of("an ...IfExists condition is still checked when the key is present",
                        anyoneIf("{\"StringEqualsIfExists\": {\"aws:SourceAccount\": \"111122223333\"}}"),
                        send(Caller.service(SNS)).with("aws:SourceAccount", "444455556666"), IMPLICIT_DENY),
                Arguments.of("the same condition without IfExists fails when the key is missing",
                        anyoneIf("{\"StringEquals\": {\"aws:SourceAccount\": \"111122223333\"}}"),
                        send(Caller.anonymous()), IMPLICIT_DENY),
                Arguments.of("ForAnyValue is met when one of several request values matches",
                        anyoneIf("{\"ForAnyValue:StringEquals\": {\"aws:TagKeys\": [\"team\", \"cost-center\"]}}"),
                        send(Caller.aws(ROLE)).with("aws:TagKeys", "env", "team"), ALLOW),
                Arguments.of("ForAnyValue is not met when no request value matches",
                        anyoneIf("{\"ForAnyValue:StringEquals\": {\"aws:TagKeys\": [\"team\", \"cost-center\"]}}"),
                        send(Caller.aws(ROLE)).with("aws:TagKeys", "env", "owner"), IMPLICIT_DENY),
                Arguments.of("ForAnyValue is not met when the key is missing",
                        anyoneIf("{\"ForAnyValue:StringEquals\": {\"aws:TagKeys\": \"team\"}}"),
                        send(Caller.aws(ROLE)), IMPLICIT_DENY),
                Arguments.of("ForAllValues is met when every request value is in the policy's set",
                        anyoneIf("{\"ForAllValues:StringEquals\": {\"aws:TagKeys\": [\"env\", \"team\"]}}"),
                        send(Caller.aws(ROLE)).with("aws:TagKeys", "team", "env"), ALLOW),
                Arguments.of("ForAllValues is not met when one request value is outside the set",
                        anyoneIf("{\"ForAllValues:StringEquals\": {\"aws:TagKeys\": [\"env\", \"team\"]}}"),
                        send(Caller.aws(ROLE)).with("aws:TagKeys", "env", "owner"), IMPLICIT_DENY),
                Arguments.of("ForAllValues is met when the key is missing, as AWS warns",
                        anyoneIf("{\"ForAllValues:StringEquals\": {\"aws:TagKeys\": [\"env\", \"team\"]}}"),
                        send(Caller.aws(ROLE)), ALLOW),
                Arguments.of("ForAllValues:StringLike applies wildcards to every value",
                        anyoneIf("{\"ForAllValues:StringLike\": {\"aws:TagKeys\": \"dva-*\"}}"),
                        send(Caller.aws(ROLE)).with("aws:TagKeys", "dva-team", "env"), IMPLICIT_DENY),
                Arguments.of("aws:PrincipalAccount comes from the caller without being set",
                        anyoneIf("{\"StringEquals\": {\"aws:PrincipalAccount\": \"111122223333\"}}"),
                        send(Caller.aws(SESSION)), ALLOW),
                Arguments.of("aws:PrincipalArn of a session is its role",
                        anyoneIf("{\"ArnEquals\": {\"aws:PrincipalArn\": \"" + ROLE + "\"}}"), send(Caller.aws(SESSION)), ALLOW));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(String behaviour, Policies policies, Request request, Decision expected) {
        assertThat(policies.decide(request)).as(behaviour).isEqualTo(expected);
    }
}
