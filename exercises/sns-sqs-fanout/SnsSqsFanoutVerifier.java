package dev.dvalabs.exercises.snssqsfanout;

import dev.dvalabs.verify.Check;
import dev.dvalabs.verify.CheckResult;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Verifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dvalabs.probe.Answers;
import dev.dvalabs.probe.Json;
import dev.dvalabs.probe.Sns;
import dev.dvalabs.probe.Sqs;
import dev.dvalabs.targets.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;
import software.amazon.awssdk.arns.Arn;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * sns-sqs-fanout: one topic fanned out to a billing queue and a filtered, raw shipping queue; a
 * dead-letter queue, timeouts set on purpose and long polling on the billing queue; a FIFO topic
 * feeding a FIFO queue. The verifier publishes and sends its own messages and deletes them again.
 */
public final class SnsSqsFanoutVerifier implements Verifier<SnsSqsFanoutVerifier.Observed> {

    public static final String FILTER_ATTRIBUTE = "status";
    public static final String FILTER_VALUE = "SHIPPED";
    static final int MAX_MESSAGE_BYTES = 256 * 1024;
    static final int DEFAULT_VISIBILITY_TIMEOUT = 30;
    static final int MAX_VISIBILITY_TIMEOUT = 43_200;
    static final int DEFAULT_RETENTION = 345_600;
    static final int MIN_RETENTION = 60;
    static final int MAX_RETENTION = 1_209_600;
    static final int LONG_POLL = 20;
    /** The visibility timeouts the verifier waits out to see a message return; longer ones would slow every run. */
    static final int SHORTEST_TIMEOUT_WAITED = 2;
    static final int LONGEST_TIMEOUT_WAITED = 10;
    /** The most receives the verifier makes to push a message to the dead-letter queue. */
    static final int MOST_RECEIVES = 10;
    static final int FIFO_DUPLICATE = 3;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the verifier saw; each fact is a value or the refusal AWS answered with. */
    public record Observed(
            Fact<Map<String, String>> billing,
            Fact<String> deadLetterQueueArn,
            Fact<List<QueuePolicy>> policies,
            Fact<Fanout> fanout,
            Fact<Visibility> visibility,
            Fact<Redrive> redrive,
            Fact<LongPoll> longPoll,
            Fact<Sizes> sizes,
            Fact<Fifo> fifo) {}

    /** A subscribed queue's access policy ("" when it has none) and the topic that should be its only sender. */
    public record QueuePolicy(String queue, String topicArn, String policy) {}

    /**
     * Two publishes, one whose {@code status} matches the shipping filter and one that does not, and
     * the bodies each queue received carrying either.
     */
    public record Fanout(String topicArn, String matching, String other, List<String> billing, List<String> shipping) {}

    /**
     * A message received and not deleted: whether a receive during the visibility timeout saw it
     * again, and whether one after the timeout did. {@code waited} is false when the timeout is
     * outside what the verifier waits out.
     */
    public record Visibility(int timeoutSeconds, boolean arrived, boolean hiddenDuringTimeout, boolean waited,
                             boolean backAfterTimeout) {}

    /**
     * A message received again and again without being deleted: how often the billing queue handed it
     * out and whether it then showed up in the dead-letter queue. {@code maxReceiveCount} is 0 without a
     * redrive policy, and then nothing was tried.
     */
    public record Redrive(int maxReceiveCount, int receives, boolean inDeadLetterQueue) {}

    /** A ReceiveMessage with the queue's own wait, made while the only message was still delayed. */
    public record LongPoll(int queueWaitSeconds, long elapsedMillis, boolean delivered) {}

    /** What the queue and the topic answered to messages just over and exactly at 256 KB: "accepted" or the refusal. */
    public record Sizes(String queueOverLimit, String queueAtLimit, String topicOverLimit) {}

