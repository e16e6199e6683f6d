package dev.dvalabs.exercises.serverlessapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The role's DynamoDB grants as the policy evaluator reads them, for every action and the resources around the table. */
class TableGrantsTest {

    static final String ROLE = "arn:aws:iam::123456789012:role/dva-labs-orders-api-role";
    static final String TABLE = "arn:aws:dynamodb:us-east-1:123456789012:table/dva-labs-api-orders";
    static final List<String> WANTED = List.of("dynamodb:GetItem", "dynamodb:PutItem");

    static String allow(String actions, String resource) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":" + actions + ",\"Resource\":\""
                + resource + "\"}]}";
    }

    static final String RIGHT = allow("[\"dynamodb:GetItem\",\"dynamodb:PutItem\"]", TABLE);

    @Test
    @DisplayName("GetItem and PutItem on the table's ARN: exactly those, nothing else, nowhere else")
    void rightPolicyAllowsOnlyThat() {
        TableGrants grants = new TableGrants(List.of(RIGHT), ROLE);
        assertThat(grants.onTable(TABLE)).containsExactlyInAnyOrderElementsOf(WANTED);
        assertThat(grants.otherActions(TABLE, WANTED)).isEmpty();
        assertThat(grants.elsewhere(TABLE, "dva-labs-verify-1")).isEmpty();
    }

    @Test
    @DisplayName("ListTables or DescribeLimits on * is another DynamoDB action")
    void listTablesOnStarIsAnotherAction() {
        TableGrants grants = new TableGrants(List.of(RIGHT, allow("[\"dynamodb:ListTables\",\"dynamodb:DescribeLimits\"]", "*")), ROLE);
        assertThat(grants.otherActions(TABLE, WANTED)).map(found -> found.split(" ")[0])
                .containsExactlyInAnyOrder("dynamodb:ListTables", "dynamodb:DescribeLimits");
    }

    @Test
    @DisplayName("Query on the table's indexes is another DynamoDB action")
    void queryOnIndexesIsAnotherAction() {
        TableGrants grants = new TableGrants(List.of(RIGHT, allow("\"dynamodb:Query\"", TABLE + "/index/*")), ROLE);
        assertThat(grants.otherActions(TABLE, WANTED)).containsExactly("dynamodb:Query on " + TABLE + "/index/any-index");
    }

    @Test
    @DisplayName("an action missing from the evaluator's catalogue is asked about when a policy names it, in its canonical"
            + " (lower-case) spelling, as IAM reads action names without regard to case")
    void namedActionIsAskedAbout() {
        TableGrants grants = new TableGrants(List.of(RIGHT, allow("\"dynamodb:SomeFutureAction\"", TABLE)), ROLE);
        assertThat(grants.otherActions(TABLE, WANTED)).containsExactly("dynamodb:somefutureaction on " + TABLE);
    }

    @Test
    @DisplayName("GetItem and PutItem on the table's name in any region and account reach beyond the table")
    void anyRegionIsElsewhere() {
        TableGrants grants = new TableGrants(List.of(allow("[\"dynamodb:GetItem\",\"dynamodb:PutItem\"]",
                "arn:aws:dynamodb:*:*:table/dva-labs-api-orders")), ROLE);
        assertThat(grants.onTable(TABLE)).containsExactlyInAnyOrderElementsOf(WANTED);
        assertThat(grants.otherActions(TABLE, WANTED)).isEmpty();
        assertThat(grants.elsewhere(TABLE, "dva-labs-verify-1"))
                .containsExactlyInAnyOrder("dynamodb:GetItem on arn:aws:dynamodb:eu-west-1:123456789012:table/dva-labs-api-orders",
                        "dynamodb:PutItem on arn:aws:dynamodb:eu-west-1:123456789012:table/dva-labs-api-orders");
    }
}
