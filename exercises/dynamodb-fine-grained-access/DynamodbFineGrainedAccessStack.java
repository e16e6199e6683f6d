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
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.constructs.Construct;

/**
 * dynamodb-fine-grained-access, the starter: an on-demand table keyed by {@code userId} and {@code itemId}, and one
 * role every user shares, which your account may assume without session tags and whose policy reaches every item
 * of the table, Scan included. This is the file to edit for the tasks in instructions.md;
 * {@code ./labs solution dynamodb-fine-grained-access} shows the answer when you want it.
 */
final class DynamodbFineGrainedAccessStack extends ExerciseStack {

    DynamodbFineGrainedAccessStack(Construct scope, String exerciseId) {
        super(scope, exerciseId, Variant.STARTER, "A table of users' items and the role that reaches them, for the fine-grained access exercise");

        Table table = Table.Builder.create(this, "UserItems")
                .tableName(name("table"))
                .partitionKey(Attribute.builder().name(DynamodbFineGrainedAccessVerifier.PARTITION_KEY).type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name(DynamodbFineGrainedAccessVerifier.SORT_KEY).type(AttributeType.STRING).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();

        List<String> actions = new ArrayList<>(Grants.ITEM_ACTIONS);
        actions.add("dynamodb:Scan");
        Role role = Role.Builder.create(this, "Access")
                .roleName(name("role"))
                .assumedBy(new AccountRootPrincipal())
                .inlinePolicies(Map.of("own-items", PolicyDocument.Builder.create()
                        .statements(List.of(PolicyStatement.Builder.create().effect(Effect.ALLOW)
                                .resources(List.of(table.getTableArn())).actions(actions).build())).build()))
                .build();
        CfnOutput.Builder.create(this, "RoleArn").value(role.getRoleArn())
                .description("The role a user assumes, with the session tag " + Grants.TAG + "=<their id>").build();
    }
}