    /** Messages published to the FIFO topic in one message group, one of them twice with the same deduplication id, and what the FIFO queue delivered, in order. */
    public record Fifo(List<String> published, String duplicated, List<String> received) {}

    @Override
    public List<Check<Observed>> checks() {
        return List.of(
                new Check<>("fanout", "One publish reaches every subscribed queue",
                        "Grouped by topics - Support different target types and more than one subscriber",
                        "Subscribe both queues to the topic (protocol sqs); a queue gets nothing from SNS unless its policy lets the topic send.",
                        o -> o.fanout().judge("billing and shipping both receive the SHIPPED event", f -> {
                            boolean billing = Sns.carries(f.billing(), f.matching());
                            boolean shipping = Sns.carries(f.shipping(), f.matching());
                            return CheckResult.when(billing && shipping,
                                    "billing " + (billing ? "received it" : "did not receive it")
                                            + ", shipping " + (shipping ? "received it" : "did not receive it"),
                                    "billing received it, shipping received it");
                        })),
                new Check<>("filter-policy", "A filter policy keeps from the shipping queue what it does not want",
                        "Grouped by topics - Allows recipients to subscribe",
                        "Give the shipping subscription the filter policy {\"" + FILTER_ATTRIBUTE + "\": [\"" + FILTER_VALUE
                                + "\"]}; the verifier publishes with the message attribute " + FILTER_ATTRIBUTE + ".",
                        o -> o.fanout().judge("shipping gets SHIPPED only; billing gets both", f -> {
                            boolean billingOther = Sns.carries(f.billing(), f.other());
                            boolean shippingMatching = Sns.carries(f.shipping(), f.matching());
                            boolean shippingOther = Sns.carries(f.shipping(), f.other());
                            return CheckResult.when(billingOther && shippingMatching && !shippingOther,
                                    "billing " + (billingOther ? "got" : "did not get") + " the PLACED event; shipping got "
                                            + (shippingMatching ? "SHIPPED" : "no SHIPPED") + " and "
                                            + (shippingOther ? "PLACED" : "no PLACED"),
                                    "billing got the PLACED event; shipping got SHIPPED and no PLACED");
                        })),
                new Check<>("raw-delivery", "Raw delivery hands over the message itself; without it the SNS envelope arrives",
                        "Push to mobile devices, SMS, email, SQS or HTTP endpoint",
                        "Turn on RawMessageDelivery for the shipping subscription only; billing keeps the envelope"
                                + " (Type, MessageId, TopicArn, Message, ...).",
                        o -> o.fanout().judge("shipping: the bare message; billing: an envelope", f -> {
                            Optional<String> shipping = f.shipping().stream().filter(b -> Sns.carries(b, f.matching())).findFirst();
                            Optional<String> billing = f.billing().stream().filter(b -> Sns.carries(b, f.matching())).findFirst();
                            boolean raw = shipping.map(f.matching()::equals).orElse(false);
                            boolean wrapped = billing.flatMap(Sns::envelope)
                                    .filter(e -> "Notification".equals(e.path("Type").asText())
                                            && f.topicArn().equals(e.path("TopicArn").asText())
                                            && f.matching().equals(e.path("Message").asText()))
                                    .isPresent();
                            return CheckResult.when(raw && wrapped,
                                    "shipping: " + shipping.map(b -> raw ? "the bare message" : "an envelope").orElse("nothing")
                                            + "; billing: " + billing.map(b -> wrapped ? "an envelope" : "no SNS envelope").orElse("nothing"),
                                    "shipping: the bare message; billing: an envelope");
                        })),
                new Check<>("queue-policy", "Each subscribed queue accepts messages only from its topic",
                        "Webservice access to a queue",
                        "Give each queue a policy that allows sqs:SendMessage to the principal sns.amazonaws.com on the"
                                + " condition ArnEquals aws:SourceArn = the topic's ARN, and no statement that lets others send.",
                        o -> o.policies().judge("every queue: SendMessage only for its topic", policies -> {
                            List<String> wrong = policies.stream()
                                    .map(p -> policyProblem(p).map(problem -> p.queue() + ": " + problem))
                                    .flatMap(Optional::stream).toList();
                            return CheckResult.when(wrong.isEmpty(),
                                    wrong.isEmpty() ? policies.size() + " queues, each only for its topic" : String.join("; ", wrong),
                                    "every queue: SendMessage only for its topic");
                        })),
                new Check<>("visibility-timeout", "The billing queue's visibility timeout is set on purpose",
                        "Default time out is 30 s - Maximum time out is 12 hours",
                        "Set VisibilityTimeout on the billing queue to a few seconds (the verifier waits it out; 5 s"
                                + " suits it), not the default 30 s.",
                        o -> o.billing().judge("not 30 s, within 0 s .. 12 h", a -> {
                            int timeout = Sqs.intAttribute(a, QueueAttributeName.VISIBILITY_TIMEOUT, DEFAULT_VISIBILITY_TIMEOUT);
                            return CheckResult.when(timeout != DEFAULT_VISIBILITY_TIMEOUT && timeout >= 0 && timeout <= MAX_VISIBILITY_TIMEOUT,
                                    timeout + " s", "not 30 s, within 0 s .. 12 h");
                        })),
                new Check<>("retention-period", "The billing queue keeps messages for a period chosen on purpose",
                        "Retention is 1 min to 14 days (default 4 days)",
                        "Set MessageRetentionPeriod on the billing queue (for example 1 day, 86400 s); the default is 4 days.",
                        o -> o.billing().judge("not 4 days, within 1 min .. 14 days", a -> {
                            int retention = Sqs.intAttribute(a, QueueAttributeName.MESSAGE_RETENTION_PERIOD, DEFAULT_RETENTION);
                            return CheckResult.when(retention != DEFAULT_RETENTION && retention >= MIN_RETENTION && retention <= MAX_RETENTION,
                                    retention + " s", "not 345600 s, within 60 .. 1209600 s");
                        })),
                new Check<>("long-polling", "Long polling is the billing queue's default",
                        "Long Polling - Doesnt return from request until either timeout or a message sent - Reduces costs",
                        "Set ReceiveMessageWaitTimeSeconds to 20 on the billing queue, so every receive long-polls.",
                        o -> o.billing().judge("ReceiveMessageWaitTimeSeconds 20", a -> {
                            int wait = Sqs.intAttribute(a, QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS, 0);
                            return CheckResult.when(wait == LONG_POLL, "ReceiveMessageWaitTimeSeconds " + wait,
                                    "ReceiveMessageWaitTimeSeconds " + LONG_POLL);
                        })),
                new Check<>("dead-letter-queue", "The billing queue sends failing messages to a dead-letter queue",
                        "If processing fails re-appears after visibility time out",
                        "Give the billing queue a RedrivePolicy with deadLetterTargetArn = the dead-letter queue's ARN and"
                                + " maxReceiveCount 3.",
                        o -> o.billing().judge("RedrivePolicy to the dead-letter queue, maxReceiveCount 1..1000", a -> {
                            String policy = a.getOrDefault(QueueAttributeName.REDRIVE_POLICY.toString(), "");
                            if (policy.isEmpty()) {
                                return CheckResult.fail("no RedrivePolicy", "RedrivePolicy to the dead-letter queue");
                            }
                            return o.deadLetterQueueArn().judge("RedrivePolicy to the dead-letter queue", dlq -> {
                                JsonNode redrive = Json.object(policy).orElse(JSON.createObjectNode());
                                int count = redrive.path("maxReceiveCount").asInt(0);
                                boolean ok = dlq.equals(redrive.path("deadLetterTargetArn").asText()) && count >= 1 && count <= 1000;
                                return CheckResult.when(ok, policy, "deadLetterTargetArn " + dlq + ", maxReceiveCount 1..1000");
                            });
                        })),
                new Check<>("invisible-while-processing", "A received message stays hidden until its visibility timeout passes, then returns",
                        "Messages marked as invisible while being processed - If processing fails re-appears after visibility time out",
                        "Receive without deleting and the message is hidden for VisibilityTimeout seconds; the verifier waits"
                                + " out timeouts of " + SHORTEST_TIMEOUT_WAITED + " to " + LONGEST_TIMEOUT_WAITED + " s.",
                        o -> o.visibility().judge("hidden during the timeout, back after it", v -> {
                            if (!v.arrived()) {
                                return CheckResult.fail("the message sent never arrived", "hidden during the timeout, back after it");
                            }
                            if (!v.waited()) {
                                return CheckResult.fail("visibility timeout " + v.timeoutSeconds() + " s, not waited out",
                                        "a timeout of " + SHORTEST_TIMEOUT_WAITED + " to " + LONGEST_TIMEOUT_WAITED + " s, hidden during it, back after it");
                            }
                            return CheckResult.when(v.hiddenDuringTimeout() && v.backAfterTimeout(),
                                    (v.hiddenDuringTimeout() ? "hidden" : "visible") + " during the " + v.timeoutSeconds() + " s timeout, "
                                            + (v.backAfterTimeout() ? "back" : "not back") + " after it",
                                    "hidden during the timeout, back after it");
                        })),
                new Check<>("moved-to-dlq", "After maxReceiveCount receives the message moves to the dead-letter queue",
                        "If processing fails re-appears after visibility time out",
                        "With a RedrivePolicy, SQS moves a message received maxReceiveCount times (and not deleted) to the"
                                + " dead-letter queue; the verifier tries counts up to " + MOST_RECEIVES + ".",
                        o -> o.redrive().judge("received maxReceiveCount times, then in the dead-letter queue", r -> {
                            if (r.maxReceiveCount() == 0) {
                                return CheckResult.fail("no redrive policy, nothing tried", "received maxReceiveCount times, then in the dead-letter queue");
                            }
                            if (r.maxReceiveCount() > MOST_RECEIVES) {
                                return CheckResult.fail("maxReceiveCount " + r.maxReceiveCount() + ", not tried",
                                        "maxReceiveCount up to " + MOST_RECEIVES);
                            }
                            return CheckResult.when(r.receives() == r.maxReceiveCount() && r.inDeadLetterQueue(),
                                    "received " + r.receives() + " times (maxReceiveCount " + r.maxReceiveCount() + "), "
                                            + (r.inDeadLetterQueue() ? "then in" : "not in") + " the dead-letter queue",
                                    "received " + r.maxReceiveCount() + " times, then in the dead-letter queue");
                        })),
                new Check<>("long-poll-waits", "A receive on an empty queue waits for a message instead of returning at once",
                        "Long Polling - Doesnt return from request until either timeout or a message sent",
                        "With ReceiveMessageWaitTimeSeconds 20, a ReceiveMessage without WaitTimeSeconds waits for the"
                                + " message the verifier sent with a 2 s delay.",
                        o -> o.longPoll().judge("waited at least 1 s and got the delayed message", p ->
                                CheckResult.when(p.delivered() && p.elapsedMillis() >= 1000,
                                        "returned after " + p.elapsedMillis() + " ms " + (p.delivered() ? "with" : "without")
                                                + " the delayed message (queue wait " + p.queueWaitSeconds() + " s)",
                                        "waited at least 1 s and got the delayed message"))),
                new Check<>("message-size", "Messages over 256 KB are refused by the queue and the topic",
                        "256KB of text (any format e.g. JSON/XML)",
                        "SNS refuses more than 256 KB; SQS takes up to 1 MiB since 2025, so set MaximumMessageSize 262144"
                                + " on the billing queue to keep the 256 KB the notes teach.",
                        o -> o.sizes().judge("queue: 256 KB accepted, 256 KB + 1 refused; topic: 256 KB + 1 refused", s -> {
                            boolean ok = s.queueOverLimit().contains("InvalidParameter") && Answers.ACCEPTED.equals(s.queueAtLimit())
                                    && s.topicOverLimit().contains("InvalidParameter");
                            return CheckResult.when(ok, "queue 256 KB + 1: " + s.queueOverLimit() + "; queue 256 KB: " + s.queueAtLimit()
                                            + "; topic 256 KB + 1: " + s.topicOverLimit(),
                                    "queue: 256 KB accepted, 256 KB + 1 refused; topic: 256 KB + 1 refused");
                        })),
                new Check<>("fifo-order", "A FIFO topic and queue keep the order inside a message group",
                        "FIFO - Firt in first out - Support message groups",
                        "Create a FIFO topic (name ending .fifo) and subscribe a FIFO queue to it; messages of one"
                                + " MessageGroupId arrive in the order published.",
                        o -> o.fifo().judge("the published order", f -> {
                            List<String> published = List.copyOf(new LinkedHashSet<>(f.published()));
                            List<String> received = List.copyOf(new LinkedHashSet<>(f.received()));
                            return CheckResult.when(received.equals(published), received.toString(), published.toString());
                        })),
                new Check<>("fifo-dedup", "A duplicate deduplication id inside the window is delivered once",
                        "FIFO - Exactly once",
                        "Publish to the FIFO topic with a MessageDeduplicationId; a second publish with the same id within"
                                + " 5 minutes is accepted and dropped.",
                        o -> o.fifo().judge("one copy of the message published twice", f -> {
                            long copies = f.received().stream().filter(f.duplicated()::equals).count();
                            boolean complete = !f.received().isEmpty()
                                    && f.received().get(f.received().size() - 1).equals(f.published().get(f.published().size() - 1));
                            return CheckResult.when(copies == 1 && complete,
                                    copies + " copies of " + f.duplicated() + (complete ? "" : ", and the group's last message never came"),
                                    "1 copy of " + f.duplicated() + ", published twice");
                        })));
    }

