package dev.dvalabs.probe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

class DynamoDbTest {

    private final TableDescription table = TableDescription.builder()
            .attributeDefinitions(attribute("customerId", ScalarAttributeType.S), attribute("status", ScalarAttributeType.S),
                    attribute("total", ScalarAttributeType.N))
            .keySchema(key("customerId", KeyType.HASH))
            .globalSecondaryIndexes(GlobalSecondaryIndexDescription.builder().indexName("byStatus")
                    .keySchema(key("status", KeyType.HASH)).build())
            .localSecondaryIndexes(LocalSecondaryIndexDescription.builder().indexName("byTotal")
                    .keySchema(key("customerId", KeyType.HASH), key("total", KeyType.RANGE)).build())
            .build();

    @Test
    @DisplayName("an index's keys read with their attribute types, a global one only among the global indexes")
    void indexKeysWithTypes() {
        assertThat(DynamoDb.globalIndexKeys(table, "byStatus")).contains("status HASH (S)");
        assertThat(DynamoDb.localIndexKeys(table, "byTotal")).contains("customerId HASH (S), total RANGE (N)");
        assertThat(DynamoDb.globalIndexKeys(table, "byTotal")).isEmpty();
        assertThat(DynamoDb.localIndexKeys(table, "byStatus")).isEmpty();
    }

    @Test
    @DisplayName("a key attribute the table does not define is written without a type")
    void undefinedAttributeHasNoType() {
        TableDescription undefined = table.toBuilder().attributeDefinitions(attribute("customerId", ScalarAttributeType.S)).build();
        assertThat(DynamoDb.localIndexKeys(undefined, "byTotal")).contains("customerId HASH (S), total RANGE");
    }

    @Test
    @DisplayName("index names are listed as DescribeTable gives them")
    void indexNames() {
        assertThat(DynamoDb.globalIndexNames(table)).containsExactly("byStatus");
        assertThat(DynamoDb.localIndexNames(table)).containsExactly("byTotal");
        assertThat(DynamoDb.globalIndexNames(TableDescription.builder().build())).isEmpty();
    }

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
