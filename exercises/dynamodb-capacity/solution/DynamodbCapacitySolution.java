package dev.dvalabs.exercises.dynamodbcapacity.solution;

import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.cdk.Variant;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnCondition;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.CfnTable;
import software.constructs.Construct;

/**
 * dynamodb-capacity, the solution: both steps of the instructions in one template, told apart by its parameter
 * {@code BillingMode}: PROVISIONED (the default, task 1) gives the table 5 RCU and 5 WCU; PAY_PER_REQUEST
 * (task 2, a stack update with that parameter, which {@link SwitchToOnDemand} makes after deploy) switches it
 * to on-demand.
 */
public final class DynamodbCapacitySolution extends ExerciseStack {

    static final String PARTITION_KEY = "id";
    static final String BILLING_MODE_PARAMETER = "BillingMode";
    static final int UNITS = 5;

    public DynamodbCapacitySolution(Construct scope, String exerciseId) {
        super(scope, exerciseId, Variant.SOLUTION, "A table for the DynamoDB capacity exercise");
        bothSteps();
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
