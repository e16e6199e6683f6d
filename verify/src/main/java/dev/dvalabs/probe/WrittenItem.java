package dev.dvalabs.probe;

import dev.dvalabs.verify.Session;
import dev.dvalabs.verify.Write;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;

/**
 * An item a verify writes into a table, journaled by its exact key before it is written and deleted by
 * that key when the session closes: never by a prefix, so a learner's item whose key merely looks like the
 * verifier's stays. Each key attribute is kept as its type and value ("S:dva-labs-verify-...", "N:42",
 * "B:base64"), plain text the journal can hold.
 *
 * <pre>{@code
 * WrittenItem.put(session, table, item, description.keySchema());
 * }</pre>
 */
public record WrittenItem(String table, Map<String, String> key) implements Write {

    /** The item's key under {@code schema}, journaled, then the item put; DynamoDB's answer is kept. */
    public static void put(Session session, String table, Map<String, AttributeValue> item, List<KeySchemaElement> schema) {
        write(session, table, keyOf(item, schema), () -> session.client(DynamoDbClient.class)
                .putItem(p -> p.tableName(table).item(item)));
    }

    /** Journals the item of {@code key} in {@code table}, then runs {@code write}, which writes it, and gives its answer. */
    public static <T> T write(Session session, String table, Map<String, AttributeValue> key, Supplier<T> write) {
        return session.write(List.of(of(table, key)), write);
    }

    public static WrittenItem of(String table, Map<String, AttributeValue> key) {
        Map<String, String> plain = new LinkedHashMap<>();
        key.forEach((name, value) -> plain.put(name, value.s() != null ? "S:" + value.s()
                : value.n() != null ? "N:" + value.n()
                : "B:" + Base64.getEncoder().encodeToString(value.b().asByteArray())));
        return new WrittenItem(table, plain);
    }

    /** The item's key attributes under {@code schema}; an attribute the item lacks is left out, for DynamoDB to refuse. */
    public static Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item, List<KeySchemaElement> schema) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        schema.stream().filter(k -> item.containsKey(k.attributeName()))
                .forEach(k -> key.put(k.attributeName(), item.get(k.attributeName())));
        return key;
    }

    /** The key as DynamoDB takes it. */
    public Map<String, AttributeValue> attributes() {
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        key.forEach((name, typed) -> {
            String value = typed.substring(2);
            attributes.put(name, switch (typed.charAt(0)) {
                case 'N' -> AttributeValue.fromN(value);
                case 'B' -> AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(value)));
                default -> AttributeValue.fromS(value);
            });
        });
        return attributes;
    }

    /**
     * Deletes the item by its key. A table that is gone, or whose key schema the key does not fit (the put
     * was refused for it, or the table was made anew), holds nothing of this write.
     */
    @Override
    public void undo(Session session) {
        try {
            session.client(DynamoDbClient.class).deleteItem(d -> d.tableName(table).key(attributes()));
        } catch (DynamoDbException e) {
            if (!holdsNothingOfIt(e)) {
                throw e;
            }
        }
    }

    /**
     * Whether DynamoDB's refusal of an undoing says there is nothing to undo: the table is gone, or the key
     * does not fit its schema (the write was refused for it, or the table was made anew).
     */
    public static boolean holdsNothingOfIt(DynamoDbException e) {
        String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
        return "ResourceNotFoundException".equals(code) || "ValidationException".equals(code);
    }

    @Override
    public String describe() {
        return "item " + key + " in table " + table;
    }
}
