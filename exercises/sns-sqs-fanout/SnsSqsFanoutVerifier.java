package dev.dvalabs.exercises.snssqsfanout;

import static dev.dvalabs.verify.Matcher.eq;
import static dev.dvalabs.verify.Matcher.satisfies;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dvalabs.policy.Caller;
import dev.dvalabs.policy.Policies;
import dev.dvalabs.policy.PolicyException;
import dev.dvalabs.policy.Request;
import dev.dvalabs.probe.Answers;
import dev.dvalabs.probe.Json;
import dev.dvalabs.probe.Sns;
import dev.dvalabs.probe.Sqs;
import dev.dvalabs.targets.Target;
import dev.dvalabs.verify.Check;
import dev.dvalabs.verify.Session;
import dev.dvalabs.verify.CheckResult;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.RunMarker;
import dev.dvalabs.verify.Matcher;
import dev.dvalabs.verify.Verifier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
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
 * feeding a FIFO queue. The verifier publishes and sends its own messages and deletes them again;
 * closing it deletes whatever of them an interrupted observe left behind.
 */
public final class SnsSqsFanoutVerifier implements Verifier<SnsSqsFanoutVerifier.Observed>, AutoCloseable {

    public static final String FILTER_ATTRIBUTE = "status";
    public static final String FILTER_VALUE = "SHIPPED";
    static final int MAX_MESSAGE_BYTES = 256 * 1024;
    static final int DEFAULT_VISIBILITY_TIMEOUT = 30;
    static final int DEFAULT_RETENTION = 345_600;
    /** The numbers instructions.md gives: a 5 s visibility timeout, 1 day's retention, maxReceiveCount 3, a 20 s wait. */
    static final int VISIBILITY_TIMEOUT = 5;
    static final int RETENTION = 86_400;
    static final int MAX_RECEIVE_COUNT = 3;
    static final int LONG_POLL = 20;
    /** The delay of the message a long poll waits for: one second proves the wait and costs no more. */
    static final int LONG_POLL_DELAY = 1;
    /** The least a long poll for that message must have waited: half the delay, for the time the send itself took. */
    static final long LEAST_WAITED_MILLIS = 500;
    /** The most receives the verifier makes to push a message to the dead-letter queue. */
    static final int MOST_RECEIVES = 10;
    static final int FIFO_DUPLICATE = 3;
    static final String SNS_PRINCIPAL = "sns.amazonaws.com";
    static final String ONLY_ITS_TOPIC = "only " + SNS_PRINCIPAL + " acting for its topic may send";
    static final String BARE = "the bare message";
    static final String ENVELOPE = "an SNS envelope from the topic";
    private static final Matcher<String> REFUSED_TOO_LONG = Matcher.startsWith("InvalidParameter");

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Threads for the probes that run at once: the four queues, and the billing queue's probes beside them. */
    static final int PROBES_AT_ONCE = 6;

    /** The run whose messages may still be in the queues, until its own cleanup or {@link #close} removed them. */
    private final AtomicReference<Probe> pending = new AtomicReference<>();

    /** What the verifier saw; each fact is a value or the refusal AWS answered with, naming what it was about. */
    public record Observed(
            Fact<Map<String, String>> billing,
            Fact<String> deadLetterQueueArn,
            List<Fact<QueuePolicy>> policies,
            Fact<Fanout> fanout,
            Fact<Visibility> visibility,
            Fact<Redrive> redrive,
            Fact<LongPoll> longPoll,
            Fact<Sizes> sizes,
            Fact<Fifo> fifo) {}

    /** A subscribed queue's access policy ("" when it has none) and the topic that should be its only sender. */
    public record QueuePolicy(String queue, String queueArn, String topicArn, String policy) {}

    /**
     * Two publishes, one whose {@code status} matches the shipping filter and one that does not, and
     * the bodies each queue received carrying either.
     */
    public record Fanout(String topicArn, String matching, String other, List<String> billing, List<String> shipping) {}

