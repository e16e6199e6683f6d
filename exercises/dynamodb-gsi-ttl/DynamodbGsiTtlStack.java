package dev.dvalabs.exercises.dynamodbgsittl;

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
 * dynamodb-gsi-ttl, the starter: the orders table with a partition key only. This is the file to edit for the
 * tasks in instructions.md; {@code ./labs solution dynamodb-gsi-ttl} shows the answer when you want it.
 */
class DynamodbGsiTtlStack extends ExerciseStack {

    DynamodbGsiTtlStack(Construct scope, String exerciseId) {
        super(scope, exerciseId, Variant.STARTER, "Orders table for the DynamoDB keys, indexes, TTL and streams exercise");

        Table table = new Table(this, "Orders", TableProps.builder()
                .tableName(name("table"))
                .partitionKey(attribute("customerId", AttributeType.STRING))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build());
        CfnOutput.Builder.create(this, "TableName").value(table.getTableName())
                .description("The orders table the verifier checks").build();
    }

    private static Attribute attribute(String name, AttributeType type) {
        return Attribute.builder().name(name).type(type).build();
    }
}
