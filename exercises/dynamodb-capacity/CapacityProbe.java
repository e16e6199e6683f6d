package dev.dvalabs.exercises.dynamodbcapacity;

import dev.dvalabs.exercises.dynamodbcapacity.DynamodbCapacityVerifier.Burst;
import dev.dvalabs.exercises.dynamodbcapacity.DynamodbCapacityVerifier.Observed;
import dev.dvalabs.exercises.dynamodbcapacity.DynamodbCapacityVerifier.ReadUnits;
import dev.dvalabs.exercises.dynamodbcapacity.DynamodbCapacityVerifier.WriteUnits;
import dev.dvalabs.probe.DynamoDb;
import dev.dvalabs.verify.Fact;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * One look at the learner's table: its description, then the capacity units DynamoDB reports
 * (ReturnConsumedCapacity TOTAL) for the verifier's own items of known sizes, keyed as the table is
 * keyed and marked by the run in their keys, each recorded in {@link OwnData} before it is written.
 */
final class CapacityProbe {

    /** Item sizes in bytes as DynamoDB counts them (names and values): about 1, 2.5 and 12 KB. */
    static final int ONE_KB = 1000;
    static final int TWO_AND_A_HALF_KB = 2560;
    static final int TWELVE_KB = 12200;
    static final String PAYLOAD = "payload";

    private final DynamoDbClient dynamo;
    private final String table;
    private final OwnData data;
    private List<KeySchemaElement> keySchema = List.of();
    private TableDescription description;

    CapacityProbe(DynamoDbClient dynamo, String table, OwnData data) {
        this.dynamo = dynamo;
        this.table = table;
        this.data = data;
    }

    Observed observe(CompletableFuture<Fact<Burst>> burst) {
        Fact<TableDescription> described = about(() -> dynamo.describeTable(r -> r.tableName(table)).table());
        if (described.refused()) {
            return new Observed(described, described.as(), described.as(), described.as(), described.as(), burst.join(), false);
        }
        description = described.value();
        keySchema = description.keySchema();
        // Task 1 seen now is remembered, as after the switch to on-demand nothing else shows it.
        SeenProvisioned seen = SeenProvisioned.inUserState();
        seen.recordIfFiveAndFive(description);
        removeLeftovers();
        Fact<WriteUnits> writes = about(() -> new WriteUnits(put("small", ONE_KB), put("medium", TWO_AND_A_HALF_KB),
                put("large", TWELVE_KB)));
        return new Observed(described, writes, about(this::transaction), about(this::batch),
                writes.refused() ? writes.as() : about(this::reads), burst.join(), seen.saw(description));
    }

    /** Removes the items of an earlier verify that was killed before its own cleanup, so none stays for good. */
    private void removeLeftovers() {
        try {
            DynamoDb.removeLeftovers(dynamo, description);
        } catch (AwsServiceException e) {
            // Not allowed to scan or delete: the leftovers stay, and the checks judge only this run's items anyway.
        }
    }

    private <T> Fact<T> about(Supplier<T> observation) {
        return Fact.about("table " + table, observation);
    }

    private double put(String label, int size) {
        Map<String, AttributeValue> item = item(label, size);
        return units(write(item, () -> dynamo.putItem(p -> p.tableName(table).item(item)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity()));
    }

    private double transaction() {
        Map<String, AttributeValue> item = item("transaction", TWO_AND_A_HALF_KB);
        return total(write(item, () -> dynamo.transactWriteItems(t -> t.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                .transactItems(i -> i.put(p -> p.tableName(table).item(item)))).consumedCapacity()));
    }

    private double batch() {
        List<Map<String, AttributeValue>> batch = List.of(item("batch-small", ONE_KB),
                item("batch-medium", TWO_AND_A_HALF_KB), item("batch-large", TWELVE_KB));
        List<WriteRequest> requests = batch.stream().map(i -> WriteRequest.builder().putRequest(p -> p.item(i)).build()).toList();
        BatchWriteItemResponse[] written = new BatchWriteItemResponse[1];
        data.items(table, batch.stream().map(this::key).toList(), () -> written[0] = dynamo.batchWriteItem(b -> b
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).requestItems(Map.of(table, requests))));
        BatchWriteItemResponse answer = written[0];
        if (answer.hasUnprocessedItems() && !answer.unprocessedItems().isEmpty()) {
            throw new IllegalStateException("DynamoDB left " + answer.unprocessedItems().get(table).size()
                    + " of the batch's writes unprocessed; verify again in a minute.");
        }
        return total(answer.consumedCapacity());
    }

    /** The 12 KB item read back both ways. */
    private ReadUnits reads() {
        Map<String, AttributeValue> key = key(item("large", TWELVE_KB));
        return new ReadUnits(read(key, true), read(key, false));
    }

    private double read(Map<String, AttributeValue> key, boolean consistent) {
        return units(dynamo.getItem(g -> g.tableName(table).key(key).consistentRead(consistent)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity());
    }

    private <T> T write(Map<String, AttributeValue> item, Supplier<T> write) {
        Object[] answer = new Object[1];
        data.item(table, key(item), () -> answer[0] = write.get());
        @SuppressWarnings("unchecked")
        T result = (T) answer[0];
        return result;
    }

    private static double units(ConsumedCapacity consumed) {
        if (consumed == null || consumed.capacityUnits() == null) {
            throw new IllegalStateException("DynamoDB reported no ConsumedCapacity though ReturnConsumedCapacity was TOTAL");
        }
        return consumed.capacityUnits();
    }

    private static double total(List<ConsumedCapacity> consumed) {
        return consumed.stream().mapToDouble(CapacityProbe::units).sum();
    }

    /**
     * An item of {@code size} bytes: the table's key attributes carrying the run's mark, and a payload
     * filling the rest. Sizes count attribute names and values in UTF-8, as DynamoDB does; a number key
     * is counted at its stored size (one byte per two digits, plus one).
     */
    Map<String, AttributeValue> item(String label, int size) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        int used = PAYLOAD.length();
        for (KeySchemaElement key : keySchema) {
            String name = key.attributeName();
            String mark = data.run + "-" + label;
            AttributeValue value = switch (DynamoDb.attributeType(description, name).orElse("S")) {
                case "N" -> AttributeValue.fromN(Long.toString(Math.abs((long) mark.hashCode()) + 1_000_000_000L));
                case "B" -> AttributeValue.fromB(SdkBytes.fromUtf8String(mark));
                default -> AttributeValue.fromS(mark);
            };
            item.put(name, value);
            used += name.length() + sizeOf(value);
        }
        item.put(PAYLOAD, AttributeValue.fromS("x".repeat(size - used)));
        return item;
    }

    private static int sizeOf(AttributeValue value) {
        if (value.n() != null) {
            return 1 + (value.n().length() + 1) / 2;
        }
        return value.b() != null ? value.b().asByteArray().length : value.s().length();
    }

    private Map<String, AttributeValue> key(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        keySchema.forEach(k -> key.put(k.attributeName(), item.get(k.attributeName())));
        return key;
    }
}
