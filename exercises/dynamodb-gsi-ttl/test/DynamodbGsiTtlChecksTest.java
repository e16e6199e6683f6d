package dev.dvalabs.exercises.dynamodbgsittl;

import dev.dvalabs.testing.ChecksContract;
import dev.dvalabs.verify.Check;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Report;
import dev.dvalabs.verify.Status;
import dev.dvalabs.verify.Verification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.exercises.dynamodbgsittl.DynamodbGsiTtlVerifier.Observed;
import dev.dvalabs.exercises.dynamodbgsittl.DynamodbGsiTtlVerifier.Ordering;
import dev.dvalabs.exercises.dynamodbgsittl.DynamodbGsiTtlVerifier.SharedPartition;
import dev.dvalabs.exercises.dynamodbgsittl.DynamodbGsiTtlVerifier.Transaction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndexDescription;
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

    @Override
    protected List<Check<Observed>> checks() {
        return new DynamodbGsiTtlVerifier().checks();
    }

    @Override
    protected Seen correct() {
        return new Seen();
    }

    @Override
    protected Observed observed(Seen seen) {
        return seen.build();
    }


    /** A correct table's observations, one field at a time changeable. */
    static final class Seen {
        TableDescription.Builder table = TableDescription.builder()
                .keySchema(key("customerId", KeyType.HASH), key("orderDate", KeyType.RANGE))
                .globalSecondaryIndexes(GlobalSecondaryIndexDescription.builder().indexName("byStatus")
                        .keySchema(key("status", KeyType.HASH), key("orderDate", KeyType.RANGE)).build())
                .localSecondaryIndexes(LocalSecondaryIndexDescription.builder().indexName("byTotal")
                        .keySchema(key("customerId", KeyType.HASH), key("total", KeyType.RANGE)).build())
                .streamSpecification(StreamSpecification.builder().streamEnabled(true)
                        .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).build());
        Fact<TimeToLiveDescription> ttl = Fact.of(TimeToLiveDescription.builder()
                .timeToLiveStatus(TimeToLiveStatus.ENABLED).attributeName("expiresAt").build());
        Fact<Ordering> ordering = Fact.of(new Ordering(List.of("2026-01-03", "2026-01-01", "2026-01-02"),
                List.of("2026-01-01", "2026-01-02", "2026-01-03"), List.of("2026-01-03", "2026-01-02", "2026-01-01")));
        Fact<Set<String>> projected = Fact.of(Set.of("orderDate", "total"));
        Fact<Integer> onTable = Fact.of(3);
        Fact<String> onGsi = Fact.refused("ValidationException: Consistent reads are not supported on global secondary indexes");
        Fact<SharedPartition> shared = Fact.of(new SharedPartition(3, 3, "ConditionalCheckFailedException: The conditional request failed"));
        Fact<Transaction> transaction = Fact.of(new Transaction(true, false));
        Fact<Map<String, Integer>> scan = Fact.of(eachOnce(10));
        Fact<List<String>> ttlFiltered = Fact.of(List.of("live"));

        Observed build() {
            return new Observed(Fact.of(table.build()), ttl, ordering, projected, onTable, onGsi, shared, transaction, scan, ttlFiltered);
        }
    }

    static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    static Map<String, Integer> eachOnce(int n) {
        Map<String, Integer> seen = new LinkedHashMap<>();
        IntStream.range(0, n).forEach(i -> seen.put("item-" + i, 1));
        return seen;
    }

    @Test
    @DisplayName("there are 12 checks")
    void checkCount() {
        assertThat(checks()).hasSize(12);
    }

    @Override
    protected Stream<Mistake<Seen>> mistakes() {
        return Stream.of(
                wrong("composite-key", "the starter's partition key only",
                        (Consumer<Seen>) s -> s.table.keySchema(key("customerId", KeyType.HASH))),
                wrong("gsi", "a GSI on the table's own partition key",
                        (Consumer<Seen>) s -> s.table.globalSecondaryIndexes(GlobalSecondaryIndexDescription.builder()
                                .indexName("byStatus").keySchema(key("customerId", KeyType.HASH)).build())),
                wrong("lsi", "an LSI sorted by the table's own sort key",
                        (Consumer<Seen>) s -> s.table.localSecondaryIndexes(LocalSecondaryIndexDescription.builder()
                                .indexName("byTotal").keySchema(key("customerId", KeyType.HASH), key("orderDate", KeyType.RANGE)).build())),
                wrong("ttl-enabled", "TTL on another attribute",
                        (Consumer<Seen>) s -> s.ttl = Fact.of(TimeToLiveDescription.builder()
                                .timeToLiveStatus(TimeToLiveStatus.ENABLED).attributeName("ttl").build())),
                wrong("ttl-enabled", "TTL disabled",
                        (Consumer<Seen>) s -> s.ttl = Fact.of(TimeToLiveDescription.builder()
                                .timeToLiveStatus(TimeToLiveStatus.DISABLED).build())),
                wrong("stream", "a stream of keys only",
                        (Consumer<Seen>) s -> s.table.streamSpecification(StreamSpecification.builder().streamEnabled(true)
                                .streamViewType(StreamViewType.KEYS_ONLY).build())),
                wrong("query-sorted", "a reverse query that is not reversed",
                        (Consumer<Seen>) s -> s.ordering = Fact.of(new Ordering(List.of("b", "a"), List.of("a", "b"), List.of("a", "b")))),
                wrong("query-sorted", "items returned in write order",
                        (Consumer<Seen>) s -> s.ordering = Fact.of(new Ordering(List.of("b", "a"), List.of("b", "a"), List.of("a", "b")))),
                wrong("projection", "a projection that returns every attribute",
                        (Consumer<Seen>) s -> s.projected = Fact.of(Set.of("customerId", "orderDate", "total", "status"))),
                wrong("consistent-read", "a strongly consistent read accepted on the GSI",
                        (Consumer<Seen>) s -> s.onGsi = Fact.of("answered")),
                wrong("consistent-read", "a strongly consistent read refused on the table",
                        (Consumer<Seen>) s -> s.onTable = Fact.refused("ValidationException: no")),
                wrong("same-partition-key", "later items overwriting earlier ones",
                        (Consumer<Seen>) s -> s.shared = Fact.of(new SharedPartition(3, 1, "ConditionalCheckFailedException: x"))),
                wrong("same-partition-key", "a conditional put over an existing key accepted",
                        (Consumer<Seen>) s -> s.shared = Fact.of(new SharedPartition(3, 3, "accepted"))),
                wrong("transaction", "a transaction that half-commits",
                        (Consumer<Seen>) s -> s.transaction = Fact.of(new Transaction(true, true))),
                wrong("transaction", "a transaction whose failed condition is ignored",
                        (Consumer<Seen>) s -> s.transaction = Fact.of(new Transaction(false, true))),
                wrong("parallel-scan", "segments that overlap",
                        (Consumer<Seen>) s -> {
                            Map<String, Integer> twice = eachOnce(10);
                            twice.put("item-3", 2);
                            s.scan = Fact.of(twice);
                        }),
                wrong("parallel-scan", "segments that miss an item",
                        (Consumer<Seen>) s -> s.scan = Fact.of(eachOnce(9))),
                wrong("ttl-filter", "a filter that keeps the expired item",
                        (Consumer<Seen>) s -> s.ttlFiltered = Fact.of(List.of("expired", "live"))),
                wrong("ttl-filter", "a table the verifier could not write to",
                        (Consumer<Seen>) s -> s.ttlFiltered = Fact.refused("ResourceNotFoundException: Requested resource not found")));
    }

    @Test
    @DisplayName("consistent-read fails without a GSI, because a refusal to read a missing index proves nothing")
    void consistentReadNeedsTheGsi() {
        Seen seen = new Seen();
        seen.table.globalSecondaryIndexes(List.of());
        Report report = judge(seen);
        assertThat(report.outcome("consistent-read").status()).isEqualTo(Status.FAIL);
        assertThat(report.outcome("consistent-read").result().observed()).contains("no GSI byStatus");
        assertThat(report.outcome("gsi").status()).isEqualTo(Status.FAIL);
    }
}
