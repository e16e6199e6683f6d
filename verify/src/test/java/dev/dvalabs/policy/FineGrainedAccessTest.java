package dev.dvalabs.policy;

import static dev.dvalabs.policy.Decision.ALLOW;
import static dev.dvalabs.policy.Decision.IMPLICIT_DENY;
import static dev.dvalabs.policy.Fixtures.json;
import static dev.dvalabs.policy.Fixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each user reads and writes only the items whose partition key is their own id, as AWS's
 * "Using IAM policy conditions for fine-grained access control" (Amazon DynamoDB Developer Guide,
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/specifying-conditions.html) writes
 * the policy: ForAllValues:StringEquals on dynamodb:LeadingKeys with the user's id as a policy variable,
 * dynamodb:Attributes to limit the attributes, StringEqualsIfExists on dynamodb:Select.
 */
class FineGrainedAccessTest {

    private static final String TABLE = "arn:aws:dynamodb:us-west-2:123456789012:table/GameScores";
    private static final String SESSION = "arn:aws:sts::123456789012:assumed-role/GameUsers/web-session";
    private static final String ITEM_ACTIONS = """
            ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:PutItem",
             "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem"]""";

    /** The guide's policy, the user id taken from the variable given (a web identity's or a session tag's). */
    private static Policies ownItems(String operator, String userVariable) {
        return Policies.identityOnly().withIdentity(List.of(policy(json("""
                {"Sid": "AllowAccessToOnlyItemsMatchingUserID", "Effect": "Allow", "Action": %s, "Resource": "%s",
                 "Condition": {"%s": {"dynamodb:LeadingKeys": ["%s"]}}}""", ITEM_ACTIONS, TABLE, operator, userVariable))));
    }

    private static Policies amazonUsers() {
        return ownItems("ForAllValues:StringEquals", "${www.amazon.com:user_id}");
    }

    /** The guide's policy for GameRole whole: the user's own items, only these attributes, no Select but SPECIFIC_ATTRIBUTES. */
    private static Policies ownAttributes() {
        return Policies.identityOnly().withIdentity(List.of(policy(json("""
                {"Sid": "AllowAccessToOnlyItemsMatchingUserID", "Effect": "Allow", "Action": %s, "Resource": ["%s"],
                 "Condition": {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["${www.amazon.com:user_id}"],
                                                             "dynamodb:Attributes": ["UserId", "GameTitle", "Wins", "Losses",
                                                                                     "TopScore", "TopScoreDateTime"]},
                               "StringEqualsIfExists": {"dynamodb:Select": "SPECIFIC_ATTRIBUTES"}}}""", ITEM_ACTIONS, TABLE))));
    }

    private static Request by(String action, String... partitionKeys) {
        Request request = Request.of(Caller.aws(SESSION), action, TABLE);
        return partitionKeys.length == 0 ? request : request.with("dynamodb:LeadingKeys", partitionKeys);
    }

