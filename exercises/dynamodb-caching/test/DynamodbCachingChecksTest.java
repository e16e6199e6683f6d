package dev.dvalabs.exercises.dynamodbcaching;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.exercise.Catalog;
import dev.dvalabs.exercises.dynamodbcaching.DynamodbCachingVerifier.DaxRead;
import dev.dvalabs.exercises.dynamodbcaching.DynamodbCachingVerifier.DaxUse;
import dev.dvalabs.exercises.dynamodbcaching.DynamodbCachingVerifier.Fresh;
import dev.dvalabs.exercises.dynamodbcaching.DynamodbCachingVerifier.Observed;
import dev.dvalabs.exercises.dynamodbcaching.DynamodbCachingVerifier.Read;
import dev.dvalabs.exercises.dynamodbcaching.DynamodbCachingVerifier.Trial;
import dev.dvalabs.testing.ChecksContract;
import dev.dvalabs.verify.Deviation;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Report;
import dev.dvalabs.verify.Status;
import dev.dvalabs.verify.Verification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dax.model.Cluster;
import software.amazon.awssdk.services.dax.model.SSEStatus;
import software.amazon.awssdk.services.elasticache.model.AutomaticFailoverStatus;
import software.amazon.awssdk.services.elasticache.model.MultiAZStatus;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroup;

/** Each dynamodb-caching check judged on observations that differ from a correct build in one fact. */
class DynamodbCachingChecksTest extends ChecksContract<Observed, DynamodbCachingChecksTest.Seen> {

    DynamodbCachingChecksTest() {
        super(() -> new DynamodbCachingVerifier().checks(), Seen::new, Seen::build);
    }

    static final String DAX_ENDPOINT = "dva-labs-products.abc123.dax-clusters.us-east-1.amazonaws.com";

    /** A correct build's observations, one field at a time changeable. */
    static final class Seen {
        String engine = "redis";
        MultiAZStatus multiAz = MultiAZStatus.ENABLED;
        AutomaticFailoverStatus failover = AutomaticFailoverStatus.ENABLED;
        List<String> members = List.of("dva-labs-products-cache-001", "dva-labs-products-cache-002");
        Fact<ReplicationGroup> cache;
        Read miss = new Read("table", "v1", 5, null);
        Read hit = new Read("cache", "v1", 5, null);
        Read stale = new Read("cache", "v1", 4, null);
        Read meanwhile = new Read("cache", "v1", 3, null);
        Fresh fresh = new Fresh(new Read("table", "v2", 5, null), Duration.ofMillis(4200));
        Read written = new Read("cache", "w1", 5, null);
        Read rewritten = new Read("cache", "w2", 5, null);
        String inTable = "w2";
        Fact<Trial> trial;
        Fact<Cluster> dax = Fact.of(Cluster.builder().clusterName("dva-labs-products").status("available")
                .sseDescription(s -> s.status(SSEStatus.ENABLED)).build());
        Fact<String> recordTtl = Fact.of("60000");
        Fact<DaxUse> daxUse = Fact.of(new DaxUse("dax://" + DAX_ENDPOINT, DAX_ENDPOINT));
        Read throughDax = new Read("dax", "d1", null, null);
        Read throughDaxAfterChange = new Read("dax", "d1", null, null);
        Read throughDaxPastCacheTtl = new Read("dax", "d1", null, null);
        Read throughDaxPastItemTtl = new Read("dax", "d2", null, null);
        Fact<DaxRead> daxRead;

        /** The reads the probe makes: it stops at the first that is not d1 from DAX (a null answer: none). */
        DaxRead daxReads() {
            Read atOnce = throughDax == null || !throughDax.is("dax", "d1") ? null : throughDaxAfterChange;
            Read pastCacheTtl = atOnce == null || !atOnce.is("dax", "d1") ? null : throughDaxPastCacheTtl;
            Read pastItemTtl = pastCacheTtl == null || !pastCacheTtl.is("dax", "d1") ? null : throughDaxPastItemTtl;
            return new DaxRead(throughDax, atOnce, pastCacheTtl, pastItemTtl);
        }

