package dev.dvalabs.exercises.dynamodbfinegrainedaccess;

import static dev.dvalabs.verify.Matcher.empty;
import static dev.dvalabs.verify.Matcher.eq;

import dev.dvalabs.exercises.dynamodbfinegrainedaccess.Sessions.Tried;
import dev.dvalabs.policy.PolicyException;
import dev.dvalabs.probe.DynamoDb;
import dev.dvalabs.probe.Iam;
import dev.dvalabs.verify.Check;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Session;
import dev.dvalabs.verify.Verifier;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.arns.Arn;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * dynamodb-fine-grained-access: a table keyed by user id, and a role whose sessions, tagged with a user's
 * id, reach only that user's items. The policy evaluator judges the trust and permissions policies for two
 * users on every target; where the target enforces IAM (AWS), two real sessions prove it.
 */
final class DynamodbFineGrainedAccessVerifier implements Verifier<DynamodbFineGrainedAccessVerifier.Observed> {

    static final String PARTITION_KEY = "userId";
    static final String SORT_KEY = "itemId";
    private static final String NOTES = "Access managed by IAM: IAM Condition allowing only own record access, "
            + "UserID as Partition Key, dynamodb:LeadingKeys";

    /** What the verifier saw: the table, the role's trust and permissions as the evaluator reads them, and real sessions. */
    record Observed(Fact<TableDescription> table, Fact<Trust> trust, Fact<Grants> grants, Fact<List<Tried>> sessions) {}

