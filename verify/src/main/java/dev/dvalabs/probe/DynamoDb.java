package dev.dvalabs.probe;

import dev.dvalabs.verify.RunMarker;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** Reading a DynamoDB table's description the way a learner says it: "customerId HASH (S), orderDate RANGE (S)". */
public final class DynamoDb {

    private DynamoDb() {}

    /** A key schema as text, each key with its attribute type when the table defines it. */
    public static String keySchema(TableDescription table, List<KeySchemaElement> schema) {
        return schema.stream().map(k -> k.attributeName() + " " + k.keyTypeAsString()
                        + attributeType(table, k.attributeName()).map(t -> " (" + t + ")").orElse(""))
                .collect(Collectors.joining(", "));
    }

    /** A key schema as text, names and key types only. */
    public static String keySchema(List<KeySchemaElement> schema) {
        return schema.stream().map(k -> k.attributeName() + " " + k.keyTypeAsString()).collect(Collectors.joining(", "));
    }

    /** The attribute type (S, N or B) the table defines for a key attribute. */
    public static Optional<String> attributeType(TableDescription table, String attribute) {
        return table.attributeDefinitions().stream().filter(a -> a.attributeName().equals(attribute))
                .map(AttributeDefinition::attributeTypeAsString).findFirst();
    }

    /** A global secondary index's key schema as {@link #keySchema(TableDescription, List)} writes it, if the table has one of that name. */
    public static Optional<String> globalIndexKeys(TableDescription table, String index) {
        return table.globalSecondaryIndexes().stream().filter(i -> i.indexName().equals(index)).findFirst()
                .map(i -> keySchema(table, i.keySchema()));
    }

    /** A local secondary index's key schema as {@link #keySchema(TableDescription, List)} writes it, if the table has one of that name. */
    public static Optional<String> localIndexKeys(TableDescription table, String index) {
        return table.localSecondaryIndexes().stream().filter(i -> i.indexName().equals(index)).findFirst()
                .map(i -> keySchema(table, i.keySchema()));
    }

    /** The names of the table's global secondary indexes, in the order DescribeTable lists them. */
    public static List<String> globalIndexNames(TableDescription table) {
        return table.globalSecondaryIndexes().stream().map(i -> i.indexName()).toList();
    }

    /** The names of the table's local secondary indexes, in the order DescribeTable lists them. */
    public static List<String> localIndexNames(TableDescription table) {
        return table.localSecondaryIndexes().stream().map(i -> i.indexName()).toList();
    }

    public static String hashKey(List<KeySchemaElement> schema) {
        return key(schema, KeyType.HASH);
    }

    public static String rangeKey(List<KeySchemaElement> schema) {
        return key(schema, KeyType.RANGE);
    }

    private static String key(List<KeySchemaElement> schema, KeyType type) {
        return schema.stream().filter(k -> k.keyType() == type).map(KeySchemaElement::attributeName).findFirst().orElse(null);
    }
}
