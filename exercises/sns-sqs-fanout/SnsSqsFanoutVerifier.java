package dev.dvalabs.exercises.snssqsfanout;

import static dev.dvalabs.verify.Matcher.eq;
import static dev.dvalabs.verify.Matcher.isFalse;
import static dev.dvalabs.verify.Matcher.isTrue;
import static dev.dvalabs.verify.Matcher.satisfies;

import dev.dvalabs.probe.Answers;
import dev.dvalabs.probe.Queue;
import dev.dvalabs.probe.Sns;
import dev.dvalabs.verify.Check;
import dev.dvalabs.verify.CheckResult;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Matcher;
import dev.dvalabs.verify.Session;
import dev.dvalabs.verify.Verifier;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * sns-sqs-fanout: one topic fanned out to a billing queue and a filtered, raw shipping queue; a
 * dead-letter queue, timeouts set on purpose and long polling on the billing queue; a FIFO topic
 * feeding a FIFO queue. What a queue does (visibility, redrive, long polling, size) is shown on queues of
 * the verifier's own configured like billing; the learner's queues are read only for what arrives from
 * their topics, and only while they hold none of the learner's messages ({@link FanoutProbe}).
 */
public final class SnsSqsFanoutVerifier implements Verifier<SnsSqsFanoutVerifier.Observed> {

    public static final String FILTER_ATTRIBUTE = "status";
    public static final String FILTER_VALUE = "SHIPPED";
    static final int MAX_MESSAGE_BYTES = 256 * 1024;
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
    private static final Matcher<String> REFUSED_TOO_LONG = Matcher.startsWith("InvalidParameter");

