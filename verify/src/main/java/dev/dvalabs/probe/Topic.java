package dev.dvalabs.probe;

import java.util.List;
import software.amazon.awssdk.arns.Arn;

/** An SNS topic as GetTopicAttributes and ListSubscriptionsByTopic showed it once. */
public record Topic(String name, Arn arn, boolean fifo, List<Subscription> subscriptions) {

    /** The topic's subscriptions of one protocol ("sqs"). */
    public List<Subscription> subscriptions(String protocol) {
        return subscriptions.stream().filter(s -> protocol.equals(s.protocol())).toList();
    }
}
