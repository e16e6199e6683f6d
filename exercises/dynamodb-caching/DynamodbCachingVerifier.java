package dev.dvalabs.exercises.dynamodbcaching;

import static dev.dvalabs.verify.Matcher.between;
import static dev.dvalabs.verify.Matcher.eq;
import static dev.dvalabs.verify.Matcher.oneOf;
import static dev.dvalabs.verify.Matcher.satisfies;

import dev.dvalabs.verify.Check;
import dev.dvalabs.verify.CheckResult;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Session;
import dev.dvalabs.verify.Verifier;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.dax.model.Cluster;
import software.amazon.awssdk.services.dax.model.SSEStatus;
import software.amazon.awssdk.services.elasticache.model.AutomaticFailoverStatus;
import software.amazon.awssdk.services.elasticache.model.MultiAZStatus;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroup;

/**
 * dynamodb-caching: a Redis-compatible cache in front of the products table, filled by lazy loading with a
 * TTL and written through, and (on AWS) a DAX cluster. Behaviour is observed through the learner's function,
 * which is the only thing that reaches the cache on AWS (it lives in a VPC); configuration through the
 * ElastiCache and DAX APIs.
 */
public final class DynamodbCachingVerifier implements Verifier<DynamodbCachingVerifier.Observed> {

    /** The TTL the instructions ask for on every cache entry, in seconds. */
    static final int TTL_SECONDS = 5;
    /** How long after the TTL an entry may still answer before the stale check calls it kept (a slow invocation). */
    static final Duration TTL_SLACK = Duration.ofSeconds(4);
    /** DAX's item cache TTL the instructions ask for (the parameter group's record-ttl-millis). */
    public static final String DAX_RECORD_TTL_MILLIS = "60000";
    public static final String DAX_VARIABLE = "DAX_ENDPOINT";

    /** What the verifier saw; each fact is a value or what AWS answered instead. */
    record Observed(Fact<ReplicationGroup> cache, Fact<Trial> trial, Fact<Cluster> daxCluster,
                    Fact<String> daxRecordTtl, Fact<DaxUse> daxUse, Fact<DaxRead> daxRead) {}

    /**
     * One read through the function: where it says the product came from ({@code cache} or {@code table}),
     * the product's {@code name}, and the remaining TTL of its cache entry; or the function's error. {@code sinceSet}
     * is how long at most before the read answered the verifier caused the entry to be set (the start of the
     * invocation that set it), so what an expiry of {@link #TTL_SECONDS} leaves can be told from a shorter one.
     */
    record Read(String source, String name, Integer ttl, String error, Duration sinceSet) {

        /** A read that answered as its entry was set. */
        Read(String source, String name, Integer ttl, String error) {
            this(source, name, ttl, error, Duration.ZERO);
        }

        static Read failed(String error) {
            return new Read(null, null, null, error);
        }

        boolean is(String expectedSource, String expectedName) {
            return expectedSource.equals(source) && expectedName.equals(name);
        }

        /**
         * Whether the TTL is what SET ... EX 5 (or SETEX, or PX 5000) leaves after {@code sinceSet}: at most 5, and no
         * less than 5 minus that time minus 1 (Redis rounds a TTL to the nearest second).
         */
        boolean ttlOfTheExpiry() {
            double least = Math.max(0, TTL_SECONDS - sinceSet.toMillis() / 1000.0 - 1);
            return error == null && ttl != null && ttl >= least && ttl <= TTL_SECONDS;
        }

        @Override
        public String toString() {
            return error != null ? "the function failed: " + error
                    : (name == null ? "no product" : "name " + name) + " from " + ("dax".equals(source) ? "DAX" : "the " + source)
                    + (ttl == null ? "" : " (entry's TTL " + ttl + ")");
        }
    }

    /** The remaining TTLs the reads that filled or answered from the cache reported, each with how long since it was set. */
    record Ttls(List<Read> reads) {

        boolean ofTheExpiry() {
            return reads.stream().allMatch(Read::ttlOfTheExpiry);
        }

        @Override
        public String toString() {
            // A function that failed reported no TTL: say that, once, rather than a TTL of null.
            return reads.stream().filter(r -> r.error() != null).findFirst().map(Read::toString)
                    .orElseGet(() -> reads.stream().map(r -> r.ttl() + " (set " + r.sinceSet().toMillis() / 1000.0 + " s before)")
                            .toList().toString());
        }
    }

