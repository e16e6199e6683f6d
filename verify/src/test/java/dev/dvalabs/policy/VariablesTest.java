package dev.dvalabs.policy;

import static dev.dvalabs.policy.Decision.ALLOW;
import static dev.dvalabs.policy.Decision.EXPLICIT_DENY;
import static dev.dvalabs.policy.Decision.IMPLICIT_DENY;
import static dev.dvalabs.policy.Fixtures.ACCOUNT;
import static dev.dvalabs.policy.Fixtures.QUEUE;
import static dev.dvalabs.policy.Fixtures.ROLE;
import static dev.dvalabs.policy.Fixtures.SESSION;
import static dev.dvalabs.policy.Fixtures.json;
import static dev.dvalabs.policy.Fixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Policy variables as "IAM policy elements: Variables and tags" documents them
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html): replaced from
 * the request context in Resource and in the values of string and ARN condition operators; a variable
 * whose key has no value (and no default) is "effectively null": a resource holding it matches no
 * resource, StringEquals and StringLike do not match it, StringNotEquals and StringNotLike do; ${*}, ${?}
 * and ${$} stand for the characters themselves; key names are case-insensitive; one round of replacement.
 */
class VariablesTest {

    private static final String BUCKET = "arn:aws:s3:::amzn-s3-demo-bucket";
    private static final String ALICE = "arn:aws:iam::111122223333:user/division/alice";

    /** An identity policy allowing s3:GetObject on the resource pattern given. */
    private static Policies objects(String resource) {
        return Policies.identityOnly().withIdentity(List.of(policy(json("""
                {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "%s"}""", resource))));
    }

    private static Request get(Caller caller, String key) {
        return Request.of(caller, "s3:GetObject", BUCKET + "/" + key);
    }

    /** The whole bucket allowed, and everything outside the user's own folder denied. */
    private static Policies ownFolderOnly() {
        return Policies.identityOnly().withIdentity(List.of(policy(json("""
                {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "%s/*"}""", BUCKET), json("""
                {"Effect": "Deny", "Action": "s3:GetObject", "NotResource": "%s/${aws:username}/*"}""", BUCKET))));
    }

    /** The guide's example: objects allowed, and denied when their Team tag is not the principal's. */
    private static Policies ownTeamObjectsOnly() {
        return Policies.identityOnly().withIdentity(List.of(policy(json("""
                {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "%s/*"}""", BUCKET), json("""
                {"Effect": "Deny", "Action": "s3:GetObject", "Resource": "%s/*",
                 "Condition": {"StringNotEquals": {"s3:ExistingObjectTag/Team": "${aws:PrincipalTag/Team}"}}}""", BUCKET))));
    }

    /** An identity policy allowing sqs:SendMessage on the queue under one condition block. */
    private static Policies sendIf(String condition) {
        return Policies.identityOnly().withIdentity(List.of(policy(json("""
                {"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "%s", "Condition": %s}""", QUEUE, condition))));
    }

