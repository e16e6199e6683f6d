package dev.dvalabs.exercises.dynamodbfinegrainedaccess;

import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.cdk.Variant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.IPrincipal;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.constructs.Construct;

/**
 * dynamodb-fine-grained-access. Both variants: an on-demand table keyed by {@code userId} and
 * {@code itemId}, and a role your account may assume. Solution: the role trusts the account with
 * session tags, and its policy allows the item actions only on the items whose partition key is the
 * session's {@code userId} tag. Starter: one role every user shares, trusted without session tags,
 * whose policy reaches every item of the table, Scan included.
 */
final class DynamodbFineGrainedAccessStack extends ExerciseStack {

    DynamodbFineGrainedAccessStack(Construct scope, String exerciseId, Variant variant) {
        super(scope, exerciseId, variant, "A table of users' items and the role that reaches them, for the fine-grained access exercise");

        Table table = Table.Builder.create(this, "UserItems")
                .tableName(name("table"))
                .partitionKey(Attribute.builder().name(DynamodbFineGrainedAccessVerifier.PARTITION_KEY).type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name(DynamodbFineGrainedAccessVerifier.SORT_KEY).type(AttributeType.STRING).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();

        List<String> actions = new ArrayList<>(Grants.ITEM_ACTIONS);
        PolicyStatement.Builder items = PolicyStatement.Builder.create().effect(Effect.ALLOW)
                .resources(List.of(table.getTableArn()));
        IPrincipal account = new AccountRootPrincipal();
        if (solution()) {
            items.conditions(Map.of("ForAllValues:StringEquals",
                    Map.of("dynamodb:LeadingKeys", List.of("${aws:PrincipalTag/" + Grants.TAG + "}"))));
            account = new AccountRootPrincipal().withSessionTags();
        } else {
            actions.add("dynamodb:Scan");
        }
        Role role = Role.Builder.create(this, "Access")
                .roleName(name("role"))
                .assumedBy(account)
                .inlinePolicies(Map.of("own-items", PolicyDocument.Builder.create()
                        .statements(List.of(items.actions(actions).build())).build()))
                .build();
        CfnOutput.Builder.create(this, "RoleArn").value(role.getRoleArn())
                .description("The role a user assumes, with the session tag " + Grants.TAG + "=<their id>").build();
    }
}