    @Override
    public List<Check<Observed>> checks() {
        return List.of(
                new Check<Observed>("table-keyed-by-user", "The table {table} is keyed by " + PARTITION_KEY + " (partition) and " + SORT_KEY + " (sort)",
                        "Use UserID as Partition Key",
                        "Create {table} with " + PARTITION_KEY + " (S) as partition key and " + SORT_KEY + " (S) as sort key:"
                                + " aws dynamodb create-table --table-name {table} --attribute-definitions AttributeName="
                                + PARTITION_KEY + ",AttributeType=S AttributeName=" + SORT_KEY + ",AttributeType=S --key-schema"
                                + " AttributeName=" + PARTITION_KEY + ",KeyType=HASH AttributeName=" + SORT_KEY + ",KeyType=RANGE"
                                + " --billing-mode PAY_PER_REQUEST; in CDK, TableProps.partitionKey and sortKey.",
                        o -> o.table().its("key schema", t -> DynamoDb.keySchema(t, t.keySchema()))
                                .should(eq(PARTITION_KEY + " HASH (S), " + SORT_KEY + " RANGE (S)"))).forTask(1),
                new Check<Observed>("table-on-demand", "The table {table} is billed on demand", "On-demand: pay per request",
                        "Create {table} with --billing-mode PAY_PER_REQUEST, or switch it: aws dynamodb update-table --table-name"
                                + " {table} --billing-mode PAY_PER_REQUEST; in CDK, TableProps.billingMode(BillingMode.PAY_PER_REQUEST).",
                        o -> o.table().its("billing mode", t -> t.billingModeSummary() == null ? BillingMode.PROVISIONED
                                : t.billingModeSummary().billingMode()).should(eq(BillingMode.PAY_PER_REQUEST))).forTask(1),
                new Check<Observed>("trust-session-tag", "You may assume the role {role} with the session tag " + Grants.TAG,
                        "Create role allowing you to get temporary access keys to access table",
                        "Trust your account in {role}'s trust policy with both sts:AssumeRole and sts:TagSession (a session"
                                + " tag needs sts:TagSession): aws iam update-assume-role-policy --role-name {role} --policy-document"
                                + " '{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                                + "{\"AWS\":\"arn:aws:iam::ACCOUNT:root\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]}]}';"
                                + " in CDK, RoleProps.assumedBy(new AccountRootPrincipal().withSessionTags()).",
                        o -> o.trust().its("refused to you", Trust::denied).should(empty())).forTask(2),
                new Check<Observed>("trust-only-your-account", "No one but you and your account may assume {role}",
                        "Create role allowing you to get temporary access keys to access table",
                        "Name your account (arn:aws:iam::<account>:root) as the trust policy's Principal, not \"*\", a service or another account.",
                        o -> o.trust().its("statements letting others in", Trust::strangers).should(empty())).forTask(2),
                new Check<Observed>("own-items-allowed", "Each user may read and write the items under their own key", NOTES,
                        "Allow GetItem, BatchGetItem, Query, PutItem, UpdateItem, DeleteItem and BatchWriteItem on {table}"
                                + " with ForAllValues:StringEquals on dynamodb:LeadingKeys = ${aws:PrincipalTag/" + Grants.TAG + "}:"
                                + " aws iam put-role-policy --role-name {role} --policy-name own-items --policy-document"
                                + " '{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                                + "[\"dynamodb:GetItem\",\"dynamodb:BatchGetItem\",\"dynamodb:Query\",\"dynamodb:PutItem\","
                                + "\"dynamodb:UpdateItem\",\"dynamodb:DeleteItem\",\"dynamodb:BatchWriteItem\"],\"Resource\":\"TABLE_ARN\","
                                + "\"Condition\":{\"ForAllValues:StringEquals\":{\"dynamodb:LeadingKeys\":"
                                + "[\"${aws:PrincipalTag/" + Grants.TAG + "}\"]}}}]}'; in CDK, PolicyStatement.Builder.conditions"
                                + "(Map.of(\"ForAllValues:StringEquals\", Map.of(\"dynamodb:LeadingKeys\", List.of(\"${aws:PrincipalTag/" + Grants.TAG + "}\")))).",
                        o -> o.grants().its("refused on their own items", Grants::ownRefused).should(empty())).forTask(3),
                new Check<Observed>("others-items-refused", "No user may read or write an item under another user's key", NOTES,
                        "Compare dynamodb:LeadingKeys with the session's tag ${aws:PrincipalTag/" + Grants.TAG + "} by StringEquals:"
                                + " not a fixed id, not StringLike with a wildcard, not another condition key.",
                        o -> o.grants().its("allowed on another's key", Grants::othersAllowed).should(empty())).forTask(3),
                new Check<Observed>("batch-mixing-refused", "A batch naming your key and another's is refused", NOTES,
                        "Use ForAllValues:StringEquals: every key of a batch must be the user's; ForAnyValue lets one own key carry others.",
                        o -> o.grants().its("batches allowed", Grants::mixedAllowed).should(empty())).forTask(3),
                new Check<Observed>("scan-refused", "No user may Scan {table} or its indexes", NOTES,
                        "Leave dynamodb:Scan out: a Scan names no partition key, so ForAllValues on dynamodb:LeadingKeys lets it through.",
                        o -> o.grants().its("scans allowed", Grants::scansAllowed).should(empty())).forTask(3),
                new Check<Observed>("no-table-wide-actions", "The role may do nothing table-wide (DeleteTable, UpdateTable, ...)", NOTES,
                        "List the item actions one by one instead of dynamodb:* or dynamodb:*Table: actions that name no key"
                                + " pass ForAllValues on dynamodb:LeadingKeys.",
                        o -> o.grants().its("allowed without a key", Grants::tableWide).should(empty())).forTask(3),
                new Check<Observed>("only-this-table", "The role reaches no table but {table}", "IAM: least privilege",
                        "Give {table}'s ARN as the Resource, not \"*\" or a pattern.",
                        o -> o.grants().its("allowed on other tables", Grants::elsewhere).should(empty())).forTask(3),
                new Check<Observed>("sessions-own-items", "A session tagged with a user's id puts, gets and queries that user's items",
                        "Create role allowing you to get temporary access keys to access table",
                        "With ROLE_ARN the ARN of {role}: aws sts assume-role --role-arn ROLE_ARN --role-session-name ana --tags"
                                + " Key=" + Grants.TAG + ",Value=ana; then put an item under ana with the session's keys: AWS must allow it.",
                        o -> o.sessions().its("refused", l -> l.stream().filter(t -> t.intended() && !t.allowed()).toList())
                                .should(empty())).forTask(4),
                new Check<Observed>("sessions-kept-apart", "A user's session is refused another user's item and a Scan", NOTES,
                        "Assume {role} as two users and get one's item as the other: AWS must answer AccessDeniedException.",
                        o -> o.sessions().its("allowed", l -> l.stream().filter(t -> !t.intended() && t.allowed()).toList())
                                .should(empty())).forTask(4));
    }

    @Override
    public Observed observe(Session session) {
        String table = session.name("table");
        String role = session.name("role");
        Iam iam = new Iam(session.client(IamClient.class));
        Fact<TableDescription> description = Fact.about("table " + table,
                () -> session.client(DynamoDbClient.class).describeTable(r -> r.tableName(table)).table());
        Fact<String> caller = Fact.about("your identity", () -> session.client(StsClient.class).getCallerIdentity().arn());
        Fact<String> roleArn = Fact.about("role " + role, () -> iam.roleArn(role));
        Fact<Trust> trust = caller.then(you -> roleArn.then(arn ->
                read("role " + role + "'s trust policy", () -> new Trust(iam.trustPolicy(role), arn, you))));
        Fact<Grants> grants = caller.then(you -> roleArn.then(arn ->
                read("role " + role + "'s policies", () -> new Grants(tableArn(session, you, table), arn, iam.rolePolicies(role)))));
        Fact<List<Tried>> sessions = roleArn.then(arn -> Sessions.observe(session, table, arn));
        return new Observed(description, trust, grants, sessions);
    }

    /** The table's ARN in the caller's account and the target's region, whether or not the table exists yet. */
    private static String tableArn(Session session, String callerArn, String table) {
        Arn caller = Arn.fromString(callerArn);
        return "arn:" + caller.partition() + ":dynamodb:" + session.target().region().id() + ":"
                + caller.accountId().orElse("") + ":table/" + table;
    }

    /** A policy read through IAM and parsed; one the evaluator cannot read is a fact about the learner's role. */
    private static <T> Fact<T> read(String subject, Supplier<T> reading) {
        try {
            return Fact.about(subject, reading);
        } catch (PolicyException e) {
            return Fact.refused(subject + " cannot be read: " + e.getMessage());
        }
    }
}