    private static Request send() {
        return Request.of(Caller.aws(SESSION), "sqs:SendMessage", QUEUE);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("${aws:username} in Resource lets a user reach their own folder",
                        objects(BUCKET + "/${aws:username}/*"), get(Caller.aws(ALICE), "alice/notes.txt"), ALLOW),
                Arguments.of("${aws:username} in Resource keeps a user out of another's folder",
                        objects(BUCKET + "/${aws:username}/*"), get(Caller.aws(ALICE), "bob/notes.txt"), IMPLICIT_DENY),
                Arguments.of("a role session has no aws:username, so a statement using it matches nothing",
                        objects(BUCKET + "/${aws:username}/*"), get(Caller.aws(SESSION), "run-1/notes.txt"), IMPLICIT_DENY),
                Arguments.of("a Deny on NotResource ${aws:username} lets a user into their own folder",
                        ownFolderOnly(), get(Caller.aws(ALICE), "alice/notes.txt"), ALLOW),
                Arguments.of("the same Deny applies to a user outside their folder",
                        ownFolderOnly(), get(Caller.aws(ALICE), "shared/notes.txt"), EXPLICIT_DENY),
                Arguments.of("for a role session the NotResource with no value matches no resource, so the Deny covers all",
                        ownFolderOnly(), get(Caller.aws(SESSION), "run-1/notes.txt"), EXPLICIT_DENY),
                Arguments.of("a resource with a variable of no value matches nothing, but the statement's other resources count",
                        Policies.identityOnly().withIdentity(List.of(policy(json("""
                                {"Effect": "Allow", "Action": "s3:GetObject", "Resource": ["%s/${aws:username}/*", "%s/public/*"]}""",
                                BUCKET, BUCKET)))), get(Caller.aws(SESSION), "public/index.html"), ALLOW),
                Arguments.of("${aws:userid} of a session (role id:session name) names its folder",
                        objects(BUCKET + "/home/${aws:userid}/*"),
                        get(Caller.aws(SESSION), "home/AROAEXAMPLEID:run-1/notes.txt").with("aws:userid", "AROAEXAMPLEID:run-1"), ALLOW),
                Arguments.of("${aws:PrincipalAccount} comes from the caller",
                        objects(BUCKET + "/${aws:PrincipalAccount}/*"), get(Caller.aws(SESSION), ACCOUNT + "/report.csv"), ALLOW),
                Arguments.of("a variable before the fifth colon of a Resource ARN is not replaced: it matches no account",
                        Policies.identityOnly().withIdentity(List.of(policy("""
                                {"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:${aws:PrincipalAccount}:*"}"""))),
                        send(), IMPLICIT_DENY),
                Arguments.of("${aws:userid} of the account root is the account id",
                        objects(BUCKET + "/${aws:userid}/*"), get(Caller.aws(ACCOUNT), ACCOUNT + "/a.txt"), ALLOW),
                Arguments.of("${aws:PrincipalType} of an IAM user is User",
                        objects(BUCKET + "/${aws:PrincipalType}/*"), get(Caller.aws(ALICE), "User/a.txt"), ALLOW),
                Arguments.of("${aws:PrincipalType} of a role session is AssumedRole",
                        objects(BUCKET + "/${aws:PrincipalType}/*"), get(Caller.aws(SESSION), "AssumedRole/a.txt"), ALLOW),
                Arguments.of("variable key names are case-insensitive",
                        objects(BUCKET + "/${AWS:USERNAME}/*"), get(Caller.aws(ALICE), "alice/notes.txt"), ALLOW),
                Arguments.of("${aws:PrincipalTag/team} in Resource reaches the team's folder",
                        objects(BUCKET + "/${aws:PrincipalTag/team}/*"),
                        get(Caller.aws(SESSION), "billing/q1.csv").with("aws:PrincipalTag/team", "billing"), ALLOW),
                Arguments.of("the default value stands in when the tag is missing",
                        objects(BUCKET + "/${aws:PrincipalTag/team, 'company-wide'}/*"),
                        get(Caller.aws(SESSION), "company-wide/handbook.pdf"), ALLOW),
                Arguments.of("the default value is not used when the tag is present",
                        objects(BUCKET + "/${aws:PrincipalTag/team, 'company-wide'}/*"),
                        get(Caller.aws(SESSION), "company-wide/handbook.pdf").with("aws:PrincipalTag/team", "billing"), IMPLICIT_DENY),
                Arguments.of("two quotes in a default value stand for one",
                        objects(BUCKET + "/${aws:PrincipalTag/team, 'team''s'}/*"), get(Caller.aws(SESSION), "team's/a.txt"), ALLOW),
                Arguments.of("${*} is a literal asterisk, not a wildcard: it matches an object named *",
                        objects(BUCKET + "/${*}"), get(Caller.aws(ALICE), "*"), ALLOW),
                Arguments.of("${*} does not match any other name",
                        objects(BUCKET + "/${*}"), get(Caller.aws(ALICE), "report.csv"), IMPLICIT_DENY),
                Arguments.of("${?} is a literal question mark",
                        objects(BUCKET + "/why${?}"), get(Caller.aws(ALICE), "whyX"), IMPLICIT_DENY),
                Arguments.of("${$} is a literal dollar, and what follows it is not replaced again",
                        sendIf("{\"StringEquals\": {\"aws:RequestTag/label\": \"${$}{aws:username}\"}}"),
                        send().with("aws:RequestTag/label", "${aws:username}"), ALLOW),
                Arguments.of("${aws:PrincipalTag/team} in a StringEquals value is compared with the request's value",
                        sendIf("{\"StringEquals\": {\"aws:ResourceTag/team\": \"${aws:PrincipalTag/team}\"}}"),
                        send().with("aws:PrincipalTag/team", "billing").with("aws:ResourceTag/team", "billing"), ALLOW),
                Arguments.of("... and refuses a resource of another team",
                        sendIf("{\"StringEquals\": {\"aws:ResourceTag/team\": \"${aws:PrincipalTag/team}\"}}"),
                        send().with("aws:PrincipalTag/team", "billing").with("aws:ResourceTag/team", "shipping"), IMPLICIT_DENY),
                Arguments.of("a variable in a StringLike value keeps the pattern's own wildcards",
                        sendIf("{\"StringLike\": {\"aws:ResourceTag/owner\": \"${aws:PrincipalTag/team}-*\"}}"),
                        send().with("aws:PrincipalTag/team", "billing").with("aws:ResourceTag/owner", "billing-app"), ALLOW),
                Arguments.of("a variable in an ARN operator's value is replaced",
                        sendIf("{\"ArnLike\": {\"aws:PrincipalArn\": \"arn:aws:iam::${aws:PrincipalAccount}:role/*\"}}"),
                        send(), ALLOW),
                Arguments.of("a variable in a Numeric operator's value is not replaced, so it matches no number",
                        sendIf("{\"NumericLessThanEquals\": {\"sqs:MessageSize\": \"${aws:PrincipalTag/limit}\"}}"),
                        send().with("aws:PrincipalTag/limit", "1024").with("sqs:MessageSize", "512"), IMPLICIT_DENY),
                Arguments.of("a multivalued key cannot be a variable: StringEquals does not match it",
                        sendIf("{\"StringEquals\": {\"aws:ResourceTag/team\": \"${aws:TagKeys}\"}}"),
                        send().with("aws:TagKeys", "team", "env").with("aws:ResourceTag/team", "team"), IMPLICIT_DENY),
                Arguments.of("StringNotEquals matches a variable with no value: the guide's Deny refuses an untagged principal",
                        ownTeamObjectsOnly(), get(Caller.aws(SESSION), "plan.txt").with("s3:ExistingObjectTag/Team", "yellow"),
                        EXPLICIT_DENY),
                Arguments.of("the guide's Deny lets a principal of the object's team through",
                        ownTeamObjectsOnly(), get(Caller.aws(SESSION), "plan.txt").with("s3:ExistingObjectTag/Team", "yellow")
                                .with("aws:PrincipalTag/Team", "yellow"), ALLOW),
                Arguments.of("StringLike does not match a variable with no value",
                        sendIf("{\"StringLike\": {\"aws:ResourceTag/owner\": \"${aws:PrincipalTag/team}\"}}"),
                        send().with("aws:ResourceTag/owner", ""), IMPLICIT_DENY),
                Arguments.of("${www.amazon.com:user_id} of a Login with Amazon user names their folder",
                        objects(BUCKET + "/amazon/${www.amazon.com:user_id}/*"),
                        get(Caller.aws(SESSION), "amazon/amzn1.account.A/a.txt").with("www.amazon.com:user_id", "amzn1.account.A"), ALLOW),
                Arguments.of("${graph.facebook.com:id} of a Facebook user names their folder",
                        objects(BUCKET + "/facebook/${graph.facebook.com:id}/*"),
                        get(Caller.aws(SESSION), "facebook/1234/a.txt").with("graph.facebook.com:id", "1234"), ALLOW),
                Arguments.of("${accounts.google.com:sub} of a Google user keeps them out of another's folder",
                        objects(BUCKET + "/google/${accounts.google.com:sub}/*"),
                        get(Caller.aws(SESSION), "google/999/a.txt").with("accounts.google.com:sub", "111"), IMPLICIT_DENY),
                Arguments.of("a policy without variables is read as before: a $ alone is text",
                        objects(BUCKET + "/price$list/*"), get(Caller.aws(ROLE), "price$list/a.txt"), ALLOW));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(String behaviour, Policies policies, Request request, Decision expected) {
        assertThat(policies.decide(request)).as(behaviour).isEqualTo(expected);
    }
}