    /**
     * A message received and not deleted: whether a receive during the queue's visibility timeout saw it
     * again, and whether it came back once its visibility ended (the verifier ends it with
     * ChangeMessageVisibility 0 instead of waiting the timeout out).
     */
    public record Visibility(int timeoutSeconds, boolean arrived, boolean hiddenDuringTimeout, boolean backAfterTimeout) {}

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
                new Check<Observed>("fanout", "One publish reaches every subscribed queue",
                        "Grouped by topics - Support different target types and more than one subscriber",
                        "Subscribe both queues to the topic (protocol sqs); a queue gets nothing from SNS unless its policy lets the topic send.",
                        o -> CheckResult.all(
                                o.fanout().its("billing", f -> got(f.billing(), f.matching(), "the SHIPPED event")).should(eq("got the SHIPPED event")),
                                o.fanout().its("shipping", f -> got(f.shipping(), f.matching(), "the SHIPPED event")).should(eq("got the SHIPPED event"))))
                        .forTask(1),
                new Check<Observed>("queue-policy", "Each subscribed queue accepts messages only from its topic",
                        "Webservice access to a queue",
                        "Give each queue a policy that allows sqs:SendMessage to the principal sns.amazonaws.com on the"
                                + " condition ArnEquals aws:SourceArn = the topic's ARN, and no statement that lets others send.",
                        o -> CheckResult.all(o.policies().stream()
                                .map(p -> p.its("", SnsSqsFanoutVerifier::whoMaySend)
                                        .should(satisfies("each queue: " + ONLY_ITS_TOPIC, v -> v.endsWith(": " + ONLY_ITS_TOPIC))))
                                .toArray(CheckResult[]::new)))
                        .forTask(2),
                new Check<Observed>("filter-policy", "A filter policy keeps from the shipping queue what it does not want",
                        "Grouped by topics - Allows recipients to subscribe",
                        "Give the shipping subscription the filter policy {\"" + FILTER_ATTRIBUTE + "\": [\"" + FILTER_VALUE
                                + "\"]}; the verifier publishes with the message attribute " + FILTER_ATTRIBUTE + ".",
                        o -> CheckResult.all(
                                o.fanout().its("billing", f -> got(f.billing(), f.other(), "the PLACED event")).should(eq("got the PLACED event")),
                                o.fanout().its("shipping", f -> got(f.shipping(), f.other(), "the PLACED event")).should(eq("did not get the PLACED event")),
                                o.fanout().its("shipping", f -> got(f.shipping(), f.matching(), "the SHIPPED event")).should(eq("got the SHIPPED event"))))
                        .forTask(3),
                new Check<Observed>("raw-delivery", "Raw delivery hands over the message itself; without it the SNS envelope arrives",
                        "Push to mobile devices, SMS, email, SQS or HTTP endpoint",
                        "Turn on RawMessageDelivery for the shipping subscription only; billing keeps the envelope"
                                + " (Type, MessageId, TopicArn, Message, ...).",
                        o -> CheckResult.all(
                                o.fanout().its("shipping received", f -> form(f, f.shipping())).should(eq(BARE)),
                                o.fanout().its("billing received", f -> form(f, f.billing())).should(eq(ENVELOPE))))
                        .forTask(3),
                new Check<Observed>("dead-letter-queue", "The billing queue sends failing messages to a dead-letter queue",
                        "If processing fails re-appears after visibility time out",
                        "Give the billing queue a RedrivePolicy with deadLetterTargetArn = the dead-letter queue's ARN and"
                                + " maxReceiveCount " + MAX_RECEIVE_COUNT + ".",
                        o -> o.deadLetterQueueArn().judge("the dead-letter queue's ARN", dlq -> CheckResult.all(
                                o.billing().its("RedrivePolicy deadLetterTargetArn", a -> redrive(a).path("deadLetterTargetArn").asText(""))
                                        .should(eq(dlq)),
                                o.billing().its("RedrivePolicy maxReceiveCount", a -> redrive(a).path("maxReceiveCount").asInt(0))
                                        .should(eq(MAX_RECEIVE_COUNT)))))
                        .forTask(4),
                new Check<Observed>("moved-to-dlq", "After maxReceiveCount receives the message moves to the dead-letter queue",
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
                        }))
                        .forTask(4),
                new Check<Observed>("visibility-timeout", "The billing queue's visibility timeout is the 5 s the exercise asks for",
                        "Default time out is 30 s - Maximum time out is 12 hours",
                        "Set VisibilityTimeout on the billing queue to " + VISIBILITY_TIMEOUT + " (seconds), not the default 30:"
                                + " the verifier waits one timeout out.",
                        o -> o.billing().its("VisibilityTimeout", a -> Sqs.intAttribute(a, QueueAttributeName.VISIBILITY_TIMEOUT,
                                DEFAULT_VISIBILITY_TIMEOUT)).should(eq(VISIBILITY_TIMEOUT)))
                        .forTask(5),
                new Check<Observed>("retention-period", "The billing queue keeps messages for 1 day",
                        "Retention is 1 min to 14 days (default 4 days)",
                        "Set MessageRetentionPeriod on the billing queue to 1 day, " + RETENTION + " seconds; the default is 4 days.",
                        o -> o.billing().its("MessageRetentionPeriod", a -> Sqs.intAttribute(a, QueueAttributeName.MESSAGE_RETENTION_PERIOD,
                                DEFAULT_RETENTION)).should(eq(RETENTION)))
                        .forTask(5),
                new Check<Observed>("invisible-while-processing", "A received message stays hidden until its visibility timeout passes, then returns",
                        "Messages marked as invisible while being processed - If processing fails re-appears after visibility time out",
                        "Receive without deleting and the message is hidden for VisibilityTimeout seconds, then handed out"
                                + " again; the verifier ends its visibility early (ChangeMessageVisibility 0) to see it return.",
                        o -> o.visibility().judge("hidden during the timeout, back when it ends", v -> {
                            if (!v.arrived()) {
                                return CheckResult.fail("the message sent never arrived", "hidden during the timeout, back when it ends");
                            }
                            return CheckResult.when(v.hiddenDuringTimeout() && v.backAfterTimeout(),
                                    (v.hiddenDuringTimeout() ? "hidden" : "visible") + " during the " + v.timeoutSeconds() + " s timeout, "
                                            + (v.backAfterTimeout() ? "back" : "not back") + " when it ended",
                                    "hidden during the timeout, back when it ends");
                        }))
                        .forTask(5),
                new Check<Observed>("long-polling", "Long polling is the billing queue's default",
                        "Long Polling - Doesnt return from request until either timeout or a message sent - Reduces costs",
                        "Set ReceiveMessageWaitTimeSeconds to 20 on the billing queue, so every receive long-polls.",
                        o -> o.billing().its("ReceiveMessageWaitTimeSeconds", a -> Sqs.intAttribute(a,
                                QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS, 0)).should(eq(LONG_POLL)))
                        .forTask(6),
                new Check<Observed>("long-poll-waits", "A receive on an empty queue waits for a message instead of returning at once",
                        "Long Polling - Doesnt return from request until either timeout or a message sent",
                        "With ReceiveMessageWaitTimeSeconds 20, a ReceiveMessage without WaitTimeSeconds waits for the"
                                + " message the verifier sent with a " + LONG_POLL_DELAY + " s delay.",
                        o -> o.longPoll().judge("waited for the delayed message and got it", p ->
                                CheckResult.when(p.delivered() && p.elapsedMillis() >= LEAST_WAITED_MILLIS,
                                        "returned after " + p.elapsedMillis() + " ms " + (p.delivered() ? "with" : "without")
                                                + " the delayed message (queue wait " + p.queueWaitSeconds() + " s)",
                                        "waited for the delayed message and got it")))
                        .forTask(6),
                new Check<Observed>("message-size", "Messages over 256 KB are refused by the queue and the topic",
                        "256KB of text (any format e.g. JSON/XML)",
                        "SNS refuses more than 256 KB; SQS takes up to 1 MiB since 2025, so set MaximumMessageSize 262144"
                                + " on the billing queue to keep the 256 KB the notes teach.",
                        o -> CheckResult.all(
                                o.sizes().its("queue, 256 KB:", Sizes::queueAtLimit).should(eq(Answers.ACCEPTED)),
                                o.sizes().its("queue, 256 KB + 1:", Sizes::queueOverLimit).should(REFUSED_TOO_LONG),
                                o.sizes().its("topic, 256 KB + 1:", Sizes::topicOverLimit).should(REFUSED_TOO_LONG)))
                        .forTask(7),
                new Check<Observed>("fifo-order", "A FIFO topic and queue keep the order inside a message group",
                        "FIFO - Firt in first out - Support message groups",
                        "Create a FIFO topic (name ending .fifo) and subscribe a FIFO queue to it; messages of one"
                                + " MessageGroupId arrive in the order published.",
                        o -> o.fifo().judge("the published order", f -> {
                            List<String> published = List.copyOf(new LinkedHashSet<>(f.published()));
                            return o.fifo().its("received", g -> List.copyOf(new LinkedHashSet<>(g.received()))).should(eq(published));
                        }))
                        .forTask(8),
                new Check<Observed>("fifo-dedup", "A duplicate deduplication id inside the window is delivered once",
                        "FIFO - Exactly once",
                        "Publish to the FIFO topic with a MessageDeduplicationId; a second publish with the same id within"
                                + " 5 minutes is accepted and dropped.",
                        o -> o.fifo().judge("one copy of the message published twice", f -> CheckResult.all(
                                o.fifo().its("copies of the message published twice", g -> g.received().stream().filter(g.duplicated()::equals).count())
                                        .should(eq(1L)),
                                o.fifo().its("the group's last message", g -> g.received().contains(g.published().get(g.published().size() - 1))
                                        ? "arrived" : "never came").should(eq("arrived")))))
                        .forTask(8));
    }

    /** Whether the bodies carry the message: "got ..." or "did not get ...". */
    private static String got(List<String> bodies, String message, String what) {
        return (Sns.carries(bodies, message) ? "got " : "did not get ") + what;
    }

    /** The form in which a queue received the SHIPPED event: bare, in an envelope from the topic, or not at all. */
    private static String form(Fanout fanout, List<String> bodies) {
        Optional<String> body = bodies.stream().filter(b -> Sns.carries(b, fanout.matching())).findFirst();
        if (body.isEmpty()) {
            return "nothing";
        }
        if (body.get().equals(fanout.matching())) {
            return BARE;
        }
        return Sns.envelope(body.get()).filter(e -> "Notification".equals(e.path("Type").asText())
                        && fanout.topicArn().equals(e.path("TopicArn").asText())).isPresent() ? ENVELOPE : "something else";
    }

    private static JsonNode redrive(Map<String, String> attributes) {
        return Json.object(attributes.get(QueueAttributeName.REDRIVE_POLICY.toString())).orElse(JSON.createObjectNode());
    }

    @Override
    public Observed observe(Session session) {
        Target target = session.target();
        Map<String, String> names = session.names().asMap();
        Probe probe = new Probe(target, names);
        pending.set(probe);
        try (SqsClient sqs = target.client(SqsClient.builder());
             SnsClient sns = target.client(SnsClient.builder());
             StsClient sts = target.client(StsClient.builder());
             Concurrent concurrent = new Concurrent(PROBES_AT_ONCE)) {
            Sns topics = new Sns(sns, target.region(), sts.getCallerIdentity().account());
            try {
                return probe.observe(sqs, sns, topics, concurrent);
            } finally {
                probe.restore(sqs, concurrent);
                pending.compareAndSet(probe, null);
            }
        }
    }

    /**
     * Removes the messages of a run that ended before its own cleanup (an error, Ctrl-C) and puts back the
     * messages it set aside: safe twice and from another thread, as it only deletes what carries that
     * run's marker.
     */
    @Override
    public void close() {
        Probe probe = pending.getAndSet(null);
        if (probe == null) {
            return;
        }
        try (SqsClient sqs = probe.target.client(SqsClient.builder()); Concurrent concurrent = new Concurrent(PROBES_AT_ONCE)) {
            probe.restore(sqs, concurrent);
        }
    }

    /** A refusal met while observing, already naming what it was about ("queue dva-labs-shipping: ..."). */
    private static final class Refused extends RuntimeException {
        Refused(String subject, AwsServiceException e) {
            super(subject + ": " + Fact.refusalOf(e), null, false, false);
        }
    }

    /** A call whose refusal names what it was about. */
    private static <T> T about(String subject, Supplier<T> call) {
        try {
            return call.get();
        } catch (AwsServiceException e) {
            throw new Refused(subject, e);
        }
    }

    /** An observation; a refusal is kept as the fact, named when it was met through {@link #about}. */
    private static <T> Fact<T> fact(Supplier<T> observation) {
        try {
            return Fact.observe(observation);
        } catch (Refused r) {
            return Fact.refused(r.getMessage());
        }
    }

    /** Publishes and sends the verifier's own messages, reads the facts; its messages carry {@code run} in their bodies. */
    private static final class Probe {
        private final Target target;
        private final String topic;
        private final String billing;
        private final String shipping;
        private final String deadLetter;
        private final String fifoTopic;
        private final String fifoQueue;
        private final String run = RunMarker.start().value();
        private SqsClient sqs;
        private SnsClient sns;
        private Sqs queues;
        private Sns topics;
        private Concurrent concurrent;
        /** The exercise's queues, each with the messages set aside in it, by name. */
        private final Map<String, MarkedMessages> sorted = new ConcurrentHashMap<>();

        Probe(Target target, Map<String, String> names) {
            this.target = target;
            this.topic = names.getOrDefault("topic", "dva-labs-order-events");
            this.billing = names.getOrDefault("billing", "dva-labs-billing");
            this.shipping = names.getOrDefault("shipping", "dva-labs-shipping");
            this.deadLetter = names.getOrDefault("deadLetter", "dva-labs-billing-dlq");
            this.fifoTopic = names.getOrDefault("fifoTopic", "dva-labs-order-events.fifo");
            this.fifoQueue = names.getOrDefault("fifoQueue", "dva-labs-ledger.fifo");
        }

        /**
         * First clears the queues (see {@link #setAside}), then probes. Probes of different queues run at
         * once; the billing queue's run one after another, as each receive there would take the others' messages.
         */
        Observed observe(SqsClient sqs, SnsClient sns, Sns topics, Concurrent concurrent) {
            this.sqs = sqs;
            this.sns = sns;
            this.queues = new Sqs(sqs);
            this.topics = topics;
            this.concurrent = concurrent;
            setAside(sqs, concurrent);
            Supplier<Fact<Map<String, String>>> billingAttributes = concurrent.start(() -> fact(() -> attributes(billing)));
            Supplier<Fact<String>> deadLetterArn = concurrent.start(() -> fact(() -> attributes(deadLetter).get(QueueAttributeName.QUEUE_ARN.toString())));
            List<Supplier<Fact<QueuePolicy>>> policies = List.of(concurrent.start(() -> fact(() -> policy(billing, topic))),
                    concurrent.start(() -> fact(() -> policy(shipping, topic))), concurrent.start(() -> fact(() -> policy(fifoQueue, fifoTopic))));
            Supplier<Fact<Fifo>> fifo = concurrent.start(() -> fact(this::fifo));
            // The billing queue's probes, one after another on this thread; the fan-out's receive there comes first.
            Fact<Supplier<Fanout>> fanout = fact(this::fanout);
            Fact<Visibility> visibility = fact(this::visibility);
            Fact<Redrive> redrive = fact(this::redrive);
            Fact<LongPoll> longPoll = fact(this::longPoll);
            Fact<Sizes> sizes = fact(this::sizes);
            return new Observed(billingAttributes.get(), deadLetterArn.get(), policies.stream().map(Supplier::get).toList(),
                    fanout.refused() ? fanout.as() : fact(fanout.value()), visibility, redrive, longPoll, sizes, fifo.get());
        }

        /**
         * Before probing: deletes what earlier verifies that were killed left in the exercise's queues (their
         * run's mark is older than any verify runs), and sets every other message aside, a verify's running
         * elsewhere included, so that no probe receives it.
         */
        void setAside(SqsClient client, Concurrent concurrent) {
            Instant now = Instant.now();
            eachQueue(client, concurrent, messages -> messages.clear(client, body -> RunMarker.isLeftover(body, now)));
        }

        /** After probing, however it ended: deletes what is left of this run's messages and puts the set-aside ones back. */
        void restore(SqsClient client, Concurrent concurrent) {
            eachQueue(client, concurrent, messages -> {
                try {
                    messages.clear(client, body -> body.contains(run));
                } finally {
                    messages.release(client);
                }
            });
        }

        /** Does {@code work} on each of the exercise's queues at once; a queue that does not exist holds nothing. */
        private void eachQueue(SqsClient client, Concurrent concurrent, Consumer<MarkedMessages> work) {
            List<Supplier<Boolean>> running = new ArrayList<>();
            for (String queue : List.of(billing, shipping, deadLetter, fifoQueue)) {
                running.add(concurrent.start(() -> {
                    try {
                        work.accept(sorted.computeIfAbsent(queue, q -> new MarkedMessages(new Sqs(client).url(q))));
                        return true;
                    } catch (AwsServiceException e) {
                        return false;
                    }
                }));
            }
            running.forEach(Supplier::get);
        }

        private Map<String, String> attributes(String queue) {
            return about("queue " + queue, () -> queues.attributes(queue));
        }

        private QueuePolicy policy(String queue, String topicName) {
            String topicArn = topicArn(topicName);
            Map<String, String> attributes = attributes(queue);
            return new QueuePolicy(queue, attributes.get(QueueAttributeName.QUEUE_ARN.toString()), topicArn,
                    attributes.getOrDefault(QueueAttributeName.POLICY.toString(), ""));
        }

        /**
         * Publishes both events and receives billing's; shipping's receive, which waits a second more to see
         * that the filtered event stays away, goes on beside the billing queue's other probes.
         */
        private Supplier<Fanout> fanout() {
            String topicArn = topicArn(topic);
            String billingUrl = url(billing);
            String shippingUrl = url(shipping);
            String matching = run + "-shipped";
            String other = run + "-placed";
            publish(topicArn, other, "PLACED");
            publish(topicArn, matching, FILTER_VALUE);
            Supplier<List<String>> shipped = concurrent.start(() -> {
                List<String> bodies = new ArrayList<>(receiveOwn(shippingUrl, Duration.ofSeconds(5), Set.of(matching)));
                if (!Sns.carries(bodies, other)) {
                    // The filtered event would have arrived with the other one; a second more to be sure it does not.
                    bodies.addAll(receiveOwn(shippingUrl, Duration.ofSeconds(1), Set.of(other)));
                }
                return List.copyOf(bodies);
            });
            List<String> billed = receiveOwn(billingUrl, Duration.ofSeconds(5), Set.of(matching, other));
            return () -> new Fanout(topicArn, matching, other, billed, shipped.get());
        }

        private void publish(String topicArn, String message, String status) {
            sns.publish(p -> p.topicArn(topicArn).message(message).messageAttributes(Map.of(FILTER_ATTRIBUTE,
                    MessageAttributeValue.builder().dataType("String").stringValue(status).build())));
        }

        /**
         * Receives a message with the queue's own timeout and leaves it undeleted; a second message, sent
         * then, makes the next receive return at once, with the first one too if it is visible. Then
         * ChangeMessageVisibility 0 ends its visibility, as an expiring timeout does, and it must come back.
         */
        private Visibility visibility() {
            String url = url(billing);
            int timeout = Sqs.intAttribute(attributes(billing), QueueAttributeName.VISIBILITY_TIMEOUT, DEFAULT_VISIBILITY_TIMEOUT);
            String body = run + "-visibility";
            sqs.sendMessage(s -> s.queueUrl(url).messageBody(body));
            Optional<Message> first = receiveOne(url, body, 5, null);
            if (first.isEmpty()) {
                return new Visibility(timeout, false, false, false);
            }
            String handle = first.get().receiptHandle();
            String beside = run + "-visible";
            sqs.sendMessage(s -> s.queueUrl(url).messageBody(beside));
            List<Message> during = receiveUntil(url, beside);
            Optional<Message> seenAgain = during.stream().filter(m -> m.body().equals(body)).findFirst();
            handle = seenAgain.map(Message::receiptHandle).orElse(handle);
            String ended = handle;
            sqs.changeMessageVisibility(c -> c.queueUrl(url).receiptHandle(ended).visibilityTimeout(0));
            Optional<Message> back = receiveOne(url, body, 5, null);
            String last = back.map(Message::receiptHandle).orElse(handle);
            sqs.deleteMessage(d -> d.queueUrl(url).receiptHandle(last));
            return new Visibility(timeout, true, seenAgain.isEmpty(), back.isPresent());
        }

        /** Receives (queue's timeout) until the message with this body comes, and deletes it; returns every message received. */
        private List<Message> receiveUntil(String url, String body) {
            Instant deadline = Instant.now().plusSeconds(5);
            List<Message> received = new ArrayList<>();
            while (received.stream().noneMatch(m -> m.body().equals(body)) && Instant.now().isBefore(deadline)) {
                received.addAll(sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)).messages());
            }
            received.stream().filter(m -> m.body().equals(body)).forEach(m -> queues.delete(url, m.receiptHandle()));
            return received;
        }

        /**
         * Hands a message out maxReceiveCount times (VisibilityTimeout 0 on the receive: a failed processing
         * without the wait), then tries once more: SQS must move it to the dead-letter queue instead.
         */
        private Redrive redrive() {
            String url = url(billing);
            String policy = attributes(billing).getOrDefault(QueueAttributeName.REDRIVE_POLICY.toString(), "");
            int maxReceiveCount = Json.object(policy).map(p -> p.path("maxReceiveCount").asInt(0)).orElse(0);
            if (maxReceiveCount == 0 || maxReceiveCount > MOST_RECEIVES) {
                return new Redrive(maxReceiveCount, 0, false);
            }
            Optional<Arn> deadLetterArn = Json.object(policy).flatMap(p -> Arn.tryFromString(p.path("deadLetterTargetArn").asText()));
            Optional<String> deadLetterUrl = deadLetterArn.map(arn -> about("dead-letter queue " + arn, () -> sqs.getQueueUrl(r -> r
                    .queueName(arn.resourceAsString()).queueOwnerAWSAccountId(arn.accountId().orElse(null))).queueUrl()));
            String body = run + "-redrive";
            sqs.sendMessage(s -> s.queueUrl(url).messageBody(body));
            int receives = 0;
            String handle = null;
            for (int attempt = 0; attempt < maxReceiveCount; attempt++) {
                Optional<Message> received = receiveOne(url, body, 5, 0);
                if (received.isEmpty()) {
                    break;
                }
                receives++;
                handle = received.get().receiptHandle();
            }
            // The receive after the last: a short poll, so that it does not wait when the message has moved;
            // as a short poll may miss a message, it is repeated between looks into the dead-letter queue.
            boolean moved = false;
            Instant deadline = Instant.now().plusSeconds(5);
            while (!moved && receives <= maxReceiveCount && Instant.now().isBefore(deadline)) {
                Optional<Message> again = receiveOne(url, body, 0, 0);
                if (again.isPresent()) {
                    receives++;
                    handle = again.get().receiptHandle();
                } else if (deadLetterUrl.isEmpty()) {
                    break;
                } else {
                    moved = Sns.carries(receiveOwn(deadLetterUrl.get(), Duration.ofSeconds(1), Set.of(body)), body);
                }
            }
            if (receives > maxReceiveCount) {
                queues.delete(url, handle);
            }
            return new Redrive(maxReceiveCount, receives, moved);
        }

        /** A receive without WaitTimeSeconds while the only message of the run is delayed {@link #LONG_POLL_DELAY} s. */
        private LongPoll longPoll() {
            String url = url(billing);
            int wait = Sqs.intAttribute(attributes(billing), QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS, 0);
            String body = run + "-long-poll";
            sqs.sendMessage(s -> s.queueUrl(url).messageBody(body).delaySeconds(LONG_POLL_DELAY));
            Instant start = Instant.now();
            List<Message> received = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages();
            long elapsed = Duration.between(start, Instant.now()).toMillis();
            boolean delivered = false;
            for (Message message : received) {
                if (message.body().equals(body)) {
                    delivered = true;
                    queues.delete(url, message.receiptHandle());
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
            return about("queue " + queue, () -> queues.url(queue));
        }

        private String topicArn(String name) {
            return about("topic " + name, () -> topics.topicArn(name));
        }

        private static String padded(String prefix, int bytes) {
            return prefix + "x".repeat(bytes - prefix.length());
        }
    }

    /**
     * Who the queue's policy lets send, as IAM decides it: {@link #ONLY_ITS_TOPIC} when SNS acting for the
     * topic may send and nobody else may, otherwise what is wrong, after the queue's name.
     */
    static String whoMaySend(QueuePolicy queue) {
        String prefix = queue.queue() + ": ";
        if (queue.policy().isEmpty()) {
            return prefix + "no queue policy";
        }
        Policies policies;
        try {
            policies = Policies.of(queue.policy());
        } catch (PolicyException e) {
            return prefix + e.getMessage();
        }
        // SNS sets both source keys when it delivers to a queue.
        Request fromTopic = Request.of(Caller.service(SNS_PRINCIPAL), "sqs:SendMessage", queue.queueArn())
                .with("aws:SourceArn", queue.topicArn())
                .with("aws:SourceAccount", Arn.fromString(queue.topicArn()).accountId().orElse(""));
        List<String> wrong = new ArrayList<>();
        if (!policies.decide(fromTopic).allowed()) {
            wrong.add(SNS_PRINCIPAL + " acting for " + queue.topicArn() + " may not send");
        }
        policies.exposure(fromTopic).forEach(e -> wrong.add(e.toString()));
        return prefix + (wrong.isEmpty() ? ONLY_ITS_TOPIC : String.join("; ", wrong));
    }
}
