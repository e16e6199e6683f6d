package dev.dvalabs.probe;

import java.util.Optional;
import software.amazon.awssdk.arns.Arn;

/**
 * One subscription of a topic: its protocol and endpoint (a queue's ARN for {@code sqs}), and, once confirmed,
 * whether it delivers raw and its filter policy ("" when none).
 */
public record Subscription(String arn, String protocol, String endpoint, boolean rawMessageDelivery, String filterPolicy) {

    /** The endpoint as an ARN, for the protocols whose endpoint is one (sqs, lambda, firehose). */
    public Optional<Arn> endpointArn() {
        return Arn.tryFromString(endpoint);
    }
}
