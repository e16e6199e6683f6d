package dev.dvalabs.exercises.dynamodbgsittl.solution;

import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.cdk.Variant;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.LocalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.StreamViewType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableProps;
import software.constructs.Construct;

/**
 * dynamodb-gsi-ttl, the solution: an orders table keyed by customer and order date, a GSI by status, an LSI by
 * total, TTL on {@code expiresAt}, a stream of new and old images.
 */
public final class DynamodbGsiTtlSolution extends ExerciseStack {

    public DynamodbGsiTtlSolution(Construct scope, String exerciseId) {
        super(scope, exerciseId, Variant.SOLUTION, "Orders table for the DynamoDB keys, indexes, TTL and streams exercise");

        Table table = new Table(this, "Orders", TableProps.builder()
                .tableName(name("table"))
                .partitionKey(attribute("customerId", AttributeType.STRING))
                .sortKey(attribute("orderDate", AttributeType.STRING))
                .timeToLiveAttribute("expiresAt")
                .stream(StreamViewType.NEW_AND_OLD_IMAGES)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build());
        table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName("byStatus")
                .partitionKey(attribute("status", AttributeType.STRING))
                .sortKey(attribute("orderDate", AttributeType.STRING))
                .build());
        table.addLocalSecondaryIndex(LocalSecondaryIndexProps.builder()
                .indexName("byTotal")
                .sortKey(attribute("total", AttributeType.NUMBER))
                .build());
        CfnOutput.Builder.create(this, "TableName").value(table.getTableName())
                .description("The orders table the verifier checks").build();
    }

    private static Attribute attribute(String name, AttributeType type) {
        return Attribute.builder().name(name).type(type).build();
    }
}