    @Override
    public Observed observe(Target target, Map<String, String> names) {
        try (SqsClient sqs = target.client(SqsClient.builder());
             SnsClient sns = target.client(SnsClient.builder());
             StsClient sts = target.client(StsClient.builder())) {
            Sns topics = new Sns(sns, target.region(), sts.getCallerIdentity().account());
            return new Probe(sqs, sns, new Sqs(sqs), topics, names).observe();
        }
    }

    /** Publishes and sends the verifier's own messages, reads the facts, and deletes the messages again. */
    private static final class Probe {
        private final SqsClient sqs;
        private final SnsClient sns;
        private final Sqs queues;
        private final Sns topics;
        private final String topic;
        private final String billing;
        private final String shipping;
        private final String deadLetter;
        private final String fifoTopic;
        private final String fifoQueue;
        private final String run = "dva-labs-verify-" + UUID.randomUUID().toString().substring(0, 8);

        Probe(SqsClient sqs, SnsClient sns, Sqs queues, Sns topics, Map<String, String> names) {
            this.sqs = sqs;
            this.sns = sns;
            this.queues = queues;
            this.topics = topics;
            this.topic = names.getOrDefault("topic", "dva-labs-order-events");
            this.billing = names.getOrDefault("billing", "dva-labs-billing");
            this.shipping = names.getOrDefault("shipping", "dva-labs-shipping");
            this.deadLetter = names.getOrDefault("deadLetter", "dva-labs-billing-dlq");
            this.fifoTopic = names.getOrDefault("fifoTopic", "dva-labs-order-events.fifo");
            this.fifoQueue = names.getOrDefault("fifoQueue", "dva-labs-ledger.fifo");
        }

