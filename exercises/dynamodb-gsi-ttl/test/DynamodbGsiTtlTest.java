package dev.dvalabs.exercises.dynamodbgsittl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dvalabs.cdk.Variant;
import dev.dvalabs.contract.EndToEnd;
import dev.dvalabs.contract.ExerciseRuns;
import dev.dvalabs.destroy.Teardown;
import dev.dvalabs.probe.OwnTable;
import dev.dvalabs.targets.LocalEmulator;
import dev.dvalabs.testing.LocalEmulatorExtension;
import dev.dvalabs.probe.WrittenItem;
import dev.dvalabs.testing.Sessions;
import dev.dvalabs.verify.Report;
import dev.dvalabs.verify.Session;
import dev.dvalabs.verify.RunMarker;
import dev.dvalabs.verify.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/** dynamodb-gsi-ttl end to end on the local emulator: the solution passes, the starter fails what it should. */
@ExtendWith(LocalEmulatorExtension.class)
class DynamodbGsiTtlTest {

    static final String ID = new DynamodbGsiTtl().id();

    @RegisterExtension
    final EndToEnd lab = new EndToEnd(ID).afterDestroy(DynamodbGsiTtlTest::deleteTables);

    private static void deleteTables(LocalEmulator emulator) {
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder())) {
            for (String table : dynamo.listTables().tableNames()) {
                if (table.startsWith("dva-labs-")) {
                    dynamo.deleteTable(r -> r.tableName(table));
                }
            }
        }
    }

    @Test
    @DisplayName("ttl-enabled fails on the starter where no deviation is recorded, as on real AWS")
    void ttlCheckFailsWithoutDeviation(LocalEmulator emulator) {
        lab.deploy(emulator, Variant.STARTER);
        Report report = lab.verify(ExerciseRuns.strict(emulator));
        assertThat(report.outcome("ttl-enabled").status()).isEqualTo(Status.FAIL);
        assertThat(report.outcome("ttl-enabled").result().observed()).startsWith("TTL DISABLED");
    }

    @Test
    @DisplayName("ttl-enabled fails on a starter deployed after the solution was destroyed, its table of the same name"
            + " keeping no TTL")
    void starterAfterSolutionHasNoTtl(LocalEmulator emulator) {
        lab.deploy(emulator, Variant.SOLUTION);
        assertThat(new Teardown(emulator, lab.out()).destroy(ID).clean()).isTrue();
        lab.deploy(emulator, Variant.STARTER);
        Report report = lab.verify(ExerciseRuns.strict(emulator));
        assertThat(report.outcome("ttl-enabled").status()).isEqualTo(Status.FAIL);
        assertThat(report.outcome("ttl-enabled").result().observed()).startsWith("TTL DISABLED");
    }

    @Test
    @DisplayName("a table built by hand with the AWS API, TTL included, passes every check under another name")
    void handBuiltTablePassesUnderItsOwnName(LocalEmulator emulator) {
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder())) {
            dynamo.createTable(solutionTable("dva-labs-my-orders", StreamViewType.NEW_AND_OLD_IMAGES));
            dynamo.updateTimeToLive(r -> r.tableName("dva-labs-my-orders")
                    .timeToLiveSpecification(t -> t.attributeName("expiresAt").enabled(true)));
        }
        Report report = lab.verify(emulator, Map.of("table", "dva-labs-my-orders"));
        assertThat(report.outcomes()).allSatisfy(o -> assertThat(o.status()).as(o.id()).isEqualTo(Status.PASS));
    }

    @Test
    @DisplayName("a stream of keys only fails the stream check and nothing else")
    void keysOnlyStreamFails(LocalEmulator emulator) {
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder())) {
            dynamo.createTable(solutionTable("dva-labs-keys-only", StreamViewType.KEYS_ONLY));
            dynamo.updateTimeToLive(r -> r.tableName("dva-labs-keys-only")
                    .timeToLiveSpecification(t -> t.attributeName("expiresAt").enabled(true)));
        }
        Report report = lab.verify(emulator, Map.of("table", "dva-labs-keys-only"));
        assertThat(report.ids(Status.FAIL)).containsExactly("stream");
    }

    @Test
    @DisplayName("a missing table fails every check with what DynamoDB said, and the verifier writes nothing")
    void missingTableFailsEverything(LocalEmulator emulator) {
        Report report = lab.verify(emulator, Map.of("table", "dva-labs-nowhere"));
        assertThat(report.outcomes()).allSatisfy(o -> assertThat(o.status()).as(o.id()).isIn(Status.FAIL, Status.SKIP));
        assertThat(report.outcome("composite-key").result().observed())
                .contains("table dva-labs-nowhere").contains("ResourceNotFoundException");
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder())) {
            assertThat(dynamo.listTables().tableNames()).doesNotContain("dva-labs-nowhere");
        }
    }

    @Test
    @DisplayName("the verifier removes every item it wrote")
    void verifierCleansUp(LocalEmulator emulator) {
        lab.deploy(emulator, Variant.SOLUTION);
        lab.verify(emulator);
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder())) {
            assertThat(dynamo.scan(r -> r.tableName("dva-labs-orders")).items()).isEmpty();
            assertThat(dynamo.listTables().tableNames()).containsExactly("dva-labs-orders");
        }
    }

    @Test
    @DisplayName("a learner's items keyed like a verify's mark, or like a killed verify's, survive a verify: only what a journal names is removed")
    void learnerItemsThatLookLikeMarksSurvive(LocalEmulator emulator) {
        lab.deploy(emulator, Variant.SOLUTION);
        String oldMark = RunMarker.startedAt(Instant.now().minus(Duration.ofHours(1))).value();
        List<String> learner = List.of("dva-labs-verify-20240115", "dva-labs-verify-deadbeef", oldMark, oldMark + "-txn-a",
                "alice");
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder())) {
            for (String customer : learner) {
                dynamo.putItem(p -> p.tableName("dva-labs-orders").item(Map.of("customerId", AttributeValue.fromS(customer),
                        "orderDate", AttributeValue.fromS("2026-01-01"))));
            }
            Report report = lab.verify(emulator);
            assertThat(report.ids(Status.FAIL)).isEmpty();
            assertThat(dynamo.scan(r -> r.tableName("dva-labs-orders")).items()).map(i -> i.get("customerId").s())
                    .containsExactlyInAnyOrderElementsOf(learner);
        }
    }

    @Test
    @DisplayName("the next verify removes exactly the items and the table a killed verify journaled, and nothing else")
    void journalOfAKilledVerify(LocalEmulator emulator) throws Exception {
        lab.deploy(emulator, Variant.SOLUTION);
        String killed = RunMarker.startedAt(Instant.now().minus(Duration.ofHours(1))).value();
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder())) {
            for (String customer : List.of(killed, killed + "-unjournaled")) {
                dynamo.putItem(p -> p.tableName("dva-labs-orders").item(Map.of("customerId", AttributeValue.fromS(customer),
                        "orderDate", AttributeValue.fromS("2026-01-03"))));
            }
            dynamo.createTable(c -> c.tableName(killed + "-scan").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(attribute("customerId", ScalarAttributeType.S))
                    .keySchema(key("customerId", KeyType.HASH)));
            Sessions.killedVerify(emulator, ID, killed,
                    WrittenItem.of("dva-labs-orders", Map.of("customerId", AttributeValue.fromS(killed),
                            "orderDate", AttributeValue.fromS("2026-01-03"))),
                    new OwnTable(killed + "-scan"));
            lab.verify(emulator);
            assertThat(dynamo.scan(r -> r.tableName("dva-labs-orders")).items()).map(i -> i.get("customerId").s())
                    .containsExactly(killed + "-unjournaled");
            assertThat(dynamo.listTables().tableNames()).doesNotContain(killed + "-scan");
        }
    }

    @Test
    @DisplayName("observe in a session already closed writes nothing, and says so")
    void closedSessionWritesNothing(LocalEmulator emulator) {
        lab.deploy(emulator, Variant.SOLUTION);
        Session session = Sessions.open(emulator, ID, lab.exercise().names());
        session.close();
        assertThatThrownBy(() -> new DynamodbGsiTtlVerifier().observe(session)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("writes no more");
        session.close();
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder())) {
            assertThat(dynamo.scan(r -> r.tableName("dva-labs-orders")).items()).isEmpty();
        }
    }

    @Test
    @DisplayName("a session closed from another thread during a write removes that write once it is done, and lets no other follow")
    void closeDuringAWriteRemovesIt(LocalEmulator emulator) throws InterruptedException {
        Map<String, AttributeValue> item = Map.of("customerId", AttributeValue.fromS("dva-labs-verify-race"),
                "orderDate", AttributeValue.fromS("2026-01-01"));
        Session session = Sessions.open(emulator, ID, lab.exercise().names());
        Thread closer = new Thread(session::close);
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder())) {
            dynamo.createTable(solutionTable("dva-labs-race", StreamViewType.NEW_AND_OLD_IMAGES));
            WrittenItem.write(session, "dva-labs-race", item, () -> {
                closer.start();
                return dynamo.putItem(p -> p.tableName("dva-labs-race").item(item));
            });
            closer.join();
            assertThat(dynamo.scan(r -> r.tableName("dva-labs-race")).items()).isEmpty();
            assertThatThrownBy(() -> WrittenItem.write(session, "dva-labs-race", item,
                    () -> dynamo.putItem(p -> p.tableName("dva-labs-race").item(item))))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(dynamo.scan(r -> r.tableName("dva-labs-race")).items()).isEmpty();
        }
    }

    static CreateTableRequest solutionTable(String name, StreamViewType streamView) {
        return CreateTableRequest.builder()
                .tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        attribute("customerId", ScalarAttributeType.S), attribute("orderDate", ScalarAttributeType.S),
                        attribute("status", ScalarAttributeType.S), attribute("total", ScalarAttributeType.N))
                .keySchema(key("customerId", KeyType.HASH), key("orderDate", KeyType.RANGE))
                .globalSecondaryIndexes(g -> g.indexName("byStatus")
                        .keySchema(key("status", KeyType.HASH), key("orderDate", KeyType.RANGE))
                        .projection(p -> p.projectionType("ALL")))
                .localSecondaryIndexes(l -> l.indexName("byTotal")
                        .keySchema(key("customerId", KeyType.HASH), key("total", KeyType.RANGE))
                        .projection(p -> p.projectionType("ALL")))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(streamView))
                .build();
    }

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
