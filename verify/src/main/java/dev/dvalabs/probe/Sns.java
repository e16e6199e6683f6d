package dev.dvalabs.probe;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.Optional;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;

/** SNS as the verifiers use it: topics by name, and the envelope SNS wraps a message in on its way to SQS. */
public final class Sns {

    private final SnsClient sns;
    private final String topicPrefix;

    /** SNS in this account and region: topic ARNs are {@code arn:<partition>:sns:<region>:<account>:<name>}. */
    public Sns(SnsClient sns, Region region, String account) {
        this.sns = sns;
        this.topicPrefix = "arn:" + PartitionMetadata.of(region).id() + ":sns:" + region.id() + ":" + account + ":";
    }

    /** The topic's ARN, after SNS confirmed the topic exists. */
    public String topicArn(String name) {
        String arn = topicPrefix + name;
        sns.getTopicAttributes(r -> r.topicArn(arn));
        return arn;
    }

    /** The SNS envelope a body is, when it is one. */
    public static Optional<JsonNode> envelope(String body) {
        return Json.object(body).filter(n -> n.has("Type") && n.has("Message"));
    }

    /** The published message a body carries: the envelope's Message, or the body itself under raw delivery. */
    public static String message(String body) {
        return envelope(body).map(e -> e.path("Message").asText()).orElse(body);
    }

    public static boolean carries(String body, String message) {
        return message(body).equals(message);
    }

    public static boolean carries(Collection<String> bodies, String message) {
        return bodies.stream().anyMatch(b -> carries(b, message));
    }
}