        Observed build() {
            Fact<ReplicationGroup> group = cache != null ? cache : Fact.of(ReplicationGroup.builder()
                    .replicationGroupId("dva-labs-products-cache").engine(engine).multiAZ(multiAz)
                    .automaticFailover(failover).memberClusters(members).build());
            Fact<Trial> made = trial != null ? trial : Fact.of(new Trial(miss, hit, stale, meanwhile, fresh, written, rewritten, inTable));
            Fact<DaxRead> readThroughDax = daxRead != null ? daxRead : Fact.of(daxReads());
            return new Observed(group, made, dax, recordTtl, daxUse, readThroughDax);
        }
    }

    @Override
    protected Stream<Mistake<Seen>> mistakes() {
        return Stream.of(
                wrong("cache-engine", "no replication group (a Memcached cluster of that name)", (Consumer<Seen>) s -> s.cache = Fact.refused(
                        "replication group dva-labs-products-cache: ReplicationGroupNotFoundFault: Replication group dva-labs-products-cache not found"),
                        "cache-multi-az"),
                wrong("cache-engine", "an engine of another family", (Consumer<Seen>) s -> s.engine = "memcached"),
                wrong("cache-multi-az", "Multi-AZ left off", (Consumer<Seen>) s -> s.multiAz = MultiAZStatus.DISABLED),
                wrong("cache-multi-az", "no automatic failover", (Consumer<Seen>) s -> s.failover = AutomaticFailoverStatus.DISABLED),
                wrong("cache-multi-az", "a single node", (Consumer<Seen>) s -> s.members = List.of("dva-labs-products-cache-001")),
                wrong("lazy-loading", "every read from the table (no cache)", (Consumer<Seen>) s -> {
                    s.hit = new Read("table", "v1", null, null);
                    s.miss = new Read("table", "v1", null, null);
                    s.stale = new Read("table", "v2", null, null);
                    s.meanwhile = new Read("table", "v2", null, null);
                    s.fresh = new Fresh(new Read("table", "v2", null, null), Duration.ofMillis(300));
                    s.written = new Read("table", "w1", null, null);
                    s.rewritten = new Read("table", "w2", null, null);
                }, "stale-until-ttl", "cache-ttl", "write-through"),
                wrong("lazy-loading", "a first read claiming the cache", (Consumer<Seen>) s -> s.miss = new Read("cache", "v1", 5, null)),
                wrong("lazy-loading", "a miss that does not fill the cache", (Consumer<Seen>) s -> {
                    s.hit = new Read("table", "v1", -2, null);
                    s.miss = new Read("table", "v1", -2, null);
                    s.stale = new Read("table", "v2", -2, null);
                }, "stale-until-ttl", "cache-ttl"),
                wrong("lazy-loading", "the function failing", (Consumer<Seen>) s -> s.trial = Fact.refused(
                        "function dva-labs-products-api: ResourceNotFoundException: Function not found"),
                        "stale-until-ttl", "cache-ttl", "write-through"),
                wrong("stale-until-ttl", "entries that never expire", (Consumer<Seen>) s ->
                        s.fresh = new Fresh(new Read("cache", "v1", -1, null), Duration.ofSeconds(10))),
                wrong("stale-until-ttl", "a TTL of 60 s", (Consumer<Seen>) s ->
                        s.fresh = new Fresh(new Read("cache", "v1", 51, null), Duration.ofSeconds(9))),
                wrong("stale-until-ttl", "the new product showing late, after 12 s", (Consumer<Seen>) s ->
                        s.fresh = new Fresh(new Read("table", "v2", 5, null), Duration.ofSeconds(12))),
                wrong("stale-until-ttl", "reads that skip the cache once the table changed", (Consumer<Seen>) s ->
                        s.stale = new Read("table", "v2", 5, null)),
                wrong("stale-until-ttl", "one entry for every product: a read answers the product written last", (Consumer<Seen>) s ->
                        s.meanwhile = new Read("cache", "w2", 4, null)),
                wrong("stale-until-ttl", "a write that empties the whole cache: another product's read, 2.6 s after its entry was"
                        + " set, comes from the table", (Consumer<Seen>) s ->
                        s.meanwhile = new Read("table", "v2", 5, null, Duration.ofMillis(2600))),
                wrong("cache-ttl", "entries written without a TTL", (Consumer<Seen>) s -> {
                    s.written = new Read("cache", "w1", -1, null);
                    s.rewritten = new Read("cache", "w2", -1, null);
                }),
                wrong("cache-ttl", "a TTL of 60 s on a miss", (Consumer<Seen>) s -> s.miss = new Read("table", "v1", 60, null)),
                wrong("cache-ttl", "no ttl in the answer", (Consumer<Seen>) s -> s.hit = new Read("cache", "v1", null, null)),
                wrong("cache-ttl", "an expiry of 2 s, read at once (the change then shows from the table after 2 s)", (Consumer<Seen>) s -> {
                    s.meanwhile = new Read("table", "v2", null, null, Duration.ofMillis(2400));
                    s.miss = new Read("table", "v1", 2, null);
                    s.hit = new Read("cache", "v1", 2, null);
                    s.written = new Read("cache", "w1", 2, null);
                    s.rewritten = new Read("cache", "w2", 2, null);
                }),
                wrong("write-through", "a write that only deletes the entry", (Consumer<Seen>) s -> {
                    s.written = new Read("table", "w1", 5, null);
                    s.rewritten = new Read("table", "w2", 5, null);
                }),
                wrong("write-through", "a write to the cache alone", (Consumer<Seen>) s -> s.inTable = null),
                wrong("write-through", "a write that leaves the old entry", (Consumer<Seen>) s ->
                        s.rewritten = new Read("cache", "w1", 4, null)),
                wrong("dax-cluster", "no DAX cluster", (Consumer<Seen>) s -> {
                    s.dax = Fact.refused("ClusterNotFoundFault: Cluster not found");
                    s.recordTtl = s.dax.as();
                    s.daxUse = s.dax.as();
                    s.daxRead = s.dax.as();
                }, "dax-item-ttl", "dax-function", "dax-read"),
                wrong("dax-cluster", "no encryption at rest", (Consumer<Seen>) s -> s.dax = Fact.of(Cluster.builder()
                        .clusterName("dva-labs-products").status("available").sseDescription(d -> d.status(SSEStatus.DISABLED)).build())),
                wrong("dax-item-ttl", "the default parameter group's 5 minutes", (Consumer<Seen>) s -> s.recordTtl = Fact.of("300000")),
                wrong("dax-function", "the function left pointed at DynamoDB", (Consumer<Seen>) s ->
                        s.daxUse = Fact.of(new DaxUse(null, DAX_ENDPOINT))),
                wrong("dax-function", "another cluster's endpoint", (Consumer<Seen>) s ->
                        s.daxUse = Fact.of(new DaxUse("dax://other.abc123.dax-clusters.us-east-1.amazonaws.com", DAX_ENDPOINT))),
                wrong("dax-read", "a read that goes to the table, whatever it says: the change shows at once", (Consumer<Seen>) s ->
                        s.throughDaxAfterChange = new Read("dax", "d2", null, null)),
                wrong("dax-read", "a read through Redis labelled dax: once its entry is evicted it reads the table", (Consumer<Seen>) s ->
                        s.throughDaxAfterChange = new Read("dax", "d2", 5, null)),
                wrong("dax-read", "a function that ignores via and answers from its Redis path", (Consumer<Seen>) s -> {
                    s.throughDax = new Read("table", "d1", 5, null);
                    s.throughDaxAfterChange = null;
                }),
                wrong("dax-read", "the DAX client not packaged", (Consumer<Seen>) s -> {
                    s.throughDax = Read.failed("Unable to import module 'index': No module named 'amazondax'");
                    s.throughDaxAfterChange = null;
                }),
                wrong("dax-read", "a Redis entry of 5 s under another key, labelled dax and kept from evict: it ends with its TTL",
                        (Consumer<Seen>) s -> s.throughDaxPastCacheTtl = new Read("dax", "d2", null, null)),
                wrong("dax-read", "a cache in the function's memory, labelled dax: it never forgets", (Consumer<Seen>) s ->
                        s.throughDaxPastItemTtl = new Read("dax", "d1", null, null)),
                wrong("dax-read", "a read through DAX that fails past DAX's item TTL", (Consumer<Seen>) s ->
                        s.throughDaxPastItemTtl = Read.failed("Task timed out after 10.00 seconds")),
                wrong("dax-read", "a read through DAX that fails once the table changed", (Consumer<Seen>) s ->
                        s.throughDaxAfterChange = Read.failed("Task timed out after 10.00 seconds")),
                wrong("dax-read", "the product never shows through DAX (a miss kept past the deadline)", (Consumer<Seen>) s -> {
                    s.throughDax = new Read("dax", null, null, null);
                    s.throughDaxAfterChange = null;
                }),
                wrong("dax-read", "the function gone", (Consumer<Seen>) s -> s.daxRead = Fact.refused(
                        "function dva-labs-products-api: ResourceNotFoundException: Function not found")));
    }

