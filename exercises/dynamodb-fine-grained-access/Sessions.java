package dev.dvalabs.exercises.dynamodbfinegrainedaccess;

import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * The role assumed for real, as two users (session tag {@code userId}), each putting and reading its own
 * item, reading the other's and scanning. First a session whose session policy allows no DynamoDB action
 * lists the tables: a target that answers it enforces no IAM for DynamoDB, and there nothing a session does
 * proves anything (the evaluator's checks judge the policy instead).
 */
final class Sessions {

    static final String NO_ENFORCEMENT = "no emulator here enforces IAM for DynamoDB";
    static final String ALLOWED = "allowed";
    private static final String ITEM = "note";
    private static final String NO_DYNAMODB = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:GetCallerIdentity", "Resource": "*"}]}""";

    /** One request of one user's session, whether the instructions' policy allows it, and what the target answered. */
    record Tried(String who, String what, boolean intended, String answer) {
        boolean allowed() {
            return answer.equals(ALLOWED);
        }

        @Override
        public String toString() {
            return who + " " + what + ": " + answer;
        }
    }

    private Sessions() {}

    static Fact<List<Tried>> observe(Session s, String table, String roleArn) {
        StsClient sts = s.client(StsClient.class);
        DynamoDbClient dynamo = s.client(DynamoDbClient.class);
        String mark = s.marker().value();
        return assume(sts, roleArn, mark + "-none", NO_DYNAMODB).then(canary -> answers(
                () -> dynamo.listTables(r -> r.limit(1).overrideConfiguration(as(canary))))
                ? Fact.<List<Tried>>unavailable(NO_ENFORCEMENT + ": " + s.target().describe() + " answered ListTables for a session"
                        + " whose session policy allows no DynamoDB action")
                : assume(sts, roleArn, mark + "-" + Grants.USERS.get(0), null).then(first ->
                        assume(sts, roleArn, mark + "-" + Grants.USERS.get(1), null).map(second ->
                                tryAll(s, dynamo, table, mark, Map.of(Grants.USERS.get(0), first, Grants.USERS.get(1), second)))));
    }

    /** Each user puts its own item (journaled), then gets and queries it, gets the other's and scans. */
    private static List<Tried> tryAll(Session s, DynamoDbClient dynamo, String table, String mark,
                                      Map<String, AwsCredentialsProvider> users) {
        List<Tried> tried = new ArrayList<>();
        for (String user : Grants.USERS) {
            OwnItem own = new OwnItem(table, mark + "-" + user, ITEM);
            s.write(own, () -> tried.add(attempt(user, "PutItem on its own key", true, () -> dynamo.putItem(r -> r
                    .tableName(table).item(own.key()).overrideConfiguration(as(users.get(user)))))));
        }
        for (String user : Grants.USERS) {
            AwsRequestOverrideConfiguration creds = as(users.get(user));
            OwnItem own = new OwnItem(table, mark + "-" + user, ITEM);
            OwnItem others = new OwnItem(table, mark + "-" + other(user), ITEM);
            tried.add(attempt(user, "GetItem on its own key", true,
                    () -> dynamo.getItem(r -> r.tableName(table).key(own.key()).overrideConfiguration(creds))));
            tried.add(attempt(user, "Query of its own partition", true, () -> dynamo.query(r -> r.tableName(table)
                    .keyConditionExpression("#user = :user")
                    .expressionAttributeNames(Map.of("#user", DynamodbFineGrainedAccessVerifier.PARTITION_KEY))
                    .expressionAttributeValues(Map.of(":user", AttributeValue.fromS(own.userId()))).overrideConfiguration(creds))));
            tried.add(attempt(user, "GetItem on " + other(user) + "'s key", false,
                    () -> dynamo.getItem(r -> r.tableName(table).key(others.key()).overrideConfiguration(creds))));
            tried.add(attempt(user, "Scan", false, () -> dynamo.scan(r -> r.tableName(table).limit(1).overrideConfiguration(creds))));
        }
        return List.copyOf(tried);
    }

    private static String other(String user) {
        return Grants.USERS.stream().filter(u -> !u.equals(user)).findFirst().orElseThrow();
    }

    /** A session of the role tagged with the user's id (the session's name); {@code policy} narrows it further. */
    private static Fact<AwsCredentialsProvider> assume(StsClient sts, String roleArn, String userId, String policy) {
        return Fact.about("role " + roleArn + " assumed with the session tag " + Grants.TAG + "=" + userId, () -> {
            Credentials c = sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName(userId).durationSeconds(900)
                    .tags(t -> t.key(Grants.TAG).value(userId)).policy(policy)).credentials();
            return StaticCredentialsProvider.create(AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()));
        });
    }

    private static Tried attempt(String who, String what, boolean intended, Runnable request) {
        try {
            request.run();
            return new Tried(who, what, intended, ALLOWED);
        } catch (AwsServiceException e) {
            return new Tried(who, what, intended, Fact.refusalOf(e));
        }
    }

    /** Whether the request was answered, rather than refused for want of permission. */
    private static boolean answers(Runnable request) {
        try {
            request.run();
            return true;
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            return !(code.startsWith("AccessDenied") || code.equals("UnrecognizedClientException") || e.statusCode() == 403);
        }
    }

    private static AwsRequestOverrideConfiguration as(AwsCredentialsProvider credentials) {
        return AwsRequestOverrideConfiguration.builder().credentialsProvider(credentials).build();
    }
}
