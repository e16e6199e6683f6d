package dev.dvalabs.exercises.dynamodbfinegrainedaccess;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.exercises.dynamodbfinegrainedaccess.DynamodbFineGrainedAccessVerifier.Observed;
import dev.dvalabs.exercises.dynamodbfinegrainedaccess.Sessions.Tried;
import dev.dvalabs.testing.ChecksContract;
import dev.dvalabs.verify.Deviation;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Report;
import dev.dvalabs.verify.Status;
import dev.dvalabs.verify.Verification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.BillingModeSummary;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * Each dynamodb-fine-grained-access check judged on observations that differ from a correct build in one
 * fact. The trust and permissions policies are JSON as IAM returns them, judged by the policy evaluator, so
 * each mistake is the policy a learner would write; the sessions are what AWS answers two real sessions.
 */
class DynamodbFineGrainedAccessChecksTest extends ChecksContract<Observed, DynamodbFineGrainedAccessChecksTest.Seen> {

    static final String ACCOUNT = "111122223333";
    static final String TABLE = "arn:aws:dynamodb:eu-west-1:111122223333:table/dva-labs-user-items";
    static final String ROLE = "arn:aws:iam::111122223333:role/dva-labs-user-items-access";
    static final String YOU = "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Admin_0123456789abcdef/learner";
    static final String ITEM_ACTIONS = """
            ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:PutItem",
             "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem"]""";
    static final String DENIED = "AccessDeniedException: User: arn:aws:sts::111122223333:assumed-role/dva-labs-user-items-access/ana"
            + " is not authorized to perform: dynamodb:GetItem";

    DynamodbFineGrainedAccessChecksTest() {
        super(() -> new DynamodbFineGrainedAccessVerifier().checks(), Seen::new, Seen::build);
    }

    /** A correct build's observations, one fact at a time changeable. */
    static final class Seen {
        TableDescription.Builder table = TableDescription.builder()
                .attributeDefinitions(attribute("userId"), attribute("itemId"))
                .keySchema(key("userId", KeyType.HASH), key("itemId", KeyType.RANGE))
                .billingModeSummary(BillingModeSummary.builder().billingMode(BillingMode.PAY_PER_REQUEST).build());
        String principal = "{\"AWS\": \"arn:aws:iam::" + ACCOUNT + ":root\"}";
        String trustActions = "[\"sts:AssumeRole\", \"sts:TagSession\"]";
        String trustCondition = "";
        String actions = ITEM_ACTIONS;
        String resource = "\"" + TABLE + "\"";
        String condition = "{\"ForAllValues:StringEquals\": {\"dynamodb:LeadingKeys\": [\"${aws:PrincipalTag/userId}\"]}}";
        List<String> more = new ArrayList<>();
        List<Tried> sessions = new ArrayList<>(List.of(
                new Tried("ana", "PutItem on its own key", true, Sessions.ALLOWED),
                new Tried("anabel", "PutItem on its own key", true, Sessions.ALLOWED),
                new Tried("ana", "GetItem on its own key", true, Sessions.ALLOWED),
                new Tried("ana", "GetItem on anabel's key", false, DENIED),
                new Tried("ana", "Scan", false, DENIED)));

        Observed build() {
            String trust = """
                    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": %s, "Action": %s%s}]}"""
                    .formatted(principal, trustActions, trustCondition);
            List<String> documents = new ArrayList<>(List.of("""
                    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": %s, "Resource": %s, "Condition": %s}]}"""
                    .formatted(actions, resource, condition)));
            documents.addAll(more);
            return new Observed(Fact.of(table.build()), Fact.of(new Trust(trust, ROLE, YOU)),
                    Fact.of(new Grants(TABLE, ROLE, documents)), Fact.of(List.copyOf(sessions)));
        }

        void operator(String operator) {
            condition = condition.replace("ForAllValues:StringEquals", operator);
        }

        void userId(String value) {
            condition = condition.replace("${aws:PrincipalTag/userId}", value);
        }

        void answer(String what, String answer) {
            sessions.replaceAll(t -> t.what().equals(what) ? new Tried(t.who(), t.what(), t.intended(), answer) : t);
        }
    }

