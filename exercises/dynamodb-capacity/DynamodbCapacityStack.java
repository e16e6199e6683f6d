package dev.dvalabs.exercises.dynamodbcapacity;

import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.cdk.Variant;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnCondition;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.CfnTable;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableProps;
import software.constructs.Construct;

/**
 * dynamodb-capacity. Starter: the table provisioned at 1 RCU and 1 WCU. Solution: both steps of the
 * instructions in one template, told apart by its parameter {@code BillingMode}: PROVISIONED (the
 * default, task 1) gives the table 5 RCU and 5 WCU; PAY_PER_REQUEST (task 2, a stack update with that
 * parameter, which the solution's after-deploy step makes) switches it to on-demand.
 */
final class DynamodbCapacityStack extends ExerciseStack {

    static final String PARTITION_KEY = "id";
    static final String BILLING_MODE_PARAMETER = "BillingMode";
    static final int UNITS = 5;

    DynamodbCapacityStack(Construct scope, String exerciseId, Variant variant) {
        super(scope, exerciseId, variant, "A table for the DynamoDB capacity exercise");
        if (solution()) {
            bothSteps();
        } else {
            Table table = new Table(this, "Capacity", TableProps.builder()
                    .tableName(name("table"))
                    .partitionKey(Attribute.builder().name(PARTITION_KEY).type(AttributeType.STRING).build())
                    .billingMode(BillingMode.PROVISIONED).readCapacity(1).writeCapacity(1)
                    .removalPolicy(RemovalPolicy.DESTROY)
                    .build());
            output(table.getTableName());
        }
    }

    private void bothSteps() {
        CfnParameter billingMode = CfnParameter.Builder.create(this, BILLING_MODE_PARAMETER)
                .type("String").allowedValues(List.of("PROVISIONED", "PAY_PER_REQUEST")).defaultValue("PROVISIONED")
                .description("PROVISIONED (task 1, 5 RCU and 5 WCU) or PAY_PER_REQUEST (task 2, on-demand)")
                .build();
        CfnCondition provisioned = CfnCondition.Builder.create(this, "Provisioned")
                .expression(Fn.conditionEquals(billingMode.getValueAsString(), "PROVISIONED")).build();
        CfnTable table = CfnTable.Builder.create(this, "Capacity")
                .tableName(name("table"))
                .attributeDefinitions(List.of(CfnTable.AttributeDefinitionProperty.builder()
                        .attributeName(PARTITION_KEY).attributeType("S").build()))
                .keySchema(List.of(CfnTable.KeySchemaProperty.builder().attributeName(PARTITION_KEY).keyType("HASH").build()))
                .billingMode(billingMode.getValueAsString())
                // On-demand tables take no throughput: AWS::NoValue leaves the property out.
                .provisionedThroughput(Fn.conditionIf(provisioned.getLogicalId(),
                        // A map, not the property class: inside Fn::If CDK writes the class's Java names.
                        Map.of("ReadCapacityUnits", UNITS, "WriteCapacityUnits", UNITS),
                        software.amazon.awscdk.Aws.NO_VALUE))
                .build();
        table.applyRemovalPolicy(RemovalPolicy.DESTROY);
        output(table.getRef());
    }

    private void output(String tableName) {
        CfnOutput.Builder.create(this, "TableName").value(tableName)
                .description("The table the verifier checks").build();
    }
}