        Observed observe() {
            try {
                return new Observed(
                        Fact.observe(() -> attributes(billing)),
                        Fact.observe(() -> attributes(deadLetter).get(QueueAttributeName.QUEUE_ARN.toString())),
                        Fact.observe(() -> List.of(policy(billing, topic), policy(shipping, topic), policy(fifoQueue, fifoTopic))),
                        Fact.observe(this::fanout),
                        Fact.observe(this::visibility),
                        Fact.observe(this::redrive),
                        Fact.observe(this::longPoll),
                        Fact.observe(this::sizes),
                        Fact.observe(this::fifo));
            } finally {
                // A probe that was refused halfway may leave a message of this run behind.
                for (String queue : List.of(billing, shipping, deadLetter)) {
                    try {
                        receiveOwn(url(queue), Duration.ofSeconds(1), Set.of());
                    } catch (AwsServiceException e) {
                        // The queue does not exist: nothing of this run is in it.
                    }
                }
            }
        }

        private Map<String, String> attributes(String queue) {
            return queues.attributes(queue);
        }

        private QueuePolicy policy(String queue, String topicName) {
            String topicArn = topicArn(topicName);
            return new QueuePolicy(queue, topicArn, attributes(queue).getOrDefault(QueueAttributeName.POLICY.toString(), ""));
        }

