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
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import dev.dvalabs.loop.Loop;

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
        assertThat(report.outcomes()).filteredOn(o -> o.id().startsWith("dax-")).hasSize(4)
                .allSatisfy(o -> assertThat(o.result().observed()).as(o.id()).contains("DAX is not available on"));
        assertThat(report.ids(Status.SKIP)).containsExactlyInAnyOrder("dax-cluster", "dax-item-ttl", "dax-function", "dax-read");
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

    @Test
    @DisplayName("destroy with the cache the instructions have the learner build by hand in the stack's VPC: it names the"
            + " replication group and the VPC it could not remove, is not clean and never says nothing is left; once the"
            + " learner removed theirs, the next destroy sweeps the VPC by its tags")
    void destroyNamesWhatStandsInTheVpc(LocalEmulator emulator) {
        lab.deploy(emulator, Variant.STARTER);
        String cache = lab.exercise().names().get("cache");
        try (Ec2Client ec2 = emulator.client(Ec2Client.builder());
             ElastiCacheClient elastiCache = emulator.client(ElastiCacheClient.builder())) {
            Filter exercise = Filter.builder().name("tag:dva-labs:exercise").values(ID).build();
            String vpc = ec2.describeVpcs(r -> r.filters(exercise)).vpcs().get(0).vpcId();
            String group = ec2.createSecurityGroup(r -> r.groupName(cache).description("products cache").vpcId(vpc)).groupId();
            elastiCache.createCacheSubnetGroup(r -> r.cacheSubnetGroupName(cache + "-subnets").cacheSubnetGroupDescription("cache")
                    .subnetIds(ec2.describeSubnets(f -> f.filters(exercise)).subnets().stream().map(Subnet::subnetId).toList()));
            elastiCache.createReplicationGroup(r -> r.replicationGroupId(cache).replicationGroupDescription("products cache")
                    .engine("redis").cacheNodeType("cache.t3.micro").numCacheClusters(2).automaticFailoverEnabled(true)
                    .multiAZEnabled(true).cacheSubnetGroupName(cache + "-subnets").securityGroupIds(group));
            try {
                Teardown.Result first = new Loop(emulator, lab.out()).destroy(lab.exercise());
                assertThat(first.clean()).as(lab.printed()).isFalse();
                assertThat(lab.printed()).doesNotContain("Nothing of " + ID + " is left")
                        .contains("labs aws elasticache delete-replication-group --replication-group-id " + cache)
                        .contains("vpc/" + vpc).contains("Destroy did not finish");
                assertThat(new Teardown(emulator, lab.out()).tagged()).as("what status lists")
                        .hasEntrySatisfying(ID, arns -> assertThat(arns).anyMatch(a -> a.endsWith("vpc/" + vpc)));
            } finally {
                elastiCache.deleteReplicationGroup(r -> r.replicationGroupId(cache));
                elastiCache.deleteCacheSubnetGroup(r -> r.cacheSubnetGroupName(cache + "-subnets"));
                ec2.deleteSecurityGroup(r -> r.groupId(group));
            }
            Teardown.Result second = new Loop(emulator, lab.out()).destroy(lab.exercise());
            assertThat(second.clean()).as(lab.printed()).isTrue();
            assertThat(second.removed()).anyMatch(r -> r.contains("vpc/" + vpc));
            assertThat(ec2.describeVpcs(r -> r.filters(exercise)).vpcs()).isEmpty();
            assertThat(lab.printed()).contains("Nothing of " + ID + " is left");
        }
    }
}