    /**
     * The verifier's products read and written through the function. Product A: put in the table as
     * {@code v1}, read twice ({@link #miss}, {@link #hit}), changed in the table directly to {@code v2}, read
     * at once ({@link #stale}), once more at once after B was written ({@link #meanwhile}), and then until {@code v2} shows
     * ({@link #fresh}). Product B: written through the function as {@code w1}, read ({@link #written}), written again
     * as {@code w2}, read at once ({@link #rewritten}); {@link #inTable} is B's name in the table then.
     */
    record Trial(Read miss, Read hit, Read stale, Read meanwhile, Fresh fresh, Read written, Read rewritten, String inTable) {

        /** The read of A after B was written, with the TTL its entry was set with (see {@link AfterOther}). */
        AfterOther afterOther() {
            int ttl = miss.ttl() != null && miss.ttl() > 0 && miss.ttl() < TTL_SECONDS ? miss.ttl() : TTL_SECONDS;
            return new AfterOther(meanwhile, ttl);
        }

        /** The reads that filled or answered from the cache, whose TTLs must be what the expiry leaves. */
        Ttls ttls() {
            return new Ttls(List.of(miss, hit, written, rewritten));
        }

    }

    /**
     * The read of A after B was written, and the TTL in whole seconds the first read reported for A's entry (the
     * instructions' when it reported none, or a longer one). The entry was set during that first read, so it lived for
     * certain until that TTL less a second after the first read began. A TTL shorter than the instructions' is
     * cache-ttl's to judge; an entry gone sooner was removed (a write that empties the whole cache).
     */
    record AfterOther(Read read, int entryTtl) {

        /** v1 from the cache, or v2 from the table once A's entry may have ended. */
        boolean fromItsEntry() {
            return read.is("cache", "v1")
                    || read.is("table", "v2") && read.sinceSet().compareTo(Duration.ofSeconds(entryTtl - 1)) >= 0;
        }

        @Override
        public String toString() {
            return read.toString();
        }
    }

    /** The last of the reads after the table changed, and how long after the change it came. */
    record Fresh(Read read, Duration after) {

        boolean inTime() {
            return read.is("table", "v2") && after.compareTo(Duration.ofSeconds(TTL_SECONDS).plus(TTL_SLACK)) <= 0;
        }

        @Override
        public String toString() {
            return read + ", " + after.toMillis() / 1000.0 + " s after the table changed";
        }
    }

    /** The function's DAX_ENDPOINT and the DAX cluster's discovery endpoint. */
    record DaxUse(String variable, String endpoint) {

        boolean names() {
            return variable != null && endpoint != null && variable.contains(endpoint);
        }

        @Override
        public String toString() {
            return DAX_VARIABLE + "=" + variable + ", cluster endpoint " + endpoint;
        }
    }

    /**
     * Reads through DAX of a product of the verifier's own (see {@link DynamodbCachingProbe#daxRead}): the first once
     * it shows as {@code d1}; after the table was changed to {@code d2} directly and the Redis entry evicted, one at
     * once and one past the Redis entry's TTL, which only DAX's item cache still answers as {@code d1}; and the last,
     * past DAX's item TTL, as {@code d2}. Each is {@code null} when one before it already told.
     */
    record DaxRead(Read first, Read atOnce, Read pastCacheTtl, Read pastItemTtl) {

        boolean fromTheItemCache() {
            return first.is("dax", "d1") && atOnce != null && atOnce.is("dax", "d1") && pastCacheTtl != null
                    && pastCacheTtl.is("dax", "d1") && pastItemTtl != null && pastItemTtl.is("dax", "d2");
        }

        @Override
        public String toString() {
            return "first " + first + (atOnce == null ? "" : "; after the table changed to d2: at once " + atOnce)
                    + (pastCacheTtl == null ? "" : "; past the Redis entry's TTL " + pastCacheTtl)
                    + (pastItemTtl == null ? "" : "; past DAX's item TTL " + pastItemTtl);
        }
    }