    @Test
    @DisplayName("valkey, three nodes, a stale entry that ends sooner than its TTL (it was read late) and a read of it that came"
            + " only after its TTL on a slow machine pass")
    void rightButDifferentPasses() {
        Seen seen = new Seen();
        seen.engine = "valkey";
        seen.members = List.of("a-001", "a-002", "a-003");
        seen.fresh = new Fresh(new Read("table", "v2", 5, null), Duration.ofMillis(1500));
        seen.meanwhile = new Read("table", "v2", 5, null, Duration.ofMillis(5200));
        assertThat(judge(seen).ids(Status.FAIL)).isEmpty();
    }

    @Test
    @DisplayName("on ministack, a DAX that is not there SKIPs the DAX checks, and a learner's cache mistake still FAILs")
    void ministackDeviationCoversOnlyDax() {
        Map<String, Deviation> ministack = Catalog.load().find(new DynamodbCaching().id()).orElseThrow().deviationsOn("ministack");
        Seen seen = new Seen();
        seen.dax = Fact.unavailable("DAX is not available on local");
        seen.recordTtl = seen.dax.as();
        seen.daxUse = seen.dax.as();
        seen.daxRead = seen.dax.as();
        seen.multiAz = MultiAZStatus.DISABLED;
        Report report = Verification.judge("checks", checks(), seen.build(), "local", ministack);
        assertThat(report.ids(Status.SKIP)).containsExactlyInAnyOrder("dax-cluster", "dax-item-ttl", "dax-function", "dax-read");
        assertThat(report.ids(Status.FAIL)).containsExactly("cache-multi-az");
    }

