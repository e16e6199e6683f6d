package dev.dvalabs.exercises.dynamodbgsittl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.exercises.dynamodbgsittl.DynamodbGsiTtlVerifier.ConsistentReads;
import dev.dvalabs.exercises.dynamodbgsittl.DynamodbGsiTtlVerifier.Observed;
import dev.dvalabs.exercises.dynamodbgsittl.DynamodbGsiTtlVerifier.Ordering;
import dev.dvalabs.exercises.dynamodbgsittl.DynamodbGsiTtlVerifier.SharedPartition;
import dev.dvalabs.exercises.dynamodbgsittl.DynamodbGsiTtlVerifier.Transaction;
import dev.dvalabs.exercise.Catalog;
import dev.dvalabs.probe.Table;
import dev.dvalabs.testing.ChecksContract;
import dev.dvalabs.verify.Check;
import dev.dvalabs.verify.Deviation;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Report;
import dev.dvalabs.verify.Status;
import dev.dvalabs.verify.Verification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * Each dynamodb-gsi-ttl check judged on observations that differ from a correct table in one fact:
 * including behaviour that a correct emulator never shows (a projection that leaks, a transaction that
 * half-commits), so that every check is seen failing.
 */
class DynamodbGsiTtlChecksTest extends ChecksContract<Observed, DynamodbGsiTtlChecksTest.Seen> {

    DynamodbGsiTtlChecksTest() {
        super(() -> new DynamodbGsiTtlVerifier().checks(), Seen::new, Seen::build);
    }

    /** A correct table's observations, one field at a time changeable. */
    static final class Seen {
        TableDescription.Builder table = TableDescription.builder()
                .attributeDefinitions(attribute("customerId", ScalarAttributeType.S), attribute("orderDate", ScalarAttributeType.S),
                        attribute("status", ScalarAttributeType.S), attribute("total", ScalarAttributeType.N))
                .keySchema(key("customerId", KeyType.HASH), key("orderDate", KeyType.RANGE))
                .globalSecondaryIndexes(gsi("byStatus", key("status", KeyType.HASH), key("orderDate", KeyType.RANGE)))
                .localSecondaryIndexes(lsi("byTotal", key("customerId", KeyType.HASH), key("total", KeyType.RANGE)))
                .streamSpecification(StreamSpecification.builder().streamEnabled(true)
                        .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).build());
        Fact<TimeToLiveDescription> ttl = Fact.of(TimeToLiveDescription.builder()
                .timeToLiveStatus(TimeToLiveStatus.ENABLED).attributeName("expiresAt").build());
        Fact<Ordering> ordering = Fact.of(new Ordering(List.of("2026-01-01", "2026-01-02", "2026-01-03"),
                List.of("2026-01-03", "2026-01-02", "2026-01-01")));
        Fact<Set<String>> projected = Fact.of(Set.of("orderDate", "total"));
        Fact<ConsistentReads> reads = Fact.of(new ConsistentReads("accepted",
                "ValidationException: Consistent reads are not supported on global secondary indexes"));
        Fact<SharedPartition> shared = Fact.of(new SharedPartition(3, "ConditionalCheckFailedException: The conditional request failed"));
        Fact<Transaction> transaction = Fact.of(new Transaction(
                "TransactionCanceledException: Transaction cancelled, please refer cancellation reasons for specific reasons"
                        + " [None, ConditionalCheckFailed]", false));
        Fact<Map<String, Integer>> scan = Fact.of(DynamodbGsiTtlVerifier.eachOnce(10));
        Fact<List<String>> ttlFiltered = Fact.of(List.of("live"));

        Observed build() {
            return new Observed(Fact.of(new Table(table.build())), ttl, ordering, projected, reads, shared, transaction, scan, ttlFiltered);
        }