        private Fanout fanout() {
            String topicArn = topicArn(topic);
            String billingUrl = url(billing);
            String shippingUrl = url(shipping);
            String matching = run + "-shipped";
            String other = run + "-placed";
            publish(topicArn, other, "PLACED");
            publish(topicArn, matching, FILTER_VALUE);
            List<String> billed = receiveOwn(billingUrl, Duration.ofSeconds(5), Set.of(matching, other));
            List<String> shipped = new ArrayList<>(receiveOwn(shippingUrl, Duration.ofSeconds(5), Set.of(matching)));
            if (!Sns.carries(shipped, other)) {
                // The filtered event would have arrived with the other one; a second more to be sure it does not.
                shipped.addAll(receiveOwn(shippingUrl, Duration.ofSeconds(1), Set.of(other)));
            }
            return new Fanout(topicArn, matching, other, billed, List.copyOf(shipped));
        }

        private void publish(String topicArn, String message, String status) {
            sns.publish(p -> p.topicArn(topicArn).message(message).messageAttributes(Map.of(FILTER_ATTRIBUTE,
                    MessageAttributeValue.builder().dataType("String").stringValue(status).build())));
        }

        private Visibility visibility() {
            String url = url(billing);
            int timeout = Sqs.intAttribute(attributes(billing), QueueAttributeName.VISIBILITY_TIMEOUT, DEFAULT_VISIBILITY_TIMEOUT);
            String body = run + "-visibility";
            sqs.sendMessage(s -> s.queueUrl(url).messageBody(body));
            Optional<Message> first = receiveOne(url, body, 5, null);
            if (first.isEmpty()) {
                return new Visibility(timeout, false, false, false, false);
            }
            String handle = first.get().receiptHandle();
            boolean hidden = true;
            boolean back = false;
            boolean waits = timeout >= SHORTEST_TIMEOUT_WAITED && timeout <= LONGEST_TIMEOUT_WAITED;
            if (timeout >= SHORTEST_TIMEOUT_WAITED) {
                Optional<Message> during = receiveOne(url, body, 1, null);
                hidden = during.isEmpty();
                handle = during.map(Message::receiptHandle).orElse(handle);
            }
            if (waits && hidden) {
                Optional<Message> after = receiveOne(url, body, timeout + 3, null);
                back = after.isPresent();
                handle = after.map(Message::receiptHandle).orElse(handle);
            }
            String last = handle;
            sqs.deleteMessage(d -> d.queueUrl(url).receiptHandle(last));
            return new Visibility(timeout, true, hidden, waits, back);
        }

