package dev.dvalabs.exercises.dynamodbcaching;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.cdk.Variant;
import dev.dvalabs.contract.EndToEnd;
import dev.dvalabs.contract.Leftovers;
import dev.dvalabs.destroy.Teardown;
import dev.dvalabs.targets.LocalEmulator;
import dev.dvalabs.testing.LocalEmulatorExtension;
import dev.dvalabs.verify.Report;
import dev.dvalabs.verify.Status;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;

/** dynamodb-caching end to end on the local emulator, with the Redis server the toolkit runs beside it. */
@ExtendWith(LocalEmulatorExtension.class)
class DynamodbCachingTest {

    static final String ID = new DynamodbCaching().id();
    static final String TABLE = "dva-labs-products";

    @RegisterExtension
    final EndToEnd lab = new EndToEnd(ID);

    @Test
    @DisplayName("the solution passes every cache check (DAX SKIP with its reason), the verifier's products leave the"
            + " table, the learner's stay, and destroy leaves no table, function or replication group")
    void solutionPassesAndLeavesNothing(LocalEmulator emulator) {
        lab.deploy(emulator, Variant.SOLUTION);
        Map<String, AttributeValue> learners = Map.of("id", AttributeValue.fromS("product-1"), "name", AttributeValue.fromS("lamp"));
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder())) {
            dynamo.putItem(p -> p.tableName(TABLE).item(learners));
        }
        Report report = lab.verify(emulator);
        assertThat(report.outcomes()).filteredOn(o -> !o.id().startsWith("dax-"))
                .allSatisfy(o -> assertThat(o.status()).as(o.id() + ": " + o.result()).isEqualTo(Status.PASS));
        assertThat(report.outcomes()).filteredOn(o -> o.id().startsWith("dax-")).hasSize(3)
                .allSatisfy(o -> assertThat(o.result().observed()).as(o.id()).contains("DAX is not available on"));
        assertThat(report.ids(Status.SKIP)).containsExactlyInAnyOrder("dax-cluster", "dax-item-ttl", "dax-function");
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder())) {
            assertThat(dynamo.scan(r -> r.tableName(TABLE)).items()).containsExactly(learners);
        }
        assertThat(new Teardown(emulator, lab.out()).destroy(ID).clean()).isTrue();
        Leftovers.assertNothingLeft(emulator, ID);
        try (ElastiCacheClient cache = emulator.client(ElastiCacheClient.builder())) {
            assertThat(cache.describeReplicationGroups().replicationGroups()).noneMatch(g -> g.replicationGroupId().startsWith("dva-labs-"));
            assertThat(cache.describeCacheClusters().cacheClusters()).noneMatch(c -> c.cacheClusterId().startsWith("dva-labs-"));
        }
    }

    @Test
    @DisplayName("the starter's function reads the table alone: it reports every read from the table and writes nothing through")
    void starterReadsTheTableAlone(LocalEmulator emulator) {
        lab.deploy(emulator, Variant.STARTER);
        Report report = lab.verify(emulator);
        assertThat(report.outcome("lazy-loading").result().observed()).contains("name v1 from the table");
        assertThat(report.outcome("cache-engine").result().observed()).contains("replication group dva-labs-products-cache");
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder())) {
            assertThat(dynamo.scan(r -> r.tableName(TABLE)).items()).isEmpty();
        }
    }
}
