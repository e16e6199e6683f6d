package dev.dvalabs.exercises.dynamodbcapacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dvalabs.cdk.Variant;
import dev.dvalabs.contract.EndToEnd;
import dev.dvalabs.probe.OwnTable;
import dev.dvalabs.probe.WrittenItem;
import dev.dvalabs.targets.LocalEmulator;
import dev.dvalabs.testing.LocalEmulatorExtension;
import dev.dvalabs.testing.Sessions;
import dev.dvalabs.verify.Report;
import dev.dvalabs.verify.RunMarker;
import dev.dvalabs.verify.Session;
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
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** dynamodb-capacity end to end on the local emulator: each step of the instructions judged as it should be. */
@ExtendWith(LocalEmulatorExtension.class)
class DynamodbCapacityTest {

    static final String ID = new DynamodbCapacity().id();

    @RegisterExtension
    final EndToEnd lab = new EndToEnd(ID).afterDestroy(DynamodbCapacityTest::deleteTables);

    private static void deleteTables(LocalEmulator emulator) {
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder())) {
            for (String table : dynamo.listTables().tableNames()) {
                if (table.startsWith("dva-labs-")) {
                    dynamo.deleteTable(r -> r.tableName(table));
                }
            }
        }
    }

    private static void create(DynamoDbClient dynamo, String table, BillingMode mode) {
        dynamo.createTable(c -> {
            c.tableName(table).billingMode(mode)
                    .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("id").keyType("HASH"));
            if (mode == BillingMode.PROVISIONED) {
                c.provisionedThroughput(p -> p.readCapacityUnits(5L).writeCapacityUnits(5L));
            }
        });
    }

    @Test
    @DisplayName("after task 1 by hand, a table provisioned at 5 RCU and 5 WCU fails only on-demand")
    void taskOneByHand(LocalEmulator emulator) {
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder())) {
            create(dynamo, "dva-labs-mine", BillingMode.PROVISIONED);
        }
        Report report = lab.verify(emulator, Map.of("table", "dva-labs-mine"));
        assertThat(report.ids(Status.FAIL)).containsExactly("on-demand");
        assertThat(report.outcome("provisioned-throughput").result().observed()).contains("PROVISIONED 5 RCU / 5 WCU");
    }

    @Test
    @DisplayName("a table created on-demand fails provisioned-throughput alone: it never was provisioned")
    void createdOnDemand(LocalEmulator emulator) {
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder())) {
            create(dynamo, "dva-labs-mine", BillingMode.PAY_PER_REQUEST);
        }
        Report report = lab.verify(emulator, Map.of("table", "dva-labs-mine"));
        assertThat(report.ids(Status.FAIL)).containsExactly("provisioned-throughput");
    }

    @Test
    @DisplayName("a table keyed by a number and a sort key, verified at 5/5 and then switched to on-demand, passes under its own name")
    void otherKeysSwitched(LocalEmulator emulator) {
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder())) {
            dynamo.createTable(c -> c.tableName("dva-labs-keys").billingMode(BillingMode.PROVISIONED)
                    .attributeDefinitions(a -> a.attributeName("n").attributeType(ScalarAttributeType.N),
                            a -> a.attributeName("sort").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("n").keyType("HASH"), k -> k.attributeName("sort").keyType("RANGE"))
                    .provisionedThroughput(p -> p.readCapacityUnits(5L).writeCapacityUnits(5L)));
            // Task 1 verified, as the instructions ask: the only record of the 5/5 once the table is on-demand.
            assertThat(lab.verify(emulator, Map.of("table", "dva-labs-keys")).ids(Status.PASS)).contains("provisioned-throughput");
            awaitNextSecond();
            dynamo.updateTable(u -> u.tableName("dva-labs-keys").billingMode(BillingMode.PAY_PER_REQUEST));
        }
        Report report = lab.verify(emulator, Map.of("table", "dva-labs-keys"));
        assertThat(report.ids(Status.FAIL)).isEmpty();
        assertThat(report.ids(Status.PASS)).contains("provisioned-throughput", "on-demand", "write-units",
                "transaction-units", "batch-units");
    }

    @Test
    @DisplayName("a table switched to on-demand from 1/1 with no verify between is no PASS of task 1")
    void unseenSwitchIsNoPass(LocalEmulator emulator) {
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder())) {
            dynamo.createTable(c -> c.tableName("dva-labs-unseen").billingMode(BillingMode.PROVISIONED)
                    .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("id").keyType("HASH"))
                    .provisionedThroughput(p -> p.readCapacityUnits(1L).writeCapacityUnits(1L)));
            awaitNextSecond();
            dynamo.updateTable(u -> u.tableName("dva-labs-unseen").billingMode(BillingMode.PAY_PER_REQUEST));
        }
        Report report = lab.verify(emulator, Map.of("table", "dva-labs-unseen"));
        assertThat(report.ids(Status.PASS)).doesNotContain("provisioned-throughput");
        assertThat(report.ids(Status.SKIP)).contains("provisioned-throughput");
    }

    @Test
    @DisplayName("the solution ends on-demand, after a stack update from 5 RCU and 5 WCU")
    void solutionSwitches(LocalEmulator emulator) {
        lab.deploy(emulator, Variant.SOLUTION);
        assertThat(lab.printed()).contains("BillingMode=PAY_PER_REQUEST");
        Report report = lab.verify(emulator);
        assertThat(report.outcome("provisioned-throughput").result().observed()).contains("after a switch from PROVISIONED");
        assertThat(report.outcome("on-demand").status()).isEqualTo(Status.PASS);
    }

    @Test
    @DisplayName("the verifier removes its items from the learner's table, and its own table")
    void verifierCleansUp(LocalEmulator emulator) {
        lab.deploy(emulator, Variant.STARTER);
        lab.verify(emulator);
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder())) {
            assertThat(dynamo.scan(r -> r.tableName("dva-labs-capacity")).items()).isEmpty();
            assertThat(dynamo.listTables().tableNames()).noneMatch(t -> t.startsWith("dva-labs-verify-"));
        }
    }

    @Test
    @DisplayName("a table a verify saw at 10 RCU / 5 WCU, then switched to on-demand, still fails provisioned-throughput: no SKIP, no 'All checks pass'")
    void seenWrongThenSwitchedFails(LocalEmulator emulator) {
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder())) {
            dynamo.createTable(c -> c.tableName("dva-labs-ten").billingMode(BillingMode.PROVISIONED)
                    .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("id").keyType("HASH"))
                    .provisionedThroughput(p -> p.readCapacityUnits(10L).writeCapacityUnits(5L)));
            assertThat(lab.verify(emulator, Map.of("table", "dva-labs-ten")).ids(Status.FAIL)).contains("provisioned-throughput");
            awaitNextSecond();
            dynamo.updateTable(u -> u.tableName("dva-labs-ten").billingMode(BillingMode.PAY_PER_REQUEST));
        }
        Report report = lab.verify(emulator, Map.of("table", "dva-labs-ten"));
        assertThat(report.outcome("provisioned-throughput").status()).isEqualTo(Status.FAIL);
        assertThat(report.outcome("provisioned-throughput").result().observed())
                .contains("after a switch from PROVISIONED 10 RCU / 5 WCU");
        assertThat(report.outcome("on-demand").status()).isEqualTo(Status.PASS);
    }

    @Test
    @DisplayName("the starter verified at 1/1, then task 1 verified at 5/5, then switched, passes task 1")
    void starterThenTaskOneThenSwitch(LocalEmulator emulator) {
        lab.deploy(emulator, Variant.STARTER);
        assertThat(lab.verify(emulator).ids(Status.FAIL)).contains("provisioned-throughput");
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder())) {
            dynamo.updateTable(u -> u.tableName("dva-labs-capacity")
                    .provisionedThroughput(p -> p.readCapacityUnits(5L).writeCapacityUnits(5L)));
            assertThat(lab.verify(emulator).ids(Status.PASS)).contains("provisioned-throughput");
            awaitNextSecond();
            dynamo.updateTable(u -> u.tableName("dva-labs-capacity").billingMode(BillingMode.PAY_PER_REQUEST));
        }
        Report report = lab.verify(emulator);
        assertThat(report.outcome("provisioned-throughput").status()).isEqualTo(Status.PASS);
        assertThat(report.outcome("on-demand").status()).isEqualTo(Status.PASS);
    }

    @Test
    @DisplayName("observe in a session already closed writes nothing, and says so")
    void closedSessionWritesNothing(LocalEmulator emulator) {
        lab.deploy(emulator, Variant.STARTER);
        Session session = Sessions.open(emulator, ID, lab.exercise().names());
        session.close();
        assertThatThrownBy(() -> new DynamodbCapacityVerifier().observe(session)).hasMessageContaining("writes no more");
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder())) {
            assertThat(dynamo.scan(r -> r.tableName("dva-labs-capacity")).items()).isEmpty();
            assertThat(dynamo.listTables().tableNames()).noneMatch(t -> t.startsWith("dva-labs-verify-"));
        }
    }

    @Test
    @DisplayName("verify removes exactly what a killed verify journaled, its item and its 1-WCU table; a learner's look-alikes stay")
    void journalOfAKilledVerify(LocalEmulator emulator) throws Exception {
        lab.deploy(emulator, Variant.STARTER);
        String old = RunMarker.startedAt(Instant.now().minus(Duration.ofHours(1))).value();
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder())) {
            for (String id : List.of(old + "-small", old + "-medium", "dva-labs-verify-deadbeef", "dva-labs-verify-20240115")) {
                dynamo.putItem(p -> p.tableName("dva-labs-capacity").item(Map.of("id", AttributeValue.fromS(id))));
            }
            create(dynamo, old + BurstProbe.SUFFIX, BillingMode.PAY_PER_REQUEST);
            String lookalike = RunMarker.startedAt(Instant.now().minus(Duration.ofHours(2))).value() + BurstProbe.SUFFIX;
            create(dynamo, lookalike, BillingMode.PAY_PER_REQUEST);
            Sessions.killedVerify(emulator, ID, old, new OwnTable(old + BurstProbe.SUFFIX),
                    WrittenItem.of("dva-labs-capacity", Map.of("id", AttributeValue.fromS(old + "-small"))));

            lab.verify(emulator);

            assertThat(dynamo.scan(r -> r.tableName("dva-labs-capacity")).items()).extracting(i -> i.get("id").s())
                    .containsExactlyInAnyOrder(old + "-medium", "dva-labs-verify-deadbeef", "dva-labs-verify-20240115");
            assertThat(dynamo.listTables().tableNames()).doesNotContain(old + BurstProbe.SUFFIX).contains(lookalike);
        }
    }

    /** DescribeTable's times on ministack are whole seconds: a switch must fall in a later second than the creation. */
    private static void awaitNextSecond() {
        long second = System.currentTimeMillis() / 1000;
        while (System.currentTimeMillis() / 1000 <= second) {
            Thread.onSpinWait();
        }
    }
}