    @Override
    public List<Check<Observed>> checks() {
        return List.of(
                new Check<Observed>("cache-engine", "The cache {cache} is a Redis-compatible replication group",
                        "ElastiCache: Redis (or Valkey) or Memcached; only the Redis family replicates and fails over",
                        "Create the replication group {cache} with the engine redis (or valkey); Memcached has no replication group.",
                        o -> o.cache().its("engine", ReplicationGroup::engine).should(oneOf("redis", "valkey")))
                        .forTask(1),
                new Check<Observed>("cache-multi-az", "The cache {cache} is Multi-AZ with automatic failover and a replica",
                        "ElastiCache: Redis Multi-AZ with automatic failover; Memcached is never Multi-AZ",
                        "Give {cache} two nodes, automatic failover and Multi-AZ: aws elasticache create-replication-group"
                                + " --replication-group-id {cache} --replication-group-description products --engine redis"
                                + " --cache-node-type cache.t3.micro --num-cache-clusters 2 --automatic-failover-enabled"
                                + " --multi-az-enabled; in CDK, CfnReplicationGroupProps.numCacheClusters(2),"
                                + " automaticFailoverEnabled(true) and multiAzEnabled(true).",
                        o -> CheckResult.all(
                                o.cache().its("Multi-AZ", ReplicationGroup::multiAZ).should(eq(MultiAZStatus.ENABLED)),
                                o.cache().its("automatic failover", ReplicationGroup::automaticFailover)
                                        .should(eq(AutomaticFailoverStatus.ENABLED)),
                                o.cache().its("nodes", g -> g.memberClusters().size()).should(between(2, 6))))
                        .forTask(1),
                new Check<Observed>("lazy-loading", "A first read of a product misses the cache, the second hits it",
                        "Lazy loading: a miss reads the table and fills the cache; a hit answers without reading the table",
                        "On a read, GET the product's key; on a miss read the table, SET the key, and answer \"source\": \"table\"; on a hit answer \"source\": \"cache\".",
                        o -> CheckResult.all(
                                o.trial().its("first read", Trial::miss).should(satisfies("name v1 from the table", r -> r.is("table", "v1"))),
                                o.trial().its("second read", Trial::hit).should(satisfies("name v1 from the cache", r -> r.is("cache", "v1")))))
                        .forTask(2),
                new Check<Observed>("stale-until-ttl", "A change made to the table directly stays hidden behind the cached entry until its TTL ends",
                        "Lazy loading can serve stale data; a TTL bounds how long",
                        "Keep answering from the cache while the entry lives, and let it expire after " + TTL_SECONDS + " s (SET key value EX 5).",
                        o -> CheckResult.all(
                                o.trial().its("read right after the table changed", Trial::stale)
                                        .should(satisfies("the old name v1 from the cache", r -> r.is("cache", "v1"))),
                                // One entry for every product (a key without the id) answers the product written last;
                                // a write that empties the whole cache leaves the table to answer.
                                o.trial().its("read of it after another product was written", Trial::afterOther)
                                        .should(satisfies("v1 from the cache (v2 from the table only once its entry's TTL"
                                                + " was up)", AfterOther::fromItsEntry)),
                                o.trial().its("reads after that", Trial::fresh).should(satisfies("the new name v2 from the table within "
                                        + TTL_SECONDS + " s (and " + TTL_SLACK.toSeconds() + " s of slack)", Fresh::inTime))))
                        .forTask(3),
                new Check<Observed>("cache-ttl", "Every cache entry expires after " + TTL_SECONDS + " s",
                        "A TTL on cached entries: an entry without one stays stale for good",
                        "Set every entry with an expiry (SET key value EX 5), on a miss and on a write alike, and answer the key's TTL as \"ttl\".",
                        o -> o.trial().its("remaining TTL of each entry, in s", Trial::ttls).should(satisfies(
                                "each what an expiry of " + TTL_SECONDS + " s leaves: at most " + TTL_SECONDS
                                        + ", at least " + TTL_SECONDS + " less the seconds since it was set less 1", Ttls::ofTheExpiry)))
                        .forTask(3),
                new Check<Observed>("write-through", "A product written through the function is read back fresh at once, from the cache",
                        "Write-through: the cache is written at the same time as the table, so it never holds stale data",
                        "On a write, PutItem the product and SET its key with the new value (and the TTL); do not only delete the key.",
                        o -> CheckResult.all(
                                o.trial().its("read right after the second write", Trial::rewritten)
                                        .should(satisfies("name w2 from the cache", r -> r.is("cache", "w2"))),
                                o.trial().its("name in {table}", Trial::inTable).should(eq("w2"))))
                        .forTask(4),
                new Check<Observed>("dax-cluster", "The DAX cluster {dax} is available and encrypted at rest",
                        "DAX: an in-memory cache for DynamoDB, pointed at instead of DynamoDB; it speeds reads only",
                        "Create the DAX cluster {dax} encrypted, in the VPC's subnets, with a role that may read the table:"
                                + " aws dax create-cluster --cluster-name {dax} --node-type dax.t3.small --replication-factor 1"
                                + " --iam-role-arn ROLE_ARN --subnet-group-name SUBNET_GROUP --sse-specification Enabled=true;"
                                + " in CDK, CfnClusterProps.sseSpecification.",
                        o -> CheckResult.all(o.daxCluster().its("status", Cluster::status).should(eq("available")),
                                o.daxCluster().its("encryption at rest", c -> c.sseDescription() == null ? null
                                        : c.sseDescription().status()).should(eq(SSEStatus.ENABLED))))
                        .forTask(5),
                new Check<Observed>("dax-item-ttl", "DAX keeps items for 60 s (record-ttl-millis of its parameter group)",
                        "DAX: the item cache's TTL comes from the cluster's parameter group",
                        "Give {dax} a parameter group with record-ttl-millis " + DAX_RECORD_TTL_MILLIS + ": aws dax"
                                + " update-parameter-group --parameter-group-name PARAMETER_GROUP --parameter-name-values"
                                + " ParameterName=record-ttl-millis,ParameterValue=" + DAX_RECORD_TTL_MILLIS + "; in CDK,"
                                + " CfnParameterGroupProps.parameterNameValues and CfnClusterProps.parameterGroupName.",
                        o -> o.daxRecordTtl().its("record-ttl-millis").should(eq(DAX_RECORD_TTL_MILLIS)))
                        .forTask(5),
                new Check<Observed>("dax-function", "The function {function} is pointed at the DAX cluster",
                        "DAX: the application's client is pointed at the cluster's endpoint instead of DynamoDB",
                        "Set the function's environment variable " + DAX_VARIABLE + " to the cluster's endpoint (dax://..., see"
                                + " aws dax describe-clusters --cluster-names {dax}): aws lambda update-function-configuration"
                                + " --function-name {function} --environment Variables={" + DAX_VARIABLE + "=DAX_ENDPOINT,"
                                + "TABLE_NAME={table},CACHE_HOST=CACHE_HOST,CACHE_PORT=6379} (it replaces every variable, so name"
                                + " the others too); in CDK, FunctionProps.environment.",
                        o -> o.daxUse().its("").should(satisfies("the variable names the cluster's endpoint", DaxUse::names)))
                        .forTask(5),
                new Check<Observed>("dax-read", "A read with \"via\": \"dax\" goes through {dax}: a change made to the table directly stays hidden behind DAX's item cache until its TTL",
                        "DAX: a cache hit answers from memory without reading the table; the item cache keeps an item for its TTL",
                        "On {\"action\": \"read\", \"via\": \"dax\"} GetItem through the DAX client at " + DAX_VARIABLE
                                + " (AmazonDaxClient.resource(endpoint_url=...).Table(...)) and answer \"source\": \"dax\"; package"
                                + " amazon-dax-client with the function's code (pip install amazon-dax-client -t package/, zip both, and"
                                + " upload the zip with update-function-code: task 5 shows the commands).",
                        o -> o.daxRead().its("reads through DAX").should(satisfies("name d1 from DAX at once and past the Redis"
                                + " entry's " + TTL_SECONDS + " s, then d2 past DAX's item TTL of " + Long.parseLong(DAX_RECORD_TTL_MILLIS) / 1000
                                + " s (the table holds d2 from the change on)", DaxRead::fromTheItemCache)))
                        .forTask(5));
    }

    @Override
    public Observed observe(Session session) {
        return new DynamodbCachingProbe(session).observe();
    }
}