    private static Request amazonUser(String userId, String action, String... partitionKeys) {
        return by(action, partitionKeys).with("www.amazon.com:user_id", userId);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("a user may get the item under their own key",
                        amazonUsers(), amazonUser("amzn1.account.A", "dynamodb:GetItem", "amzn1.account.A"), ALLOW),
                Arguments.of("a user may not get the item under another user's key",
                        amazonUsers(), amazonUser("amzn1.account.A", "dynamodb:GetItem", "amzn1.account.B"), IMPLICIT_DENY),
                Arguments.of("a user may write an item under their own key",
                        amazonUsers(), amazonUser("amzn1.account.A", "dynamodb:PutItem", "amzn1.account.A"), ALLOW),
                Arguments.of("a user may not write an item under another user's key",
                        amazonUsers(), amazonUser("amzn1.account.A", "dynamodb:PutItem", "amzn1.account.B"), IMPLICIT_DENY),
                Arguments.of("a Query on the user's own partition is allowed",
                        amazonUsers(), amazonUser("amzn1.account.A", "dynamodb:Query", "amzn1.account.A"), ALLOW),
                Arguments.of("a Scan is refused: the policy does not list it",
                        amazonUsers(), amazonUser("amzn1.account.A", "dynamodb:Scan"), IMPLICIT_DENY),
                Arguments.of("a BatchGetItem mixing the user's key and another's is refused under ForAllValues",
                        amazonUsers(), amazonUser("amzn1.account.A", "dynamodb:BatchGetItem", "amzn1.account.A", "amzn1.account.B"),
                        IMPLICIT_DENY),
                Arguments.of("a BatchGetItem on the user's own key only is allowed under ForAllValues",
                        amazonUsers(), amazonUser("amzn1.account.A", "dynamodb:BatchGetItem", "amzn1.account.A", "amzn1.account.A"),
                        ALLOW),
                Arguments.of("the same mixed BatchGetItem is allowed, wrongly, under ForAnyValue: one own key is enough for it",
                        ownItems("ForAnyValue:StringEquals", "${www.amazon.com:user_id}"),
                        amazonUser("amzn1.account.A", "dynamodb:BatchGetItem", "amzn1.account.A", "amzn1.account.B"), ALLOW),
                Arguments.of("a mixed BatchWriteItem is refused under ForAllValues as well",
                        amazonUsers(), amazonUser("amzn1.account.A", "dynamodb:BatchWriteItem", "amzn1.account.B", "amzn1.account.A"),
                        IMPLICIT_DENY),
                Arguments.of("listing Scan under ForAllValues lets it through: a Scan carries no dynamodb:LeadingKeys",
                        ownItems("ForAllValues:StringEquals", "${www.amazon.com:user_id}").withIdentity(List.of(policy(json("""
                                {"Effect": "Allow", "Action": "dynamodb:Scan", "Resource": "%s",
                                 "Condition": {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["${www.amazon.com:user_id}"]}}}""",
                                TABLE)))), amazonUser("amzn1.account.A", "dynamodb:Scan"), ALLOW),
                Arguments.of("a caller without a web identity matches nothing: the variable cannot be resolved",
                        amazonUsers(), by("dynamodb:GetItem", "amzn1.account.A"), IMPLICIT_DENY),
                Arguments.of("own key allowed by the session tag ${aws:PrincipalTag/userId}",
                        ownItems("ForAllValues:StringEquals", "${aws:PrincipalTag/userId}"),
                        by("dynamodb:GetItem", "user-1").with("aws:PrincipalTag/userId", "user-1"), ALLOW),
                Arguments.of("another's key refused under the session tag ${aws:PrincipalTag/userId}",
                        ownItems("ForAllValues:StringEquals", "${aws:PrincipalTag/userId}"),
                        by("dynamodb:GetItem", "user-2").with("aws:PrincipalTag/userId", "user-1"), IMPLICIT_DENY),
                Arguments.of("a session without the userId tag reaches no item, not even a key spelled like the variable",
                        ownItems("ForAllValues:StringEquals", "${aws:PrincipalTag/userId}"),
                        by("dynamodb:GetItem", "${aws:PrincipalTag/userId}"), IMPLICIT_DENY),
                Arguments.of("with a default value, an untagged session reaches the items under the default",
                        ownItems("ForAllValues:StringEquals", "${aws:PrincipalTag/userId, 'anonymous'}"),
                        by("dynamodb:GetItem", "anonymous"), ALLOW),
                Arguments.of("own key allowed by the Cognito identity ${cognito-identity.amazonaws.com:sub}",
                        ownItems("ForAllValues:StringEquals", "${cognito-identity.amazonaws.com:sub}"),
                        by("dynamodb:GetItem", "us-east-1:1111-aaaa")
                                .with("cognito-identity.amazonaws.com:sub", "us-east-1:1111-aaaa"), ALLOW),
                Arguments.of("another's key refused under the Cognito identity",
                        ownItems("ForAllValues:StringEquals", "${cognito-identity.amazonaws.com:sub}"),
                        by("dynamodb:GetItem", "us-east-1:2222-bbbb")
                                .with("cognito-identity.amazonaws.com:sub", "us-east-1:1111-aaaa"), IMPLICIT_DENY),
                Arguments.of("only the listed attributes: a projection within them is allowed",
                        ownAttributes(), amazonUser("amzn1.account.A", "dynamodb:GetItem", "amzn1.account.A")
                                .with("dynamodb:Attributes", "UserId", "TopScore").with("dynamodb:Select", "SPECIFIC_ATTRIBUTES"), ALLOW),
                Arguments.of("only the listed attributes: asking for one more is refused",
                        ownAttributes(), amazonUser("amzn1.account.A", "dynamodb:GetItem", "amzn1.account.A")
                                .with("dynamodb:Attributes", "UserId", "PersonalEmail").with("dynamodb:Select", "SPECIFIC_ATTRIBUTES"),
                        IMPLICIT_DENY),
                Arguments.of("dynamodb:Select ALL_ATTRIBUTES fails StringEqualsIfExists SPECIFIC_ATTRIBUTES",
                        ownAttributes(), amazonUser("amzn1.account.A", "dynamodb:Query", "amzn1.account.A")
                                .with("dynamodb:Select", "ALL_ATTRIBUTES"), IMPLICIT_DENY),
                Arguments.of("a request without dynamodb:Select passes StringEqualsIfExists",
                        ownAttributes(), amazonUser("amzn1.account.A", "dynamodb:GetItem", "amzn1.account.A")
                                .with("dynamodb:Attributes", "Wins"), ALLOW));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(String behaviour, Policies policies, Request request, Decision expected) {
        assertThat(policies.decide(request)).as(behaviour).isEqualTo(expected);
    }
}
