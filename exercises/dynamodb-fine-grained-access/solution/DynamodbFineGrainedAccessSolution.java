package dev.dvalabs.exercises.dynamodbfinegrainedaccess.solution;

import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.cdk.Variant;
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
 * dynamodb-fine-grained-access, the solution: the table keyed by {@code userId} and {@code itemId}, and a role that
 * trusts the account with session tags, whose policy allows the item actions only on the items whose partition
 * key is the session's {@code userId} tag, and no Scan.
 */
public final class DynamodbFineGrainedAccessSolution extends ExerciseStack {

    /** The session tag a user's session carries, holding their id. */
    private static final String TAG = "userId";

    public DynamodbFineGrainedAccessSolution(Construct scope, String exerciseId) {
        super(scope, exerciseId, Variant.SOLUTION, "A table of users' items and the role that reaches them, for the fine-grained access exercise");

        Table table = Table.Builder.create(this, "UserItems")
                .tableName(name("table"))
                .partitionKey(Attribute.builder().name("userId").type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name("itemId").type(AttributeType.STRING).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();

        PolicyStatement ownItems = PolicyStatement.Builder.create().effect(Effect.ALLOW)
                .resources(List.of(table.getTableArn()))
                .conditions(Map.of("ForAllValues:StringEquals",
                        Map.of("dynamodb:LeadingKeys", List.of("${aws:PrincipalTag/" + TAG + "}"))))
                .actions(List.of("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query",
                        "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem"))
                .build();
        Role role = Role.Builder.create(this, "Access")
                .roleName(name("role"))
                .assumedBy(new AccountRootPrincipal().withSessionTags())
                .inlinePolicies(Map.of("own-items", PolicyDocument.Builder.create()
                        .statements(List.of(ownItems)).build()))
                .build();
        CfnOutput.Builder.create(this, "RoleArn").value(role.getRoleArn())
                .description("The role a user assumes, with the session tag " + TAG + "=<their id>").build();
    }
}