    static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    @Override
    protected Stream<Mistake<Seen>> mistakes() {
        return Stream.of(
                wrong("table-keyed-by-user", "a table keyed by userId alone",
                        (Consumer<Seen>) s -> s.table.keySchema(key("userId", KeyType.HASH))),
                wrong("table-keyed-by-user", "a table keyed by id",
                        (Consumer<Seen>) s -> s.table.keySchema(key("id", KeyType.HASH), key("itemId", KeyType.RANGE))),
                wrong("table-on-demand", "a provisioned table, which DescribeTable shows without a billing mode summary",
                        (Consumer<Seen>) s -> s.table.billingModeSummary((BillingModeSummary) null)),
                wrong("trust-session-tag", "a trust policy without sts:TagSession",
                        (Consumer<Seen>) s -> s.trustActions = "\"sts:AssumeRole\""),
                wrong("trust-session-tag", "a trust policy admitting one user's tag only (ana), so anabel gets no session",
                        (Consumer<Seen>) s -> s.trustCondition = ", \"Condition\": {\"StringEquals\": {\"aws:RequestTag/userId\": \"ana\"}}"),
                wrong("trust-session-tag", "a trust policy naming another account",
                        (Consumer<Seen>) s -> s.principal = "{\"AWS\": \"arn:aws:iam::444455556666:root\"}", "trust-only-your-account"),
                wrong("trust-session-tag", "a trust policy for the DynamoDB service",
                        (Consumer<Seen>) s -> s.principal = "{\"Service\": \"dynamodb.amazonaws.com\"}", "trust-only-your-account"),
                wrong("trust-session-tag", "a trust policy naming another user of your account",
                        (Consumer<Seen>) s -> s.principal = "{\"AWS\": \"arn:aws:iam::" + ACCOUNT + ":user/someone-else\"}", "trust-only-your-account"),
                wrong("trust-only-your-account", "a trust policy letting anyone in",
                        (Consumer<Seen>) s -> s.principal = "{\"AWS\": \"*\"}"),
                wrong("own-items-allowed", "${aws:userid}, a role session's ROLEID:name, as the user's id",
                        (Consumer<Seen>) s -> s.userId("${aws:userid}")),
                wrong("own-items-allowed", "the statement on the table's indexes only",
                        (Consumer<Seen>) s -> s.resource = "\"" + TABLE + "/index/*\""),
                wrong("own-items-allowed", "a hard-coded user id: anabel reaches ana's items, not her own",
                        (Consumer<Seen>) s -> s.userId("ana"), "others-items-refused"),
                wrong("others-items-refused", "StringLike with a wildcard after the id: ana reaches anabel's items",
                        (Consumer<Seen>) s -> {
                            s.operator("ForAllValues:StringLike");
                            s.userId("${aws:PrincipalTag/userId}*");
                        }, "batch-mixing-refused"),
                wrong("others-items-refused", "no condition at all",
                        (Consumer<Seen>) s -> s.condition = "{}", "batch-mixing-refused"),
                wrong("others-items-refused", "the condition on dynamodb:Attributes instead of dynamodb:LeadingKeys",
                        (Consumer<Seen>) s -> s.condition = s.condition.replace("dynamodb:LeadingKeys", "dynamodb:Attributes"),
                        "batch-mixing-refused"),
                wrong("batch-mixing-refused", "ForAnyValue instead of ForAllValues",
                        (Consumer<Seen>) s -> s.operator("ForAnyValue:StringEquals")),
                wrong("scan-refused", "Scan among the actions",
                        (Consumer<Seen>) s -> s.actions = s.actions.replace("]", ", \"dynamodb:Scan\"]")),
                wrong("scan-refused", "Scan on the indexes, in a statement of its own",
                        (Consumer<Seen>) s -> s.more.add("""
                                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "dynamodb:Scan",
                                 "Resource": "%s/index/*"}]}""".formatted(TABLE))),
                wrong("no-table-wide-actions", "DeleteTable and UpdateTable added",
                        (Consumer<Seen>) s -> s.actions = s.actions.replace("]", ", \"dynamodb:DeleteTable\", \"dynamodb:UpdateTable\"]")),
                wrong("no-table-wide-actions", "dynamodb:* on the table under the condition",
                        (Consumer<Seen>) s -> s.actions = "\"dynamodb:*\"", "scan-refused"),
                wrong("only-this-table", "Resource \"*\"", (Consumer<Seen>) s -> s.resource = "\"*\""),
                wrong("only-this-table", "a table name pattern",
                        (Consumer<Seen>) s -> s.resource = "\"" + TABLE.replace("dva-labs-user-items", "dva-labs-*") + "\""),
                wrong("sessions-own-items", "AWS refusing a user's own item",
                        (Consumer<Seen>) s -> s.answer("GetItem on its own key", DENIED)),
                wrong("sessions-own-items", "AWS refusing a user's PutItem on their own key",
                        (Consumer<Seen>) s -> s.answer("PutItem on its own key", DENIED)),
                wrong("sessions-kept-apart", "AWS letting ana read anabel's item",
                        (Consumer<Seen>) s -> s.answer("GetItem on anabel's key", Sessions.ALLOWED)),
                wrong("sessions-kept-apart", "AWS letting ana Scan",
                        (Consumer<Seen>) s -> s.answer("Scan", Sessions.ALLOWED)));
    }