        private Redrive redrive() {
            String url = url(billing);
            String policy = attributes(billing).getOrDefault(QueueAttributeName.REDRIVE_POLICY.toString(), "");
            int maxReceiveCount = Json.object(policy).map(p -> p.path("maxReceiveCount").asInt(0)).orElse(0);
            if (maxReceiveCount == 0 || maxReceiveCount > MOST_RECEIVES) {
                return new Redrive(maxReceiveCount, 0, false);
            }
            String body = run + "-redrive";
            sqs.sendMessage(s -> s.queueUrl(url).messageBody(body));
            int receives = 0;
            String handle = null;
            // A receive with VisibilityTimeout 0 hands the message straight back: a failed processing, without the wait.
            for (int attempt = 0; attempt <= maxReceiveCount; attempt++) {
                Optional<Message> received = receiveOne(url, body, attempt < maxReceiveCount ? 5 : 2, 0);
                if (received.isEmpty()) {
                    break;
                }
                receives++;
                handle = received.get().receiptHandle();
            }
            if (receives > maxReceiveCount) {
                String last = handle;
                sqs.deleteMessage(d -> d.queueUrl(url).receiptHandle(last));
            }
            Optional<Arn> deadLetterArn = Json.object(policy).flatMap(p -> Arn.tryFromString(p.path("deadLetterTargetArn").asText()));
            if (deadLetterArn.isEmpty()) {
                return new Redrive(maxReceiveCount, receives, false);
            }
            String deadLetterUrl = sqs.getQueueUrl(r -> r.queueName(deadLetterArn.get().resourceAsString())
                    .queueOwnerAWSAccountId(deadLetterArn.get().accountId().orElse(null))).queueUrl();
            boolean moved = Sns.carries(receiveOwn(deadLetterUrl, Duration.ofSeconds(5), Set.of(body)), body);
            return new Redrive(maxReceiveCount, receives, moved);
        }

