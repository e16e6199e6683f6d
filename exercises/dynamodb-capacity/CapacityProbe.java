package dev.dvalabs.exercises.dynamodbcapacity;

import dev.dvalabs.exercises.dynamodbcapacity.DynamodbCapacityVerifier.Burst;
import dev.dvalabs.exercises.dynamodbcapacity.DynamodbCapacityVerifier.Observed;
import dev.dvalabs.exercises.dynamodbcapacity.DynamodbCapacityVerifier.ReadUnits;
import dev.dvalabs.exercises.dynamodbcapacity.DynamodbCapacityVerifier.WriteUnits;
import dev.dvalabs.probe.Table;
import dev.dvalabs.probe.WrittenItem;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Memory;
import dev.dvalabs.verify.Session;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * One look at the learner's table: its description, remembered as a sighting, then the capacity units
 * DynamoDB reports (ReturnConsumedCapacity TOTAL) for the verifier's own items of known sizes, keyed as the
 * table is keyed and marked by the run in their keys, each journaled by the session before it is written.
 */
public final class CapacityProbe {

    /** Item sizes in bytes as DynamoDB counts them (names and values): about 1, 2.5 and 12 KB. */
    static final int ONE_KB = 1000;
    static final int TWO_AND_A_HALF_KB = 2560;
    static final int TWELVE_KB = 12200;
    static final String PAYLOAD = "payload";
    /** Every look at the learner's table, kept between verifies. */
    static final String SIGHTINGS = "sightings";

    private final Session session;
    private final DynamoDbClient dynamo;
    private final Table description;
    private final String table;
    private final String run;
    private final List<KeySchemaElement> keySchema;

    private CapacityProbe(Session session, Table description) {
        this.session = session;
        this.dynamo = session.client(DynamoDbClient.class);
        this.description = description;
        this.table = description.name();
        this.run = session.marker().value();
        this.keySchema = description.keySchema();
    }

    /** Every sighting kept on this target, this verify's first added. */
    public static Memory<Sighting> sightings(Session session) {
        return session.memory(SIGHTINGS, Sighting.class);
    }

    static Observed observe(Session session, CompletableFuture<Fact<Burst>> burst) {
        Fact<Table> described = Table.read(session.client(DynamoDbClient.class), session.name("table"));
        // Every look is remembered, right or wrong: after the switch to on-demand nothing else shows task 1.
        Fact<List<Sighting>> sightings = described.map(t -> {
            Memory<Sighting> memory = sightings(session);
            memory.add(Sighting.of(t, session.now()));
            return memory.all().stream().filter(s -> s.of(t)).toList();
        });
        Fact<CapacityProbe> probe = described.map(t -> new CapacityProbe(session, t));
        Fact<WriteUnits> writes = probe.then(p -> p.about(() -> new WriteUnits(p.put("small", ONE_KB),
                p.put("medium", TWO_AND_A_HALF_KB), p.put("large", TWELVE_KB))));
        return new Observed(described, writes, probe.then(p -> p.about(p::transaction)),
                probe.then(p -> p.about(p::batch)), writes.then(w -> probe.then(p -> p.about(p::reads))),
                burst.join(), sightings.map(List::copyOf));
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
        BatchWriteItemResponse answer = session.write(batch.stream().map(i -> WrittenItem.of(table, key(i))).toList(),
                () -> dynamo.batchWriteItem(b -> b.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                        .requestItems(Map.of(table, requests))));
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
        return WrittenItem.write(session, table, key(item), write);
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
            String mark = run + "-" + label;
            AttributeValue value = switch (description.attributeType(name).orElse("S")) {
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