    /** What the verifier saw; each fact is a value, the refusal AWS answered with, or why it was not looked at. */
    public record Observed(
            Fact<Queue> billing,
            Fact<Queue> deadLetter,
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
     * A message received and not deleted on a queue of the verifier's configured like billing: whether a
     * receive during the visibility timeout saw it again, and whether it came back once its visibility ended
     * (the verifier ends it with ChangeMessageVisibility 0 instead of waiting the timeout out).
     */
    public record Visibility(int timeoutSeconds, boolean arrived, boolean hiddenDuringTimeout, boolean backAfterTimeout) {}

    /**
     * A message received again and again without being deleted, on a queue of the verifier's with billing's
     * redrive policy to a dead-letter queue of its own: how often it was handed out and whether it then showed
     * up in that dead-letter queue. {@code maxReceiveCount} is 0 without a redrive policy, and then nothing was tried.
     */
    public record Redrive(int maxReceiveCount, int receives, boolean inDeadLetterQueue) {}

    /** A ReceiveMessage with the queue's own wait, made while the only message was still delayed. */
    public record LongPoll(int queueWaitSeconds, long elapsedMillis, boolean delivered) {}

    /** What a queue like billing and a topic answered to messages just over and exactly at 256 KB: "accepted" or the refusal. */
    public record Sizes(String queueOverLimit, String queueAtLimit, String topicOverLimit) {}

    /** Messages published to the FIFO topic in one message group, one of them twice with the same deduplication id, and what the FIFO queue delivered, in order. */
    public record Fifo(List<String> published, String duplicated, List<String> received) {}

    @Override
    public List<Check<Observed>> checks() {
        return List.of(
                new Check<Observed>("fanout", "One publish reaches every subscribed queue",
                        "Grouped by topics - Support different target types and more than one subscriber",
                        "Subscribe {billing} and {shipping} to {topic}: aws sns subscribe --topic-arn TOPIC_ARN --protocol sqs"
                                + " --notification-endpoint QUEUE_ARN, once per queue; in CDK, topic.addSubscription(new"
                                + " SqsSubscription(queue)). A queue gets nothing from SNS unless its policy lets the topic send.",
                        o -> CheckResult.all(
                                o.fanout().its("billing got the SHIPPED event", f -> Sns.carries(f.billing(), f.matching())).should(isTrue()),
                                o.fanout().its("shipping got the SHIPPED event", f -> Sns.carries(f.shipping(), f.matching())).should(isTrue())))
                        .forTask(1),
                new Check<Observed>("queue-policy", "Each subscribed queue accepts messages only from its topic",
                        "Webservice access to a queue",
                        "Give each queue a policy that allows sqs:SendMessage to the principal sns.amazonaws.com on the"
                                + " condition ArnEquals aws:SourceArn = the topic's ARN, and no statement that lets others send."
                                + " The policy is a JSON string inside JSON: aws sqs set-queue-attributes --queue-url QUEUE_URL"
                                + " --attributes '{\"Policy\":\"{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[{\\\"Effect\\\":"
                                + "\\\"Allow\\\",\\\"Principal\\\":{\\\"Service\\\":\\\"" + SNS_PRINCIPAL + "\\\"},\\\"Action\\\":"
                                + "\\\"sqs:SendMessage\\\",\\\"Resource\\\":\\\"QUEUE_ARN\\\",\\\"Condition\\\":{\\\"ArnEquals\\\":"
                                + "{\\\"aws:SourceArn\\\":\\\"TOPIC_ARN\\\"}}}]}\"}'; in CDK, SqsSubscription adds it, or"
                                + " queue.addToResourcePolicy(PolicyStatement).",
                        o -> CheckResult.all(o.policies().stream()
                                .map(p -> p.its("", Senders::of)
                                        .should(satisfies("each queue: " + ONLY_ITS_TOPIC, Senders::onlyItsTopic)))
                                .toArray(CheckResult[]::new)))
                        .forTask(2),
                new Check<Observed>("filter-policy", "A filter policy keeps from the shipping queue what it does not want",
                        "Grouped by topics - Allows recipients to subscribe",
                        "Give the {shipping} subscription the filter policy {\"" + FILTER_ATTRIBUTE + "\": [\"" + FILTER_VALUE
                                + "\"]}: aws sns set-subscription-attributes --subscription-arn SUBSCRIPTION_ARN --attribute-name"
                                + " FilterPolicy --attribute-value '{\"" + FILTER_ATTRIBUTE + "\":[\"" + FILTER_VALUE + "\"]}';"
                                + " in CDK, SqsSubscriptionProps.filterPolicy(Map.of(\"" + FILTER_ATTRIBUTE
                                + "\", SubscriptionFilter.stringFilter(StringConditions.builder().allowlist(List.of(\""
                                + FILTER_VALUE + "\")).build()))). The verifier"
                                + " publishes with the message attribute " + FILTER_ATTRIBUTE + ".",
                        o -> CheckResult.all(
                                o.fanout().its("billing got the PLACED event", f -> Sns.carries(f.billing(), f.other())).should(isTrue()),
                                o.fanout().its("shipping got the PLACED event", f -> Sns.carries(f.shipping(), f.other())).should(isFalse()),
                                o.fanout().its("shipping got the SHIPPED event", f -> Sns.carries(f.shipping(), f.matching())).should(isTrue())))
                        .forTask(3),
                new Check<Observed>("raw-delivery", "Raw delivery hands over the message itself; without it the SNS envelope arrives",
                        "Push to mobile devices, SMS, email, SQS or HTTP endpoint",
                        "Turn on RawMessageDelivery for the {shipping} subscription only: aws sns set-subscription-attributes"
                                + " --subscription-arn SUBSCRIPTION_ARN --attribute-name RawMessageDelivery --attribute-value true;"
                                + " in CDK, SqsSubscriptionProps.rawMessageDelivery(true). {billing} keeps the envelope"
                                + " (Type, MessageId, TopicArn, Message, ...).",
                        o -> CheckResult.all(
                                o.fanout().its("shipping received", f -> Form.of(f, f.shipping())).should(eq(Form.BARE)),
                                o.fanout().its("billing received", f -> Form.of(f, f.billing())).should(eq(Form.ENVELOPE))))
                        .forTask(3),
                new Check<Observed>("dead-letter-queue", "The billing queue sends failing messages to a dead-letter queue",
                        "If processing fails re-appears after visibility time out",
                        "Give {billing} a RedrivePolicy with deadLetterTargetArn = the ARN of {deadLetter} and"
                                + " maxReceiveCount " + MAX_RECEIVE_COUNT + ", a JSON string inside JSON: aws sqs set-queue-attributes"
                                + " --queue-url QUEUE_URL --attributes '{\"RedrivePolicy\":\"{\\\"deadLetterTargetArn\\\":"
                                + "\\\"DLQ_ARN\\\",\\\"maxReceiveCount\\\":\\\"" + MAX_RECEIVE_COUNT + "\\\"}\"}'; in CDK,"
                                + " QueueProps.deadLetterQueue(DeadLetterQueue: queue, maxReceiveCount).",
                        o -> o.deadLetter().judge("the dead-letter queue's ARN", dlq -> CheckResult.all(
                                o.billing().its("RedrivePolicy deadLetterTargetArn", Queue::deadLetterTargetArn)
                                        .should(eq(dlq.arn().toString())),
                                o.billing().its("RedrivePolicy maxReceiveCount", Queue::maxReceiveCount)
                                        .should(eq(MAX_RECEIVE_COUNT)))))
                        .forTask(4),
                new Check<Observed>("moved-to-dlq", "After maxReceiveCount receives the message moves to the dead-letter queue",
                        "If processing fails re-appears after visibility time out",
                        "With a RedrivePolicy, SQS moves a message received maxReceiveCount times (and not deleted) to the"
                                + " dead-letter queue; the verifier tries it on a queue of its own with billing's redrive"
                                + " settings, for counts up to " + MOST_RECEIVES + ".",
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
                        "Set VisibilityTimeout on {billing} to " + VISIBILITY_TIMEOUT + " (seconds), not the default 30:"
                                + " aws sqs set-queue-attributes --queue-url QUEUE_URL --attributes VisibilityTimeout="
                                + VISIBILITY_TIMEOUT + "; in CDK, QueueProps.visibilityTimeout(Duration.seconds(" + VISIBILITY_TIMEOUT
                                + ")). The verifier waits one timeout out.",
                        o -> o.billing().its("VisibilityTimeout", Queue::visibilityTimeout).should(eq(VISIBILITY_TIMEOUT)))
                        .forTask(5),
                new Check<Observed>("retention-period", "The billing queue keeps messages for 1 day",
                        "Retention is 1 min to 14 days (default 4 days)",
                        "Set MessageRetentionPeriod on {billing} to 1 day, " + RETENTION + " seconds (the default is 4 days):"
                                + " aws sqs set-queue-attributes --queue-url QUEUE_URL --attributes MessageRetentionPeriod=" + RETENTION
                                + "; in CDK, QueueProps.retentionPeriod(Duration.days(1)).",
                        o -> o.billing().its("MessageRetentionPeriod", Queue::retentionPeriod).should(eq(RETENTION)))
                        .forTask(5),
                new Check<Observed>("invisible-while-processing", "A received message stays hidden until its visibility timeout passes, then returns",
                        "Messages marked as invisible while being processed - If processing fails re-appears after visibility time out",
                        "Receive without deleting and the message is hidden for VisibilityTimeout seconds, then handed out"
                                + " again; the verifier ends its visibility early (ChangeMessageVisibility 0) to see it return,"
                                + " on a queue of its own configured like {billing}.",
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
                        "Set ReceiveMessageWaitTimeSeconds to " + LONG_POLL + " on {billing}, so every receive long-polls:"
                                + " aws sqs set-queue-attributes --queue-url QUEUE_URL --attributes ReceiveMessageWaitTimeSeconds="
                                + LONG_POLL + "; in CDK, QueueProps.receiveMessageWaitTime(Duration.seconds(" + LONG_POLL + ")).",
                        o -> o.billing().its("ReceiveMessageWaitTimeSeconds", Queue::receiveWaitTime).should(eq(LONG_POLL)))
                        .forTask(6),
                new Check<Observed>("long-poll-waits", "A receive on an empty queue waits for a message instead of returning at once",
                        "Long Polling - Doesnt return from request until either timeout or a message sent",
                        "With ReceiveMessageWaitTimeSeconds 20, a ReceiveMessage without WaitTimeSeconds waits for the"
                                + " message the verifier sent with a " + LONG_POLL_DELAY + " s delay (to a queue of its own"
                                + " configured like {billing}).",
                        o -> o.longPoll().judge("waited for the delayed message and got it", p ->
                                CheckResult.when(p.delivered() && p.elapsedMillis() >= LEAST_WAITED_MILLIS,
                                        "returned after " + p.elapsedMillis() + " ms " + (p.delivered() ? "with" : "without")
                                                + " the delayed message (queue wait " + p.queueWaitSeconds() + " s)",
                                        "waited for the delayed message and got it")))
                        .forTask(6),
                new Check<Observed>("message-size", "Messages over 256 KB are refused by the queue and the topic",
                        "256KB of text (any format e.g. JSON/XML)",
                        "SNS refuses more than 256 KB; SQS takes up to 1 MiB since 2025, so set MaximumMessageSize "
                                + MAX_MESSAGE_BYTES + " on {billing} to keep the 256 KB the notes teach: aws sqs set-queue-attributes"
                                + " --queue-url QUEUE_URL --attributes MaximumMessageSize=" + MAX_MESSAGE_BYTES + "; in CDK,"
                                + " QueueProps.maxMessageSizeBytes(" + MAX_MESSAGE_BYTES + ").",
                        o -> CheckResult.all(
                                o.sizes().its("queue, 256 KB:", Sizes::queueAtLimit).should(eq(Answers.ACCEPTED)),
                                o.sizes().its("queue, 256 KB + 1:", Sizes::queueOverLimit).should(REFUSED_TOO_LONG),
                                o.sizes().its("topic, 256 KB + 1:", Sizes::topicOverLimit).should(REFUSED_TOO_LONG)))
                        .forTask(7),
                new Check<Observed>("fifo-order", "A FIFO topic and queue keep the order inside a message group",
                        "FIFO - Firt in first out - Support message groups",
                        "Create a FIFO topic and a FIFO queue (names ending .fifo): aws sns create-topic --name {fifoTopic}"
                                + " --attributes FifoTopic=true; aws sqs create-queue --queue-name {fifoQueue} --attributes"
                                + " FifoQueue=true; in CDK, TopicProps.fifo(true) and QueueProps.fifo(true). Subscribe the queue to"
                                + " the topic; messages of one MessageGroupId arrive in the order published.",
                        o -> o.fifo().judge("the published order", f -> o.fifo().its("received", g -> List.copyOf(new LinkedHashSet<>(g.received())))
                                .should(eq(List.copyOf(new LinkedHashSet<>(f.published()))))))
                        .forTask(8),
                new Check<Observed>("fifo-dedup", "A duplicate deduplication id inside the window is delivered once",
                        "FIFO - Exactly once",
                        "Publish to the FIFO topic with a MessageDeduplicationId; a second publish with the same id within"
                                + " 5 minutes is accepted and dropped.",
                        o -> CheckResult.all(
                                o.fifo().its("copies of the message published twice", g -> g.received().stream().filter(g.duplicated()::equals).count())
                                        .should(eq(1L)),
                                o.fifo().its("the group's last message arrived", g -> g.received().contains(g.published().get(g.published().size() - 1)))
                                        .should(isTrue())))
                        .forTask(8));
    }

    @Override
    public Observed observe(Session session) {
        return new FanoutProbe(session).observe();
    }
}