        private LongPoll longPoll() {
            String url = url(billing);
            int wait = Sqs.intAttribute(attributes(billing), QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS, 0);
            String body = run + "-long-poll";
            sqs.sendMessage(s -> s.queueUrl(url).messageBody(body).delaySeconds(2));
            Instant start = Instant.now();
            List<Message> received = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages();
            long elapsed = Duration.between(start, Instant.now()).toMillis();
            boolean delivered = false;
            for (Message message : received) {
                if (message.body().equals(body)) {
                    delivered = true;
                    sqs.deleteMessage(d -> d.queueUrl(url).receiptHandle(message.receiptHandle()));
                }
            }
            if (!delivered) {
                receiveOwn(url, Duration.ofSeconds(5), Set.of(body));
            }
            return new LongPoll(wait, elapsed, delivered);
        }

        private Sizes sizes() {
            String url = url(billing);
            String over = padded(run + "-over-", MAX_MESSAGE_BYTES + 1);
            String atLimit = padded(run + "-limit-", MAX_MESSAGE_BYTES);
            String queueOver = Answers.of(() -> sqs.sendMessage(s -> s.queueUrl(url).messageBody(over)));
            String queueAt = Answers.of(() -> sqs.sendMessage(s -> s.queueUrl(url).messageBody(atLimit)));
            String topicArn = topicArn(topic);
            String topicOver = Answers.of(() -> sns.publish(p -> p.topicArn(topicArn).message(over)));
            Set<String> sent = new LinkedHashSet<>();
            if (queueOver.equals(Answers.ACCEPTED)) {
                sent.add(over);
            }
            if (queueAt.equals(Answers.ACCEPTED)) {
                sent.add(atLimit);
            }
            receiveOwn(url, Duration.ofSeconds(5), sent);
            return new Sizes(queueOver, queueAt, topicOver);
        }

