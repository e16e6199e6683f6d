package dev.dvalabs.exercises.dynamodbcapacity;

import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.cdk.Variant;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableProps;
import software.constructs.Construct;

/**
 * dynamodb-capacity, the starter: the table provisioned at 1 RCU and 1 WCU. This is the file to edit for the
 * tasks in instructions.md; {@code ./labs solution dynamodb-capacity} shows the answer when you want it.
 */
final class DynamodbCapacityStack extends ExerciseStack {

    static final String PARTITION_KEY = "id";

    DynamodbCapacityStack(Construct scope, String exerciseId) {
        super(scope, exerciseId, Variant.STARTER, "A table for the DynamoDB capacity exercise");
        Table table = new Table(this, "Capacity", TableProps.builder()
                .tableName(name("table"))
                .partitionKey(Attribute.builder().name(PARTITION_KEY).type(AttributeType.STRING).build())
                .billingMode(BillingMode.PROVISIONED).readCapacity(1).writeCapacity(1)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build());
        CfnOutput.Builder.create(this, "TableName").value(table.getTableName())
                .description("The table the verifier checks").build();
    }
}