    @Test
    @DisplayName("a role that could not be assumed fails both sessions checks with AWS's answer")
    void assumeRefused() {
        Observed seen = new Seen().build();
        Observed refused = new Observed(seen.table(), seen.trust(), seen.grants(),
                Fact.refused("role " + ROLE + " assumed with the session tag userId=dva-labs-verify-1764990000-0a1b2c3d-ana:"
                        + " AccessDenied: User: " + YOU + " is not authorized to perform: sts:TagSession on resource: " + ROLE));
        Report report = Verification.judge("checks", checks(), refused, "aws", Map.of());
        assertThat(report.outcome("sessions-own-items").status()).isEqualTo(Status.FAIL);
        assertThat(report.outcome("sessions-kept-apart").result().observed()).contains("sts:TagSession");
    }

    @Test
    @DisplayName("on an emulator that enforces no IAM the sessions checks are SKIP by the recorded deviation, the policy checks still judge")
    void emulatorSkipsOnlyTheSessions() {
        Seen wrong = new Seen();
        wrong.operator("ForAnyValue:StringEquals");
        Observed seen = wrong.build();
        Observed onEmulator = new Observed(seen.table(), seen.trust(), seen.grants(),
                Fact.unavailable(Sessions.NO_ENFORCEMENT + ": local answered ListTables"));
        Deviation deviation = Deviation.of("enforces no IAM", "no emulator here enforces IAM for DynamoDB");
        Report report = Verification.judge("checks", checks(), onEmulator, "local",
                Map.of("sessions-own-items", deviation, "sessions-kept-apart", deviation));
        assertThat(report.ids(Status.SKIP)).containsExactlyInAnyOrder("sessions-own-items", "sessions-kept-apart");
        assertThat(report.ids(Status.FAIL)).containsExactly("batch-mixing-refused");
    }

    @Test
    @DisplayName("a trust policy naming your own role, rather than your account, lets you in too")
    void trustNamingYourRole() {
        Seen seen = new Seen();
        seen.principal = "{\"AWS\": \"arn:aws:iam::" + ACCOUNT + ":role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123456789abcdef\"}";
        assertThat(judge(seen).ids(Status.FAIL)).isEmpty();
    }

    @Test
    @DisplayName("the guide's policy with only some attributes, and an attached Deny of Scan, pass every policy check")
    void attributesAndDenyPass() {
        Seen seen = new Seen();
        seen.condition = """
                {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["${aws:PrincipalTag/userId}"],
                                               "dynamodb:Attributes": ["userId", "itemId", "note"]},
                 "StringEqualsIfExists": {"dynamodb:Select": "SPECIFIC_ATTRIBUTES"}}""";
        seen.more.add("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "dynamodb:Scan", "Resource": "%s*"}]}"""
                .formatted(TABLE));
        assertThat(judge(seen).ids(Status.FAIL)).isEmpty();
    }
}
