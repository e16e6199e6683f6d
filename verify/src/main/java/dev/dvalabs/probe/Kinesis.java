package dev.dvalabs.probe;

import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Session;
import dev.dvalabs.verify.Write;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamRequest;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Kinesis Data Streams as the verifiers use it: a stream read once into a {@link Stream}, a stream of the
 * verifier's own for what must never be tried on a learner's, and "put a record and read it back".
 * A record cannot be deleted: it stays until the retention ends, marked as the verifier's.
 */
public final class Kinesis {

    /** Creating a stream and splitting a shard take AWS a few seconds to half a minute; an emulator none. */
    public static final WaiterOverrideConfiguration ACTIVE_WITHIN = WaiterOverrideConfiguration.builder()
            .maxAttempts(90).backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofSeconds(2))).build();
    private static final Duration READ_INTERVAL = Duration.ofMillis(250);

    private final KinesisClient kinesis;

    public Kinesis(KinesisClient kinesis) {
        this.kinesis = kinesis;
    }

    /** The stream of this name with its shards, or what Kinesis answered, naming the stream. */
    public Fact<Stream> stream(String name) {
        return Fact.about("stream " + name, () -> read(name));
    }

    public Stream read(String name) {
        return Stream.of(kinesis.describeStreamSummary(r -> r.streamName(name)).streamDescriptionSummary(), shards(name));
    }

    private List<Shard> shards(String stream) {
        List<Shard> shards = new ArrayList<>();
        ListShardsResponse page = kinesis.listShards(r -> r.streamName(stream));
        shards.addAll(page.shards());
        while (page.nextToken() != null) {
            String token = page.nextToken();
            page = kinesis.listShards(r -> r.nextToken(token));
            shards.addAll(page.shards());
        }
        return shards;
    }

    /**
     * A stream of the verifier's own, of one shard, named by the run's mark and tagged: journaled before it is
     * made, deleted when the session ends. Waits until it is ACTIVE.
     */
    public Stream ownStream(Session session, String role, Map<String, String> tags) {
        String name = session.marker().value() + "-" + role;
        session.write(new OwnStream(name), () -> kinesis.createStream(r -> r.streamName(name).shardCount(1).tags(tags)));
        waitActive(name);
        // ministack drops CreateStream's tags; AddTagsToStream keeps them (on AWS it changes nothing).
        kinesis.addTagsToStream(r -> r.streamName(name).tags(tags));
        return read(name);
    }

    /** Waits, with the SDK's waiter, until the stream is ACTIVE again (after a create or a reshard). */
    public void waitActive(String stream) {
        kinesis.waiter().waitUntilStreamExists(DescribeStreamRequest.builder().streamName(stream).build(), ACTIVE_WITHIN);
    }

    /** A stream of the verifier's own, by its exact name. */
    public record OwnStream(String name) implements Write {
        @Override
        public void undo(Session session) {
            try {
                session.client(KinesisClient.class).deleteStream(r -> r.streamName(name).enforceConsumerDeletion(true));
            } catch (ResourceNotFoundException gone) {
                // never made, or deleted already
            }
        }

        @Override
        public String describe() {
            return "the verifier's stream " + name;
        }
    }

    /** Puts one record; where it went. */
    public PutRecordResponse put(String stream, String partitionKey, SdkBytes data) {
        return kinesis.putRecord(r -> r.streamName(stream).partitionKey(partitionKey).data(data));
    }

    /** What one reader read, and the sequence number of the last record it saw (its checkpoint), null when none. */
    public record Reading(List<Record> records, String checkpoint) {}

    /**
     * Reads a shard back from a position ({@code AT_SEQUENCE_NUMBER}, {@code AFTER_SEQUENCE_NUMBER} of
     * {@code sequenceNumber}), {@code limit} records a call (null: no limit), keeping the records {@code keep}
     * accepts, until {@code done} holds for them, the shard ends or the session's poll runs out. GetRecords may
     * answer empty while records are there; its next iterator goes on from where it stood.
     */
    public Reading readBack(Session session, String stream, String shard, ShardIteratorType type, String sequenceNumber,
                            Integer limit, Predicate<Record> keep, Predicate<List<Record>> done, Duration patience) {
        List<Record> kept = new ArrayList<>();
        String[] next = {kinesis.getShardIterator(r -> r.streamName(stream).shardId(shard).shardIteratorType(type)
                .startingSequenceNumber(sequenceNumber)).shardIterator()};
        String[] checkpoint = {null};
        session.poll(patience, READ_INTERVAL).last(() -> {
            GetRecordsResponse batch = kinesis.getRecords(r -> r.shardIterator(next[0]).limit(limit));
            for (Record record : batch.records()) {
                if (keep.test(record)) {
                    kept.add(record);
                }
                checkpoint[0] = record.sequenceNumber();
            }
            next[0] = batch.nextShardIterator();
            return done.test(kept) || next[0] == null;
        }, Boolean::booleanValue);
        return new Reading(List.copyOf(kept), checkpoint[0]);
    }
}