        /** The table's attribute definitions with one attribute's type changed. */
        void retype(String name, ScalarAttributeType type) {
            List<AttributeDefinition> definitions = table.build().attributeDefinitions().stream()
                    .map(a -> a.attributeName().equals(name) ? attribute(name, type) : a).toList();
            table.attributeDefinitions(definitions);
        }
    }

    static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    static GlobalSecondaryIndexDescription gsi(String name, KeySchemaElement... keys) {
        return GlobalSecondaryIndexDescription.builder().indexName(name).keySchema(keys).build();
    }

    static LocalSecondaryIndexDescription lsi(String name, KeySchemaElement... keys) {
        return LocalSecondaryIndexDescription.builder().indexName(name).keySchema(keys).build();
    }


    @Override
    protected Stream<Mistake<Seen>> mistakes() {
        return Stream.of(
                wrong("composite-key", "the starter's partition key only",
                        (Consumer<Seen>) s -> s.table.keySchema(key("customerId", KeyType.HASH))),
                wrong("composite-key", "a numeric partition key, which the LSI shares",
                        (Consumer<Seen>) s -> s.retype("customerId", ScalarAttributeType.N), "lsi"),
                wrong("composite-key", "a numeric sort key, which the GSI sorts by too",
                        (Consumer<Seen>) s -> s.retype("orderDate", ScalarAttributeType.N), "gsi"),
                wrong("composite-key", "keys the other way round",
                        (Consumer<Seen>) s -> s.table.keySchema(key("orderDate", KeyType.HASH), key("customerId", KeyType.RANGE))),
                wrong("lsi", "no local secondary index",
                        (Consumer<Seen>) s -> s.table.localSecondaryIndexes(List.of())),
                wrong("lsi", "an LSI sorted by the table's own sort key",
                        (Consumer<Seen>) s -> s.table.localSecondaryIndexes(
                                lsi("byTotal", key("customerId", KeyType.HASH), key("orderDate", KeyType.RANGE)))),
                wrong("lsi", "an LSI whose total is a string",
                        (Consumer<Seen>) s -> s.retype("total", ScalarAttributeType.S)),
                wrong("lsi", "the LSI under another name",
                        (Consumer<Seen>) s -> s.table.localSecondaryIndexes(
                                lsi("total-index", key("customerId", KeyType.HASH), key("total", KeyType.RANGE)))),
                wrong("lsi", "byTotal made a GSI, as a table that cannot be recreated allows",
                        (Consumer<Seen>) s -> s.table.localSecondaryIndexes(List.of()).globalSecondaryIndexes(
                                gsi("byStatus", key("status", KeyType.HASH), key("orderDate", KeyType.RANGE)),
                                gsi("byTotal", key("customerId", KeyType.HASH), key("total", KeyType.RANGE)))),
                wrong("gsi", "a GSI on the table's own partition key",
                        (Consumer<Seen>) s -> s.table.globalSecondaryIndexes(
                                gsi("byStatus", key("customerId", KeyType.HASH), key("orderDate", KeyType.RANGE)))),
                wrong("gsi", "a GSI without the sort key",
                        (Consumer<Seen>) s -> s.table.globalSecondaryIndexes(gsi("byStatus", key("status", KeyType.HASH)))),
                wrong("gsi", "a GSI sorted by another attribute",
                        (Consumer<Seen>) s -> s.table.globalSecondaryIndexes(
                                gsi("byStatus", key("status", KeyType.HASH), key("total", KeyType.RANGE)))),
                wrong("gsi", "a numeric status",
                        (Consumer<Seen>) s -> s.retype("status", ScalarAttributeType.N)),
                wrong("gsi", "no global secondary index",
                        (Consumer<Seen>) s -> s.table.globalSecondaryIndexes(List.of())),
                wrong("ttl-enabled", "TTL on another attribute",
                        (Consumer<Seen>) s -> s.ttl = Fact.of(TimeToLiveDescription.builder()
                                .timeToLiveStatus(TimeToLiveStatus.ENABLED).attributeName("ttl").build())),
                wrong("ttl-enabled", "TTL disabled",
                        (Consumer<Seen>) s -> s.ttl = Fact.of(TimeToLiveDescription.builder()
                                .timeToLiveStatus(TimeToLiveStatus.DISABLED).build())),
                wrong("ttl-enabled", "TTL being switched off",
                        (Consumer<Seen>) s -> s.ttl = Fact.of(TimeToLiveDescription.builder()
                                .timeToLiveStatus(TimeToLiveStatus.DISABLING).attributeName("expiresAt").build())),
                wrong("stream", "a stream of keys only",
                        (Consumer<Seen>) s -> s.table.streamSpecification(StreamSpecification.builder().streamEnabled(true)
                                .streamViewType(StreamViewType.KEYS_ONLY).build())),
                wrong("stream", "no stream",
                        (Consumer<Seen>) s -> s.table.streamSpecification((StreamSpecification) null)),
                wrong("query-sorted", "a reverse query that is not reversed",
                        (Consumer<Seen>) s -> s.ordering = Fact.of(new Ordering(List.of("2026-01-01", "2026-01-02", "2026-01-03"),
                                List.of("2026-01-01", "2026-01-02", "2026-01-03")))),
                wrong("query-sorted", "a partition that kept only the last order written",
                        (Consumer<Seen>) s -> s.ordering = Fact.of(new Ordering(List.of("2026-01-02"), List.of("2026-01-02")))),
                wrong("projection", "a projection that returns every attribute",
                        (Consumer<Seen>) s -> s.projected = Fact.of(Set.of("customerId", "orderDate", "total", "status"))),
                wrong("projection", "a projection that drops an attribute asked for",
                        (Consumer<Seen>) s -> s.projected = Fact.of(Set.of("orderDate"))),
                wrong("consistent-read", "a strongly consistent read accepted on the GSI",
                        (Consumer<Seen>) s -> s.reads = Fact.of(new ConsistentReads("accepted", "accepted"))),
                wrong("consistent-read", "a strongly consistent read refused on the table",
                        (Consumer<Seen>) s -> s.reads = Fact.of(new ConsistentReads(
                                "ResourceNotFoundException: Requested resource not found",
                                "ValidationException: Consistent reads are not supported on global secondary indexes"))),
                wrong("consistent-read", "a GSI query refused because there is no such index",
                        (Consumer<Seen>) s -> s.reads = Fact.of(new ConsistentReads("accepted",
                                "ValidationException: The table does not have the specified index: byStatus"))),
                wrong("consistent-read", "a GSI query refused as moto refuses a missing index",
                        (Consumer<Seen>) s -> s.reads = Fact.of(new ConsistentReads("accepted",
                                "ResourceNotFoundException: Invalid index: byStatus for table: dva-labs-orders."))),
                wrong("consistent-read", "a GSI query refused for its key condition",
                        (Consumer<Seen>) s -> s.reads = Fact.of(new ConsistentReads("accepted",
                                "ValidationException: Query condition missed key schema element: status"))),
                wrong("same-partition-key", "later orders overwriting earlier ones",
                        (Consumer<Seen>) s -> s.shared = Fact.of(new SharedPartition(1, "ConditionalCheckFailedException: x"))),
                wrong("same-partition-key", "a conditional put over an existing key accepted",
                        (Consumer<Seen>) s -> s.shared = Fact.of(new SharedPartition(3, "accepted"))),
                wrong("same-partition-key", "a conditional put refused for another reason",
                        (Consumer<Seen>) s -> s.shared = Fact.of(new SharedPartition(3,
                                "ValidationException: One or more parameter values were invalid"))),
                wrong("transaction", "a transaction that half-commits",
                        (Consumer<Seen>) s -> s.transaction = Fact.of(new Transaction("TransactionCanceledException: x", true))),
                wrong("transaction", "a transaction whose failed condition is ignored",
                        (Consumer<Seen>) s -> s.transaction = Fact.of(new Transaction("accepted", true))),
                wrong("transaction", "a transaction refused before it ran",
                        (Consumer<Seen>) s -> s.transaction = Fact.of(new Transaction(
                                "ValidationException: The provided key element does not match the schema", false))),
                wrong("parallel-scan", "segments that overlap",
                        (Consumer<Seen>) s -> {
                            Map<String, Integer> twice = new TreeMap<>(DynamodbGsiTtlVerifier.eachOnce(10));
                            twice.put("item-3", 2);
                            s.scan = Fact.of(twice);
                        }),
                wrong("parallel-scan", "segments that miss an item",
                        (Consumer<Seen>) s -> s.scan = Fact.of(DynamodbGsiTtlVerifier.eachOnce(9))),
                wrong("ttl-filter", "a filter that keeps the expired item",
                        (Consumer<Seen>) s -> s.ttlFiltered = Fact.of(List.of("expired", "live"))),
                wrong("ttl-filter", "a filter that keeps nothing",
                        (Consumer<Seen>) s -> s.ttlFiltered = Fact.of(List.of())),
                wrong("ttl-filter", "a table the verifier could not write to",
                        (Consumer<Seen>) s -> s.ttlFiltered = Fact.refused("table dva-labs-orders: ResourceNotFoundException: Requested resource not found")));
    }

    @Test
    @DisplayName("TTL still being switched on for expiresAt passes ttl-enabled, as AWS reports it for up to an hour")
    void ttlEnablingPasses() {
        Seen seen = new Seen();
        seen.ttl = Fact.of(TimeToLiveDescription.builder().timeToLiveStatus(TimeToLiveStatus.ENABLING).attributeName("expiresAt").build());
        assertThat(judge(seen).outcome("ttl-enabled").status()).isEqualTo(Status.PASS);
    }

    @Test
    @DisplayName("extra indexes, an LSI kept or not, and a GSI projecting keys only change nothing")
    void harmlessExtrasPass() {
        Seen seen = new Seen();
        seen.table.globalSecondaryIndexes(gsi("byStatus", key("status", KeyType.HASH), key("orderDate", KeyType.RANGE)),
                        gsi("byTotalOverall", key("total", KeyType.HASH)))
                .localSecondaryIndexes(lsi("byTotal", key("customerId", KeyType.HASH), key("total", KeyType.RANGE)),
                        lsi("byStatusLocal", key("customerId", KeyType.HASH), key("status", KeyType.RANGE)));
        Report report = judge(seen);
        assertThat(report.ids(Status.FAIL)).isEmpty();
    }

    @Test
    @DisplayName("a wrongly typed key is named with its type, so the learner sees which one")
    void wrongTypeIsShown() {
        Seen seen = new Seen();
        seen.retype("total", ScalarAttributeType.S);
        var result = judge(seen).outcome("lsi").result();
        assertThat(result.observed()).isEqualTo("LSI byTotal customerId HASH (S), total RANGE (S)");
        assertThat(result.expected()).isEqualTo("LSI byTotal customerId HASH (S), total RANGE (N)");
    }

    @Test
    @DisplayName("a missing index is reported with the indexes the table has")
    void missingIndexNamesTheOthers() {
        Seen seen = new Seen();
        seen.table.globalSecondaryIndexes(gsi("status-index", key("status", KeyType.HASH)));
        assertThat(judge(seen).outcome("gsi").result().observed()).isEqualTo("GSI byStatus missing (the table has [status-index])");
    }

    @Test
    @DisplayName("on moto, keys that its UpdateTable left without a type SKIP, and a key of the wrong type still FAILs")
    void motoDeviationCoversOnlyLostTypes() {
        Map<String, Deviation> moto = Catalog.load().find(new DynamodbGsiTtl().id()).orElseThrow().deviationsOn("moto");
        Seen lost = new Seen();
        lost.table.attributeDefinitions(attribute("customerId", ScalarAttributeType.S), attribute("total", ScalarAttributeType.N));
        Report afterUpdate = Verification.judge("checks", checks(), lost.build(), "moto", moto);
        assertThat(afterUpdate.ids(Status.SKIP)).containsExactlyInAnyOrder("composite-key", "gsi");
        assertThat(afterUpdate.ids(Status.FAIL)).isEmpty();

        Seen wrong = new Seen();
        wrong.retype("orderDate", ScalarAttributeType.N);
        wrong.table.localSecondaryIndexes(List.of());
        Report mistaken = Verification.judge("checks", checks(), wrong.build(), "moto", moto);
        assertThat(mistaken.ids(Status.FAIL)).containsExactlyInAnyOrder("composite-key", "gsi", "lsi");
        assertThat(mistaken.ids(Status.SKIP)).isEmpty();
    }

}
