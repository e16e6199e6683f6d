package dev.dvalabs.probe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Session;
import dev.dvalabs.verify.Write;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import software.amazon.awssdk.arns.Arn;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.NotFoundException;

/**
 * SNS as the verifiers use it: a topic read once into a {@link Topic}, the envelope SNS wraps a message in on
 * its way to SQS, topics of the verifier's own, and "publish marked messages and find where they arrive".
 */
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

    /** The topic of this name with its subscriptions, or what SNS answered, naming the topic. */
    public Fact<Topic> topic(String name) {
        return Fact.about("topic " + name, () -> {
            String arn = topicPrefix + name;
            Map<String, String> attributes = sns.getTopicAttributes(r -> r.topicArn(arn)).attributes();
            List<Subscription> subscriptions = new ArrayList<>();
            sns.listSubscriptionsByTopicPaginator(r -> r.topicArn(arn)).subscriptions().forEach(s -> subscriptions.add(
                    subscription(s.subscriptionArn(), s.protocol(), s.endpoint())));
            return new Topic(name, Arn.fromString(arn), Boolean.parseBoolean(attributes.get("FifoTopic")), List.copyOf(subscriptions));
        });
    }

    /** A subscription with its attributes, when it is confirmed (its ARN is one) and SNS shows them. */
    private Subscription subscription(String arn, String protocol, String endpoint) {
        if (Arn.tryFromString(arn).isEmpty()) {
            return new Subscription(arn, protocol, endpoint, false, "");
        }
        Map<String, String> attributes = sns.getSubscriptionAttributes(r -> r.subscriptionArn(arn)).attributes();
        return new Subscription(arn, protocol, endpoint, Boolean.parseBoolean(attributes.get("RawMessageDelivery")),
                attributes.getOrDefault("FilterPolicy", ""));
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

    /** One message to publish: its text (carrying the run's mark), String message attributes, and for a FIFO topic its group and deduplication id. */
    public record Publication(String message, Map<String, String> attributes, String groupId, String deduplicationId) {
        public Publication(String message, Map<String, String> attributes) {
            this(message, attributes, null, null);
        }
    }

    /** The bodies each queue read received of the verifier's messages, by queue name, in the order received. */
    public record Delivery(Map<String, List<String>> bodies) {
        public List<String> in(String queue) {
            return bodies.getOrDefault(queue, List.of());
        }
    }

    /**
     * Publishes the verifier's messages to a learner's topic and takes them out of the queues {@code readFrom}
     * (see {@link Sqs#takeOwn}) until {@code done} holds for each queue's bodies, then {@code settle} longer.
     * Before publishing it reads every queue the messages could reach (those read and every SQS queue
     * subscribed to the topic): when one holds messages that are not the verifier's, it publishes nothing and
     * the fact is withheld, saying what to drain. What it publishes is journaled, per queue, before it is.
     */
    public Fact<Delivery> publishAndFind(Session session, Sqs sqs, Topic topic, List<Publication> publications,
                                         List<Queue> readFrom, Duration patience, Duration settle,
                                         BiPredicate<String, List<String>> done) {
        Map<String, Queue> reached = new LinkedHashMap<>();
        readFrom.forEach(q -> reached.put(q.url(), q));
        for (Subscription s : topic.subscriptions("sqs")) {
            s.endpointArn().filter(arn -> arn.accountId().equals(topic.arn().accountId()))
                    .map(sqs::queue).filter(q -> !q.refused()).map(Fact::value).ifPresent(q -> reached.putIfAbsent(q.url(), q));
        }
        List<Write> writes = new ArrayList<>();
        List<String> messages = publications.stream().map(Publication::message).toList();
        for (Queue queue : reached.values()) {
            Queue now = sqs.again(queue);
            if (now.held() > 0) {
                return Fact.withheld(Sqs.crowded(now, now.held()));
            }
            writes.add(new Sqs.SentMessages(queue.url(), messages, List.of()));
        }
        session.write(writes, () -> {
            publications.forEach(p -> publish(topic, p));
            return null;
        });
        Map<String, List<String>> bodies = new LinkedHashMap<>();
        for (Queue queue : readFrom) {
            Sqs.Taken taken = sqs.takeOwn(session, queue, body -> messages.contains(message(body)), publications.size(),
                    patience, settle, b -> done.test(queue.name(), b));
            if (!taken.complete()) {
                return Fact.withheld(taken.crowded());
            }
            bodies.put(queue.name(), taken.bodies());
        }
        return Fact.of(new Delivery(Map.copyOf(bodies)));
    }

    private void publish(Topic topic, Publication p) {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        p.attributes().forEach((k, v) -> attributes.put(k, MessageAttributeValue.builder().dataType("String").stringValue(v).build()));
        sns.publish(r -> r.topicArn(topic.arn().toString()).message(p.message()).messageAttributes(attributes)
                .messageGroupId(p.groupId()).messageDeduplicationId(p.deduplicationId()));
    }

    /** A topic of the verifier's own, named by the run's mark, journaled and deleted when the session ends; its ARN. */
    public String ownTopic(Session session, String role) {
        String name = session.marker().value() + "-" + role;
        String arn = topicPrefix + name;
        session.write(new OwnTopic(arn), () -> sns.createTopic(r -> r.name(name)));
        return arn;
    }

    /** A topic of the verifier's own, by its exact ARN. */
    public record OwnTopic(String arn) implements Write {
        @Override
        public void undo(Session session) {
            try {
                session.client(SnsClient.class).deleteTopic(r -> r.topicArn(arn));
            } catch (NotFoundException gone) {
                // never made, or deleted already
            }
        }

        @Override
        public String describe() {
            return "the verifier's topic " + arn;
        }
    }

    /** What publishing {@code message} to {@code topicArn} answered: {@link Answers#ACCEPTED} or the refusal. */
    public String tryPublish(String topicArn, String message) {
        return Answers.of(() -> sns.publish(p -> p.topicArn(topicArn).message(message)));
    }
}
