package dev.dvalabs.destroy;

import dev.dvalabs.targets.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.ListDeliveryStreamsResponse;
import software.amazon.awssdk.services.firehose.model.ResourceNotFoundException;
import software.amazon.awssdk.services.firehose.model.Tag;

/** Firehose delivery streams, by {@code arn:aws:firehose:region:account:deliverystream/name}. */
public final class FirehoseSweeper implements Sweeper {

    @Override
    public String service() {
        return "firehose";
    }

    @Override
    public Optional<Map<String, String>> tags(Target target, String arn) {
        try (FirehoseClient firehose = target.client(FirehoseClient.builder())) {
            // At most 50 tags a delivery stream, and the first page holds 50.
            return Optional.of(firehose.listTagsForDeliveryStream(r -> r.deliveryStreamName(name(arn)).limit(50)).tags()
                    .stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b)));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public Swept delete(Target target, String arn) {
        try (FirehoseClient firehose = target.client(FirehoseClient.builder())) {
            firehose.deleteDeliveryStream(r -> r.deliveryStreamName(name(arn)));
            return Swept.deleted();
        } catch (ResourceNotFoundException e) {
            return Swept.alreadyGone();
        }
    }

    /** ministack's tagging index lists no delivery streams: the toolkit's own names are listed here instead. */
    @Override
    public List<String> listed(Target target) {
        List<String> arns = new ArrayList<>();
        try (FirehoseClient firehose = target.client(FirehoseClient.builder())) {
            String after = null;
            ListDeliveryStreamsResponse page;
            do {
                String start = after;
                page = firehose.listDeliveryStreams(r -> r.limit(100).exclusiveStartDeliveryStreamName(start));
                for (String name : page.deliveryStreamNames()) {
                    if (name.startsWith(TOOLKIT_NAMES)) {
                        arns.add(firehose.describeDeliveryStream(r -> r.deliveryStreamName(name))
                                .deliveryStreamDescription().deliveryStreamARN());
                    }
                    after = name;
                }
            } while (Boolean.TRUE.equals(page.hasMoreDeliveryStreams()) && !page.deliveryStreamNames().isEmpty());
        }
        return arns;
    }

    private static String name(String arn) {
        return arn.substring(arn.indexOf(":deliverystream/") + ":deliverystream/".length());
    }
}
