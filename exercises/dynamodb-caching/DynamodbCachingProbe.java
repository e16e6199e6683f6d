package dev.dvalabs.exercises.dynamodbcaching;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dvalabs.exercises.dynamodbcaching.DynamodbCachingVerifier.DaxRead;
import dev.dvalabs.exercises.dynamodbcaching.DynamodbCachingVerifier.DaxUse;
import dev.dvalabs.exercises.dynamodbcaching.DynamodbCachingVerifier.Fresh;
import dev.dvalabs.exercises.dynamodbcaching.DynamodbCachingVerifier.Observed;
import dev.dvalabs.exercises.dynamodbcaching.DynamodbCachingVerifier.Read;
import dev.dvalabs.exercises.dynamodbcaching.DynamodbCachingVerifier.Trial;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Session;
import dev.dvalabs.verify.Write;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dax.DaxClient;
import software.amazon.awssdk.services.dax.model.Cluster;
import software.amazon.awssdk.services.dax.model.Parameter;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroup;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * One observation of the learner's cache: its configuration through the ElastiCache and DAX APIs, its
 * behaviour through the function (on AWS nothing outside the VPC reaches the cache), with products of the
 * verifier's own, each journaled before it is written and removed by its exact key when verify ends.
 */
final class DynamodbCachingProbe {

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * How much longer than DAX's item TTL the first read through DAX may take to show the verifier's product: DAX
     * keeps a miss as long as an item, and its miss reads the table eventually consistently, so a product put just
     * before may first be missed and stay so until that entry ends.
     */
    private static final Duration DAX_FILL_BEYOND_TTL = Duration.ofSeconds(15);

    /** How long before the first entry's TTL ends the stale check starts asking for v2 again. */
    private static final Duration EARLY = Duration.ofMillis(500);

    private final Session session;
    private final String table;
    private final String function;

    DynamodbCachingProbe(Session session) {
        this.session = session;
        this.table = session.name("table");
        this.function = session.name("function");
    }

    Observed observe() {
        String cacheName = session.name("cache");
        Fact<ReplicationGroup> cache = Fact.about("replication group " + cacheName, () -> session.client(ElastiCacheClient.class)
                .describeReplicationGroups(r -> r.replicationGroupId(cacheName)).replicationGroups().get(0));
        Fact<FunctionConfiguration> config = Fact.about("function " + function,
                () -> session.client(LambdaClient.class).getFunction(r -> r.functionName(function)).configuration());
        Fact<Trial> trial = config.then(f -> Fact.about("table " + table, this::trial));
        String daxName = session.name("dax");
        Fact<Cluster> dax = Fact.observe("DAX", session.target().name(), () -> session.client(DaxClient.class)
                .describeClusters(r -> r.clusterNames(daxName)).clusters().get(0));
        Fact<String> recordTtl = dax.then(c -> Fact.about("DAX parameter group " + c.parameterGroup().parameterGroupName(),
                () -> session.client(DaxClient.class).describeParameters(r -> r
                                .parameterGroupName(c.parameterGroup().parameterGroupName()).maxResults(100)).parameters().stream()
                        .filter(p -> p.parameterName().equals("record-ttl-millis")).map(Parameter::parameterValue)
                        .findFirst().orElse(null)));
        Fact<DaxUse> use = dax.then(c -> config.map(f -> new DaxUse(f.environment() == null ? null
                : f.environment().variables().get(DynamodbCachingVerifier.DAX_VARIABLE),
                c.clusterDiscoveryEndpoint() == null ? null : c.clusterDiscoveryEndpoint().address())));
        // Asked only of a cluster that stands: the read itself needs none, which lets a test run it on an emulator.
        Fact<DaxRead> daxRead = dax.then(c -> config.then(f -> Fact.about("function " + function, this::daxRead)));
        return new Observed(cache, trial, dax, recordTtl, use, daxRead);
    }

