package dev.dvalabs.destroy;

import dev.dvalabs.targets.Target;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.StreamSummary;
import software.amazon.awssdk.services.kinesis.model.Tag;

/** Kinesis data streams, by {@code arn:aws:kinesis:region:account:stream/name}. */
public final class KinesisSweeper implements Sweeper {

    @Override
    public String service() {
        return "kinesis";
    }

    @Override
    public Optional<Map<String, String>> tags(Target target, String arn) {
        try (KinesisClient kinesis = target.client(KinesisClient.builder())) {
            // At most 50 tags a stream, and the first page holds 50.
            return Optional.of(kinesis.listTagsForStream(r -> r.streamARN(arn).limit(50)).tags().stream()
                    .collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b)));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public Swept delete(Target target, String arn) {
        try (KinesisClient kinesis = target.client(KinesisClient.builder())) {
            kinesis.deleteStream(r -> r.streamARN(arn).enforceConsumerDeletion(true));
            return Swept.deleted();
        } catch (ResourceNotFoundException e) {
            return Swept.alreadyGone();
        }
    }

    /** ministack's tagging index lists no Kinesis streams: the toolkit's own names are listed here instead. */
    @Override
    public List<String> listed(Target target) {
        try (KinesisClient kinesis = target.client(KinesisClient.builder())) {
            return kinesis.listStreamsPaginator(r -> r.limit(100)).streamSummaries().stream()
                    .filter(s -> s.streamName().startsWith(TOOLKIT_NAMES)).map(StreamSummary::streamARN).toList();
        }
    }
}
