package dev.dvalabs.exercises.kinesisstreamsfirehose;

import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.exercises.kinesisstreamsfirehose.KinesisStreamsFirehoseVerifier.Resharding;
import dev.dvalabs.exercises.kinesisstreamsfirehose.KinesisStreamsFirehoseVerifier.RetentionLimits;
import dev.dvalabs.probe.Answers;
import dev.dvalabs.targets.Target;
import dev.dvalabs.verify.RunMarker;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamRequest;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamSummary;
import software.amazon.awssdk.services.kinesis.model.Tag;

/**
 * The verifier's own temporary stream, for what must never be tried on the learner's: a retention
 * outside the allowed range (an emulator that accepted it would change the stream) and resharding.
 * It is named by the run's mark ({@code dva-labs-verify-<start>-<random>}) and tagged with the exercise and the run, so that the next
 * verify, or destroy, can tell it is the verifier's and remove it when a verify could not. Removing it
 * is safe to ask twice and from another thread; after {@link #close()} none is made any more.
 */
final class ScratchStream implements AutoCloseable {

    /** Marks the verifier's temporary stream with the run that made it. */
    static final String TAG_VERIFY_RUN = "dva-labs:verify-run";
    static final String NAME_PREFIX = RunMarker.PREFIX;
    static final int TOO_LONG_HOURS = 8761;
    static final int TOO_SHORT_HOURS = 23;
    /** Creating a stream and splitting a shard take AWS a few seconds to half a minute; an emulator none. */
    private static final WaiterOverrideConfiguration ACTIVE_WITHIN = WaiterOverrideConfiguration.builder()
            .maxAttempts(90).backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofSeconds(2))).build();

    private final String exerciseId;
    private final Object lock = new Object();
    private Target target;
    private String name;
    private boolean closed;

    ScratchStream(String exerciseId) {
        this.exerciseId = exerciseId;
    }

    /** Makes the temporary stream of one shard, tagged, and waits until it is ACTIVE. */
    void create(Target where, KinesisClient kinesis, String run) {
        String stream = run;
        Map<String, String> tags = Map.of(ExerciseStack.TAG_EXERCISE, exerciseId, TAG_VERIFY_RUN, run);
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("verify was interrupted and has removed its temporary stream; it makes no more");
            }
            target = where;
            name = stream;
            kinesis.createStream(r -> r.streamName(stream).shardCount(1).tags(tags));
        }
        kinesis.waiter().waitUntilStreamExists(DescribeStreamRequest.builder().streamName(stream).build(), ACTIVE_WITHIN);
        // ministack drops CreateStream's tags; AddTagsToStream keeps them (on AWS it changes nothing).
        kinesis.addTagsToStream(r -> r.streamName(stream).tags(tags));
    }

    /** What Kinesis answers a retention above 8760 hours and one below 24. */
    RetentionLimits retentionLimits(KinesisClient kinesis) {
        return new RetentionLimits(
                Answers.of(() -> kinesis.increaseStreamRetentionPeriod(r -> r.streamName(name).retentionPeriodHours(TOO_LONG_HOURS))),
                Answers.of(() -> kinesis.decreaseStreamRetentionPeriod(r -> r.streamName(name).retentionPeriodHours(TOO_SHORT_HOURS))));
    }

    /** Splits the one shard in the middle of its range, and reads what became of the shards. */
    Resharding split(KinesisClient kinesis) {
        ClickStream shards = new ClickStream(kinesis, name, "");
        List<Shard> before = ClickStream.open(shards.shards());
        Shard parent = before.get(0);
        BigInteger low = new BigInteger(parent.hashKeyRange().startingHashKey());
        BigInteger high = new BigInteger(parent.hashKeyRange().endingHashKey());
        String middle = low.add(high).shiftRight(1).add(BigInteger.ONE).toString();
        kinesis.splitShard(r -> r.streamName(name).shardToSplit(parent.shardId()).newStartingHashKey(middle));
        kinesis.waiter().waitUntilStreamExists(DescribeStreamRequest.builder().streamName(name).build(), ACTIVE_WITHIN);
        List<Shard> after = shards.shards();
        Optional<Shard> parentAfter = after.stream().filter(s -> s.shardId().equals(parent.shardId())).findFirst();
        String state = parentAfter.map(s -> ClickStream.open(List.of(s)).isEmpty() ? "closed" : "open")
                .orElse("gone (not listed)");
        return new Resharding(before.size(), ClickStream.open(after).size(), state);
    }

    /** Deletes the temporary stream, if one was made, and makes none afterwards. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
        }
        remove();
    }

    /** Deletes the temporary stream, if one was made. */
    void remove() {
        String stream;
        Target where;
        synchronized (lock) {
            stream = name;
            where = target;
            name = null;
        }
        if (stream != null) {
            try (KinesisClient kinesis = where.client(KinesisClient.builder())) {
                delete(kinesis, stream);
            }
        }
    }

    /**
     * Deletes the temporary streams earlier verifies of this exercise left (a JVM killed outright), each
     * only when its name carries a run mark older than any verify runs (never a verify running now,
     * elsewhere) and its own tags say it is one: the exercise's tag and a verify run's.
     */
    void removeLeftovers(KinesisClient kinesis) {
        Instant now = Instant.now();
        for (StreamSummary summary : kinesis.listStreamsPaginator(r -> r.limit(100)).streamSummaries()) {
            if (RunMarker.isLeftover(summary.streamName(), now) && verifiers(kinesis, summary.streamName())) {
                delete(kinesis, summary.streamName());
            }
        }
    }

    private boolean verifiers(KinesisClient kinesis, String stream) {
        try {
            List<Tag> tags = kinesis.listTagsForStream(r -> r.streamName(stream).limit(50)).tags();
            return tags.stream().anyMatch(t -> t.key().equals(ExerciseStack.TAG_EXERCISE) && t.value().equals(exerciseId))
                    && tags.stream().anyMatch(t -> t.key().equals(TAG_VERIFY_RUN));
        } catch (ResourceNotFoundException gone) {
            return false;
        }
    }

    private static void delete(KinesisClient kinesis, String stream) {
        try {
            kinesis.deleteStream(r -> r.streamName(stream).enforceConsumerDeletion(true));
        } catch (ResourceNotFoundException gone) {
            // Removed already, by an earlier close or by destroy.
        }
    }
}