    /** Reads and writes two products of this verify's own through the function (see {@link Trial}). */
    private Trial trial() {
        String a = session.marker().value() + "-a";
        String b = session.marker().value() + "-b";
        putDirectly(a, "v1");
        Instant filled = session.now();
        Read miss = read(a, filled);
        Read hit = read(a, filled);
        Instant changed = session.now();
        putDirectly(a, "v2");
        Read stale = read(a, filled);
        Instant due = filled.plusSeconds(DynamodbCachingVerifier.TTL_SECONDS).minus(EARLY);
        // Product B, which touches no entry of A's, while A's entry lives out its TTL.
        Instant firstWrite = session.now();
        writeThrough(b, "w1");
        Read written = read(b, firstWrite);
        Instant secondWrite = session.now();
        writeThrough(b, "w2");
        Read rewritten = read(b, secondWrite);
        String inTable = Optional.ofNullable(session.client(DynamoDbClient.class).getItem(r -> r.tableName(table)
                .key(key(b)).consistentRead(true)).item().get("name")).map(AttributeValue::s).orElse(null);
        // One read of A at once after B's writes, while its entry should still live: a function that keeps every product
        // under one key answers B's name, one whose writes empty the whole cache the table's v2, and a cache that renews
        // an entry on every hit (GETEX, or EXPIRE on a read) now holds v1 past the first entry's end, where the reads
        // below find it, however late they come. v2 is due when the entry set by the first read ends: until shortly
        // before that it is waited for, then asked often.
        Read meanwhile = read(a, filled);
        pauseUntil(due);
        Instant deadline = changed.plusSeconds(DynamodbCachingVerifier.TTL_SECONDS).plus(DynamodbCachingVerifier.TTL_SLACK);
        Read last = session.poll(Duration.between(session.now(), deadline), Duration.ofMillis(100))
                .last(() -> read(a, session.now()), r -> r.is("table", "v2"));
        Fresh fresh = new Fresh(last, Duration.between(changed, session.now()));
        return new Trial(miss, hit, stale, meanwhile, fresh, written, rewritten, inTable);
    }

    /** Waits until {@code moment}; not at all once it has passed. */
    private void pauseUntil(Instant moment) {
        if (session.now().isBefore(moment)) {
            session.pause(Duration.between(session.now(), moment));
        }
    }

    /**
     * Task 5 through the function (see {@link DaxRead}), with the TTLs the instructions ask for: the Redis entry's
     * and DAX's item cache's (record-ttl-millis).
     */
    DaxRead daxRead() {
        return daxRead(Duration.ofSeconds(DynamodbCachingVerifier.TTL_SECONDS),
                Duration.ofMillis(Long.parseLong(DynamodbCachingVerifier.DAX_RECORD_TTL_MILLIS)));
    }

    /**
     * A product of the verifier's own read through DAX until it shows as d1, then changed to d2 in the table
     * directly and its Redis entry, if the function made one, evicted. DAX's item cache keeps d1 for
     * {@code itemTtl} from the read that filled it: a read at once, and one after a Redis entry of {@code cacheTtl}
     * would have ended, still answer d1; reads after {@code itemTtl} answer d2. A read of the table, the Redis path
     * under another name, and a cache that never forgets each answer otherwise at one of the three.
     */
    DaxRead daxRead(Duration cacheTtl, Duration itemTtl) {
        String id = session.marker().value() + "-dax";
        putDirectly(id, "d1");
        Read first = session.poll(itemTtl.plus(DAX_FILL_BEYOND_TTL), Duration.ofSeconds(2)).last(() -> readThroughDax(id),
                r -> r.error() != null || !"dax".equals(r.source()) || "d1".equals(r.name()));
        Instant filled = session.now();  // the read that filled DAX's entry (and any cache of the function's) ended by now
        if (!first.is("dax", "d1")) {
            return new DaxRead(first, null, null, null);
        }
        putDirectly(id, "d2");
        // A function that answered from Redis whatever it was asked must not pass on its own entry.
        session.write(new OwnCacheEntry(function, id), () -> invoke(function, JSON.createObjectNode()
                .put("action", "evict").put("id", id)));
        Read atOnce = readThroughDax(id);
        if (!atOnce.is("dax", "d1")) {
            return new DaxRead(first, atOnce, null, null);
        }
        pauseUntil(filled.plus(cacheTtl).plus(DynamodbCachingVerifier.TTL_SLACK));
        Read pastCacheTtl = readThroughDax(id);
        if (!pastCacheTtl.is("dax", "d1")) {
            return new DaxRead(first, atOnce, pastCacheTtl, null);
        }
        pauseUntil(filled.plus(itemTtl));
        Read pastItemTtl = session.poll(DynamodbCachingVerifier.TTL_SLACK.multipliedBy(3), Duration.ofSeconds(1))
                .last(() -> readThroughDax(id), r -> !r.is("dax", "d1"));
        return new DaxRead(first, atOnce, pastCacheTtl, pastItemTtl);
    }

