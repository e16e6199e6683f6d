package dev.dvalabs.exercises.kinesisstreamsfirehose;

import dev.dvalabs.exercises.kinesisstreamsfirehose.KinesisStreamsFirehoseVerifier.Resume;
import dev.dvalabs.exercises.kinesisstreamsfirehose.KinesisStreamsFirehoseVerifier.Routing;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * The learner's stream: its shards, and the behaviour the notes teach, shown with the verifier's own
 * records (their data and partition keys start with {@code dva-labs-verify-}). Kinesis cannot delete a
 * record: they stay until the stream's retention ends, marked as the verifier's.
 */
final class ClickStream {

    static final int RESUMED_RECORDS = 4;
    static final int READ_BEFORE_CHECKPOINT = 2;
    private static final Duration READ_PATIENCE = Duration.ofSeconds(20);
    private static final Duration READ_INTERVAL = Duration.ofMillis(250);

    private final KinesisClient kinesis;
    private final String stream;
    private final String run;

    ClickStream(KinesisClient kinesis, String stream, String run) {
        this.kinesis = kinesis;
        this.stream = stream;
        this.run = run;
    }

    /** Every shard ListShards gives, closed ones included. */
    List<Shard> shards() {
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

    /** Open shards: those without an ending sequence number. */
    static List<Shard> open(List<Shard> shards) {
        return shards.stream().filter(s -> s.sequenceNumberRange() == null || s.sequenceNumberRange().endingSequenceNumber() == null)
                .toList();
    }

    /**
     * One record put for each open shard, with a partition key whose MD5 falls into that shard's range,
     * and two more: where Kinesis put each, against the shard whose range holds its key's MD5.
     */
    Routing routing(List<Shard> shards) {
        List<Shard> open = open(shards);
        Map<String, String> keys = new LinkedHashMap<>();
        for (int i = 0; i < 256 && keys.size() < open.size() + 2; i++) {
            String key = run + "-key-" + i;
            String holder = holder(open, key);
            if (!keys.containsValue(holder) || keys.size() >= open.size()) {
                keys.put(key, holder);
            }
        }
        List<String> misrouted = new ArrayList<>();
        keys.forEach((key, holder) -> {
            PutRecordResponse put = kinesis.putRecord(r -> r.streamName(stream).partitionKey(key).data(click(key)));
            if (!put.shardId().equals(holder)) {
                misrouted.add(key + " (MD5 in " + holder + ") on " + put.shardId());
            }
        });
        return new Routing(keys.size(), misrouted);
    }

    /**
     * Records put with one partition key, read from their shard up to a checkpoint after the second,
     * then by a new reader from AFTER_SEQUENCE_NUMBER of that checkpoint, as a consumer resumes.
     */
    Resume resume() {
        String key = run + "-seq";
        List<String> sequenceNumbers = new ArrayList<>();
        String shard = null;
        for (int i = 1; i <= RESUMED_RECORDS; i++) {
            int n = i;
            PutRecordResponse put = kinesis.putRecord(r -> r.streamName(stream).partitionKey(key).data(click(key + "-" + n)));
            sequenceNumbers.add(put.sequenceNumber());
            shard = put.shardId();
        }
        boolean increasing = true;
        for (int i = 1; i < sequenceNumbers.size(); i++) {
            increasing &= new BigInteger(sequenceNumbers.get(i)).compareTo(new BigInteger(sequenceNumbers.get(i - 1))) > 0;
        }
        String onShard = shard;
        Reading first = read(iterator(onShard, ShardIteratorType.AT_SEQUENCE_NUMBER, sequenceNumbers.get(0)), key,
                READ_BEFORE_CHECKPOINT, READ_BEFORE_CHECKPOINT);
        Reading second = first.checkpoint() == null ? new Reading(List.of(), null)
                : read(iterator(onShard, ShardIteratorType.AFTER_SEQUENCE_NUMBER, first.checkpoint()), key,
                        RESUMED_RECORDS - first.labels().size(), null);
        return new Resume(increasing, first.labels(), second.labels());
    }

    /** What one reader read of the verifier's records, and the sequence number of the last record it processed. */
    private record Reading(List<String> labels, String checkpoint) {}

    /**
     * Reads from an iterator, {@code limit} records a call (null: no limit), until {@code wanted} of the
     * verifier's records with this key are read or the patience runs out. GetRecords may answer empty
     * while records are there; its next iterator goes on from where it stood.
     */
    private Reading read(String iterator, String key, int wanted, Integer limit) {
        List<String> labels = new ArrayList<>();
        String[] next = {iterator};
        String[] checkpoint = {null};
        Patience.until(READ_PATIENCE, READ_INTERVAL, () -> {
            GetRecordsResponse batch = kinesis.getRecords(r -> r.shardIterator(next[0]).limit(limit));
            for (Record record : batch.records()) {
                String data = record.data().asUtf8String();
                if (record.partitionKey().equals(key)) {
                    labels.add(data.substring(data.indexOf(key + "-") + key.length() + 1, data.indexOf('"', data.indexOf(key + "-"))));
                }
                checkpoint[0] = record.sequenceNumber();
            }
            next[0] = batch.nextShardIterator();
            return labels.size();
        }, read -> read >= wanted || next[0] == null);
        return new Reading(labels, checkpoint[0]);
    }

    private String iterator(String shard, ShardIteratorType type, String sequenceNumber) {
        return kinesis.getShardIterator(r -> r.streamName(stream).shardId(shard).shardIteratorType(type)
                .startingSequenceNumber(sequenceNumber)).shardIterator();
    }

    /** The open shard whose hash key range holds the MD5 of the partition key, as Kinesis routes it. */
    static String holder(List<Shard> open, String partitionKey) {
        BigInteger hash = md5(partitionKey);
        return open.stream().filter(s -> hash.compareTo(new BigInteger(s.hashKeyRange().startingHashKey())) >= 0
                        && hash.compareTo(new BigInteger(s.hashKeyRange().endingHashKey())) <= 0)
                .map(Shard::shardId).findFirst().orElse("no open shard");
    }

    static BigInteger md5(String partitionKey) {
        try {
            return new BigInteger(1, MessageDigest.getInstance("MD5").digest(partitionKey.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has MD5", e);
        }
    }

    /** A click of the verifier's, as the transform function expects one: a JSON object. */
    static SdkBytes click(String id) {
        return SdkBytes.fromUtf8String("{\"click\":\"" + id + "\",\"page\":\"/written-by-dva-labs-verify\"}");
    }
}
