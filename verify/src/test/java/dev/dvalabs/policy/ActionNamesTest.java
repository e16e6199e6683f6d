package dev.dvalabs.policy;

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
 * Action names are case-insensitive in IAM ("IAM JSON policy elements: Action",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html: "the prefix and
 * the action name are case insensitive"), so the evaluator answers with one spelling, the one the Service
 * Authorization Reference documents, and no check compares two spellings of one action.
 */
class ActionNamesTest {

    private static final String TABLE = "arn:aws:dynamodb:us-east-1:111122223333:table/dva-labs-orders";
    private static final Caller ROLE = Caller.aws("arn:aws:iam::111122223333:role/dva-labs-orders-function");

    static Stream<Arguments> spellings() {
        return Stream.of(
                Arguments.of("DynamoDB:GetItem", "dynamodb:GetItem"),
                Arguments.of("dynamodb:putitem", "dynamodb:PutItem"),
                Arguments.of("DYNAMODB:PARTIQLSELECT", "dynamodb:PartiQLSelect"),
                Arguments.of("lambda:invokefunction", "lambda:InvokeFunction"),
                Arguments.of("Logs:putLogEvents", "logs:PutLogEvents"),
                Arguments.of("iam:passrole", "iam:PassRole"),
                Arguments.of("kms:reencryptfrom", "kms:ReEncryptFrom"),
                Arguments.of("S3:getobject", "s3:GetObject"),
                Arguments.of("s3:listbucket", "s3:ListBucket"),
                Arguments.of("s3:getbucketcors", "s3:GetBucketCORS"),
                Arguments.of("execute-api:invoke", "execute-api:Invoke"),
                Arguments.of("example:SomeNewAction", "example:somenewaction"),
                Arguments.of("dynamodb:Get*", "dynamodb:Get*"));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @MethodSource("spellings")
    void canonicalSpelling(String written, String canonical) {
        assertThat(Actions.canonical(written)).isEqualTo(canonical);
    }

    @Test
    @DisplayName("a role allowing DynamoDB:GetItem and dynamodb:putitem on the table is allowed GetItem and PutItem, and nothing else")
    void mixedCaseRoleIsReadAsTheDocumentedActions() {
        Policies role = Policies.identityOnly().withIdentity(List.of(policy(json("""
                {"Effect": "Allow", "Action": ["DynamoDB:GetItem", "dynamodb:putitem"], "Resource": "%s"}""", TABLE))));
        Permissions onTable = role.permissions(ROLE, TABLE, "dynamodb");
        assertThat(onTable.actions()).containsExactly("dynamodb:GetItem", "dynamodb:PutItem");
        assertThat(onTable.except(List.of("dynamodb:PutItem", "dynamodb:GetItem"))).isEmpty();
        assertThat(onTable.allows("DYNAMODB:GETITEM")).isTrue();
        assertThat(onTable.allows("dynamodb:Query")).isFalse();
    }

    @Test
    @DisplayName("dynamodb:* on the table is every DynamoDB action, and except names those beyond the two wanted")
    void wildcardRoleListsEveryAction() {
        Policies role = Policies.identityOnly().withIdentity(List.of(policy(json("""
                {"Effect": "Allow", "Action": "dynamodb:*", "Resource": "%s"}""", TABLE))));
        Permissions onTable = role.permissions(ROLE, TABLE, "DynamoDB");
        assertThat(onTable.actions()).contains("dynamodb:Scan", "dynamodb:DeleteTable", "dynamodb:PartiQLSelect");
        assertThat(onTable.except(List.of("dynamodb:GetItem", "dynamodb:PutItem")))
                .contains("dynamodb:Scan").doesNotContain("dynamodb:GetItem", "dynamodb:PutItem");
    }

    @Test
    @DisplayName("an action the catalogue lacks, named by the policy, is asked about and answered in lower case")
    void actionTheCatalogueLacks() {
        Policies role = Policies.identityOnly().withIdentity(List.of(policy(json("""
                {"Effect": "Allow", "Action": "dynamodb:SomeFutureAction", "Resource": "%s"}""", TABLE))));
        assertThat(role.permissions(ROLE, TABLE, "dynamodb").actions()).containsExactly("dynamodb:somefutureaction");
    }

    @Test
    @DisplayName("allowedActions names each action once, canonically, however the question spelled it")
    void allowedActionsAreCanonical() {
        Policies role = Policies.identityOnly().withIdentity(List.of(policy(json("""
                {"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "%s"}""", TABLE))));
        assertThat(role.allowedActions(ROLE, TABLE, List.of("dynamodb:getitem", "DynamoDB:GetItem", "dynamodb:PutItem")))
                .containsExactly("dynamodb:GetItem");
    }

    @Test
    @DisplayName("what a policy document allows, as a reader lists it, is in canonical spelling")
    void documentActionsAreCanonical() {
        assertThat(Policies.allowedActions(policy("""
                {"Effect": "Allow", "Action": ["DynamoDB:GetItem", "dynamodb:getitem", "SQS:Send*"], "Resource": "*"}""")))
                .containsExactly("dynamodb:GetItem", "sqs:Send*");
    }

    @Test
    @DisplayName("the catalogue lists DynamoDB's documented actions, streams included")
    void catalogue() {
        assertThat(Actions.of("dynamodb")).contains("dynamodb:GetItem", "dynamodb:ConditionCheckItem", "dynamodb:GetRecords")
                .doesNotHaveDuplicates().isSorted();
        assertThat(Actions.of("no-such-service")).isEmpty();
        assertThat(Actions.of("s3")).as("s3 is spelled, not listed: its API operations are not its IAM actions").isEmpty();
        assertThat(Actions.same("DynamoDB:GetItem", "dynamodb:getitem")).isTrue();
    }
}