    @Test
    @DisplayName("a TTL counted down by a slow invocation passes: 3 s left 1.6 s after an EX 5 (or PX 5000) was set")
    void ttlCountedDownPasses() {
        Seen seen = new Seen();
        seen.hit = new Read("cache", "v1", 3, null, Duration.ofMillis(1600));
        seen.rewritten = new Read("cache", "w2", 4, null, Duration.ofMillis(900));
        assertThat(judge(seen).ids(Status.FAIL)).isEmpty();
    }

    @Test
    @DisplayName("a function that cannot reach the cache: cache-ttl says the function failed, once, not a TTL of null")
    void crashedFunctionIsNoTtl() {
        Seen seen = new Seen();
        Read failed = Read.failed("Error 111 connecting to 127.0.0.1:6379. Connection refused.");
        seen.miss = failed;
        seen.hit = failed;
        seen.written = failed;
        seen.rewritten = failed;
        String observed = judge(seen).outcome("cache-ttl").result().observed();
        assertThat(observed).contains("the function failed: Error 111").doesNotContain("null");
        assertThat(observed.indexOf("Error 111")).isEqualTo(observed.lastIndexOf("Error 111"));
    }

    @Test
    @DisplayName("dax-read says what each read through DAX answered, and that the table holds the new name")
    void daxReadSaysEachRead() {
        Seen seen = new Seen();
        seen.throughDaxPastItemTtl = new Read("dax", "d1", null, null);
        var result = judge(seen).outcome("dax-read").result();
        assertThat(result.observed()).contains("first name d1 from DAX", "after the table changed to d2: at once name d1 from DAX",
                "past the Redis entry's TTL name d1 from DAX", "past DAX's item TTL name d1 from DAX");
        assertThat(result.expected()).contains("the table holds d2");
    }
}
