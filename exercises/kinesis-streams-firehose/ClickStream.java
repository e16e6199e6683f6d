package dev.dvalabs.exercises.kinesisstreamsfirehose;

import dev.dvalabs.exercises.kinesisstreamsfirehose.KinesisStreamsFirehoseVerifier.Resharding;
import dev.dvalabs.exercises.kinesisstreamsfirehose.KinesisStreamsFirehoseVerifier.Resume;
import dev.dvalabs.exercises.kinesisstreamsfirehose.KinesisStreamsFirehoseVerifier.Routing;
import dev.dvalabs.probe.Kinesis;
import dev.dvalabs.probe.Stream;
import dev.dvalabs.verify.Session;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * The behaviour the notes teach about a stream, shown with the verifier's own records (their data and
 * partition keys start with the run's mark): routing by the MD5 of the partition key and a reader resuming
 * after its checkpoint on the learner's stream; resharding on a stream of the verifier's own.
 */
final class ClickStream {

    static final int RESUMED_RECORDS = 4;
    static final int READ_BEFORE_CHECKPOINT = 2;
    private static final Duration READ_PATIENCE = Duration.ofSeconds(20);

    private final Session session;
    private final Kinesis kinesis;
    private final String run;

    ClickStream(Session session, Kinesis kinesis) {
        this.session = session;
        this.kinesis = kinesis;
        this.run = session.marker().value();
    }

    /**
     * One record put for each open shard, with a partition key whose MD5 falls into that shard's range,
     * and two more: where Kinesis put each, against the shard whose range holds its key's MD5.
     */
    Routing routing(Stream stream) {
        List<Shard> open = stream.openShards();
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
            PutRecordResponse put = kinesis.put(stream.name(), key, click(key));
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
    Resume resume(Stream stream) {
        String key = run + "-seq";
        List<String> sequenceNumbers = new ArrayList<>();
        String shard = null;
        for (int i = 1; i <= RESUMED_RECORDS; i++) {
            PutRecordResponse put = kinesis.put(stream.name(), key, click(key + "-" + i));
            sequenceNumbers.add(put.sequenceNumber());
            shard = put.shardId();
        }
        boolean increasing = true;
        for (int i = 1; i < sequenceNumbers.size(); i++) {
            increasing &= new BigInteger(sequenceNumbers.get(i)).compareTo(new BigInteger(sequenceNumbers.get(i - 1))) > 0;
        }
        Kinesis.Reading first = kinesis.readBack(session, stream.name(), shard, ShardIteratorType.AT_SEQUENCE_NUMBER,
                sequenceNumbers.get(0), READ_BEFORE_CHECKPOINT, r -> r.partitionKey().equals(key),
                read -> read.size() >= READ_BEFORE_CHECKPOINT, READ_PATIENCE);
        List<String> second = first.checkpoint() == null ? List.of()
                : labels(kinesis.readBack(session, stream.name(), shard, ShardIteratorType.AFTER_SEQUENCE_NUMBER,
                        first.checkpoint(), null, r -> r.partitionKey().equals(key),
                        read -> read.size() >= RESUMED_RECORDS - first.records().size(), READ_PATIENCE), key);
        return new Resume(increasing, labels(first, key), second);
    }

    /** The number each record read carries after its key: "1" for the key's first record. */
    private static List<String> labels(Kinesis.Reading reading, String key) {
        return reading.records().stream().map(Record::data).map(SdkBytes::asUtf8String)
                .map(data -> data.substring(data.indexOf(key + "-") + key.length() + 1, data.indexOf('"', data.indexOf(key + "-"))))
                .toList();
    }

    /** Splits the one shard of the verifier's stream in the middle of its range, and reads what became of the shards. */
    Resharding split(Stream own) {
        Shard parent = own.openShards().get(0);
        BigInteger low = new BigInteger(parent.hashKeyRange().startingHashKey());
        BigInteger high = new BigInteger(parent.hashKeyRange().endingHashKey());
        String middle = low.add(high).shiftRight(1).add(BigInteger.ONE).toString();
        session.client(KinesisClient.class).splitShard(r -> r.streamName(own.name()).shardToSplit(parent.shardId())
                .newStartingHashKey(middle));
        kinesis.waitActive(own.name());
        Stream after = kinesis.read(own.name());
        Optional<Shard> parentAfter = after.shards().stream().filter(s -> s.shardId().equals(parent.shardId())).findFirst();
        String state = parentAfter.map(s -> Stream.open(List.of(s)).isEmpty() ? "closed" : "open").orElse("gone (not listed)");
        return new Resharding(own.openShardCount(), after.openShardCount(), state);
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
