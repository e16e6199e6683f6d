package dev.dvalabs.probe;

import java.util.List;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;

/**
 * A Kinesis data stream as DescribeStreamSummary and ListShards showed it once: its retention, capacity mode
 * and every shard, closed ones included.
 */
public record Stream(String name, String arn, int retentionHours, String mode, List<Shard> shards) {

    /** A stream from its summary and its shards; a summary without a mode is a provisioned stream (older APIs and emulators). */
    public static Stream of(StreamDescriptionSummary summary, List<Shard> shards) {
        return new Stream(summary.streamName(), summary.streamARN(), summary.retentionPeriodHours(),
                summary.streamModeDetails() == null ? "PROVISIONED" : summary.streamModeDetails().streamModeAsString(),
                List.copyOf(shards));
    }

    /** The open shards: those without an ending sequence number. */
    public List<Shard> openShards() {
        return open(shards);
    }

    public int openShardCount() {
        return openShards().size();
    }

    public static List<Shard> open(List<Shard> shards) {
        return shards.stream().filter(s -> s.sequenceNumberRange() == null || s.sequenceNumberRange().endingSequenceNumber() == null)
                .toList();
    }
}