    private Read readThroughDax(String id) {
        return read(JSON.createObjectNode().put("action", "read").put("id", id).put("via", "dax"), session.now());
    }

    /** Puts the product in the table itself, as another writer than the function would. */
    private void putDirectly(String id, String name) {
        session.write(new OwnProduct(table, id), () -> session.client(DynamoDbClient.class).putItem(r -> r.tableName(table)
                .item(Map.of("id", AttributeValue.fromS(id), "name", AttributeValue.fromS(name)))));
    }

    /** Writes the product through the function's write path, which writes the table and the cache. */
    private void writeThrough(String id, String name) {
        ObjectNode event = JSON.createObjectNode().put("action", "write");
        event.putObject("item").put("id", id).put("name", name);
        session.write(List.of(new OwnProduct(table, id), new OwnCacheEntry(function, id)), () -> invoke(function, event));
    }

    /** Reads the product through the function; {@code set} is when the verifier began the call that set its entry. */
    private Read read(String id, Instant set) {
        return read(JSON.createObjectNode().put("action", "read").put("id", id), set);
    }

    private Read read(ObjectNode event, Instant set) {
        JsonNode answer = invoke(function, event);
        if (answer.has("errorMessage")) {
            return Read.failed(answer.path("errorMessage").asText());
        }
        JsonNode ttl = answer.path("ttl");
        return new Read(answer.path("source").asText(null), answer.path("item").path("name").asText(null),
                ttl.isIntegralNumber() ? ttl.asInt() : null, null, Duration.between(set, session.now()));
    }

    /** Invokes the function and reads its answer; a function that failed answers its error object. */
    private JsonNode invoke(String functionName, JsonNode event) {
        InvokeResponse response = session.client(LambdaClient.class).invoke(r -> r.functionName(functionName)
                .payload(SdkBytes.fromUtf8String(event.toString())));
        try {
            JsonNode answer = JSON.readTree(response.payload().asUtf8String());
            return answer == null || !answer.isObject() ? JSON.createObjectNode().put("errorMessage",
                    "answered " + response.payload().asUtf8String()) : answer;
        } catch (IOException e) {
            throw new UncheckedIOException("function " + functionName + " answered no JSON", e);
        }
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of("id", AttributeValue.fromS(id));
    }

    /** A product the verifier put in the learner's table, deleted by its exact key. */
    public record OwnProduct(String table, String id) implements Write {
        @Override
        public void undo(Session s) {
            try {
                s.client(DynamoDbClient.class).deleteItem(r -> r.tableName(table).key(key(id)));
            } catch (ResourceNotFoundException e) {
                // The table is gone, and the product with it.
            }
        }

        @Override
        public String describe() {
            return "product " + id + " in table " + table;
        }
    }

    /**
     * A cache entry the verifier made through the function, evicted through it (the instructions' evict
     * action); a function without one leaves the entry to its TTL.
     */
    public record OwnCacheEntry(String function, String id) implements Write {
        @Override
        public void undo(Session s) {
            try {
                s.client(LambdaClient.class).invoke(r -> r.functionName(function).payload(SdkBytes.fromUtf8String(
                        JSON.createObjectNode().put("action", "evict").put("id", id).toString())));
            } catch (software.amazon.awssdk.services.lambda.model.ResourceNotFoundException e) {
                // The function is gone; the entry ends with its TTL.
            }
        }

        @Override
        public String describe() {
            return "cache entry of product " + id + " through function " + function;
        }
    }
}