        private Fifo fifo() {
            String topicArn = topicArn(fifoTopic);
            String url = url(fifoQueue);
            List<String> published = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                publishInGroup(topicArn, run + "-fifo-" + i, published);
                if (i == FIFO_DUPLICATE) {
                    publishInGroup(topicArn, run + "-fifo-" + i, published);
                }
            }
            String last = published.get(published.size() - 1);
            List<String> received = receiveOwn(url, Duration.ofSeconds(8), Set.of(last)).stream()
                    .map(Sns::message).toList();
            return new Fifo(List.copyOf(published), run + "-fifo-" + FIFO_DUPLICATE, received);
        }

        /** The deduplication id is the message itself, so publishing one message twice publishes a duplicate. */
        private void publishInGroup(String topicArn, String message, List<String> published) {
            sns.publish(p -> p.topicArn(topicArn).message(message).messageGroupId(run).messageDeduplicationId(message));
            published.add(message);
        }

        /** Receives and deletes this run's messages until each wanted one has come or the patience runs out. */
        private List<String> receiveOwn(String url, Duration patience, Collection<String> wanted) {
            return queues.receiveOwn(url, run, patience, bodies -> wanted.stream().allMatch(w -> Sns.carries(bodies, w)));
        }

        /** Receives one message of this run without deleting it; {@code visibility} null keeps the queue's timeout. */
        private Optional<Message> receiveOne(String url, String body, int waitSeconds, Integer visibility) {
            return queues.receiveOne(url, body, waitSeconds, visibility);
        }

        private String url(String queue) {
            return queues.url(queue);
        }

        private String topicArn(String name) {
            return topics.topicArn(name);
        }

        private static String padded(String prefix, int bytes) {
            return prefix + "x".repeat(bytes - prefix.length());
        }
    }

    /**
     * What lets others than the topic send to the queue, or that it does not let the topic send. Every
     * statement allowing sqs:SendMessage must be conditional on aws:SourceArn being the topic.
     */
    static Optional<String> policyProblem(QueuePolicy queue) {
        if (queue.policy().isEmpty()) {
            return Optional.of("no queue policy");
        }
        Optional<JsonNode> document = Json.object(queue.policy());
        if (document.isEmpty()) {
            return Optional.of("a policy that is not JSON");
        }
        List<JsonNode> sends = elements(document.get().path("Statement")).stream()
                .filter(s -> "Allow".equals(s.path("Effect").asText()))
                .filter(s -> elements(s.path("Action")).stream().map(a -> a.asText().toLowerCase(Locale.ROOT))
                        .anyMatch(a -> a.equals("sqs:sendmessage") || a.equals("sqs:*") || a.equals("*")))
                .toList();
        if (sends.isEmpty()) {
            return Optional.of("no statement allows sqs:SendMessage");
        }
        long open = sends.stream().filter(s -> !onlyFrom(s.path("Condition"), queue.topicArn())).count();
        return open == 0 ? Optional.empty()
                : Optional.of(open + " statement(s) allow sqs:SendMessage without aws:SourceArn = " + queue.topicArn());
    }

    /** Whether a condition block limits aws:SourceArn to exactly this topic. */
    private static boolean onlyFrom(JsonNode condition, String topicArn) {
        Set<String> operators = Set.of("arnequals", "arnlike", "stringequals", "stringlike");
        return StreamSupport.stream(((Iterable<Map.Entry<String, JsonNode>>) condition::fields).spliterator(), false)
                .filter(op -> operators.contains(op.getKey().toLowerCase(Locale.ROOT)))
                .flatMap(op -> StreamSupport.stream(((Iterable<Map.Entry<String, JsonNode>>) op.getValue()::fields).spliterator(), false))
                .filter(key -> key.getKey().equalsIgnoreCase("aws:SourceArn"))
                .anyMatch(key -> {
                    List<JsonNode> values = elements(key.getValue());
                    return !values.isEmpty() && values.stream().allMatch(v -> topicArn.equals(v.asText()));
                });
    }

    /** A policy element that may be one value or a list of them, as a list. */
    private static List<JsonNode> elements(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        return node.isArray() ? StreamSupport.stream(node.spliterator(), false).toList() : List.of(node);
    }
}
