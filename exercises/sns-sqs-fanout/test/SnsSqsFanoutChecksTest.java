package dev.dvalabs.exercises.snssqsfanout;

import dev.dvalabs.testing.ChecksContract;
import dev.dvalabs.probe.Queue;
import dev.dvalabs.verify.Check;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Report;
import dev.dvalabs.verify.Status;
import dev.dvalabs.verify.Verification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.exercises.snssqsfanout.SnsSqsFanoutVerifier.Fanout;
import dev.dvalabs.exercises.snssqsfanout.SnsSqsFanoutVerifier.Fifo;
import dev.dvalabs.exercises.snssqsfanout.SnsSqsFanoutVerifier.LongPoll;
import dev.dvalabs.exercises.snssqsfanout.SnsSqsFanoutVerifier.Observed;
import dev.dvalabs.exercises.snssqsfanout.SnsSqsFanoutVerifier.QueuePolicy;
import dev.dvalabs.exercises.snssqsfanout.SnsSqsFanoutVerifier.Redrive;
import dev.dvalabs.exercises.snssqsfanout.SnsSqsFanoutVerifier.Sizes;
import dev.dvalabs.exercises.snssqsfanout.SnsSqsFanoutVerifier.Visibility;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Each sns-sqs-fanout check judged on observations that differ from a correct fan-out in one fact,
 * including behaviour a correct service never shows (a FIFO queue that reorders, a duplicate
 * delivered twice), so that every check is seen failing.
 */
class SnsSqsFanoutChecksTest extends ChecksContract<Observed, SnsSqsFanoutChecksTest.Seen> {

    SnsSqsFanoutChecksTest() {
        super(() -> new SnsSqsFanoutVerifier().checks(), Seen::new, Seen::build);
    }


    static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:dva-labs-order-events";
    static final String FIFO_TOPIC = "arn:aws:sns:us-east-1:123456789012:dva-labs-order-events.fifo";
    static final String SNS = "{\"Service\":\"sns.amazonaws.com\"}";
    static final String QUEUE_ARN_PREFIX = "arn:aws:sqs:us-east-1:123456789012:";
    static final String DLQ = "arn:aws:sqs:us-east-1:123456789012:dva-labs-billing-dlq";
    static final String SHIPPED = "run-shipped";
    static final String PLACED = "run-placed";
    static final String CROWDED = "not tried: queue dva-labs-billing holds 2 messages that are not the verifier's, and every"
            + " receive would count towards their maxReceiveCount; ... drain it (aws sqs purge-queue --queue-url"
            + " http://localhost/000000000000/dva-labs-billing) or let your consumer empty it, then verify again";
    static final List<String> FIFO_PUBLISHED = List.of("f-1", "f-2", "f-3", "f-3", "f-4", "f-5");

    /** A correct fan-out's observations, one field at a time changeable. */
    static final class Seen {
        Map<String, String> billing = new HashMap<>(Map.of(
                "VisibilityTimeout", "5",
                "MessageRetentionPeriod", "86400",
                "ReceiveMessageWaitTimeSeconds", "20",
                "MaximumMessageSize", "262144",
                "RedrivePolicy", "{\"deadLetterTargetArn\":\"" + DLQ + "\",\"maxReceiveCount\":3}",
                "QueueArn", QUEUE_ARN_PREFIX + "dva-labs-billing"));
        Fact<Queue> deadLetter = Fact.of(queue("dva-labs-billing-dlq", Map.of("QueueArn", DLQ)));
        List<Fact<QueuePolicy>> policies = List.of(
                Fact.of(queuePolicy("dva-labs-billing", TOPIC, onlyFrom(TOPIC, "dva-labs-billing"))),
                Fact.of(queuePolicy("dva-labs-shipping", TOPIC, onlyFrom(TOPIC, "dva-labs-shipping"))),
                Fact.of(queuePolicy("dva-labs-ledger.fifo", FIFO_TOPIC, onlyFrom(FIFO_TOPIC, "dva-labs-ledger.fifo"))));

        /** Billing's policy replaced, the other queues' kept. */
        void billingPolicy(String policy) {
            policies = List.of(Fact.of(queuePolicy("dva-labs-billing", TOPIC, policy)), policies.get(1), policies.get(2));
        }
        Fact<Fanout> fanout = Fact.of(new Fanout(TOPIC, SHIPPED, PLACED,
                List.of(envelope(TOPIC, PLACED), envelope(TOPIC, SHIPPED)), List.of(SHIPPED)));
        Fact<Visibility> visibility = Fact.of(new Visibility(5, true, true, true));
        Fact<Redrive> redrive = Fact.of(new Redrive(3, 3, true));
        Fact<LongPoll> longPoll = Fact.of(new LongPoll(20, 1_010, true));
        Fact<Sizes> sizes = Fact.of(new Sizes("InvalidParameterValue: Message must be shorter than 262144 bytes.", "accepted",
                "InvalidParameter: Invalid parameter: Message too long"));
        Fact<Fifo> fifo = Fact.of(new Fifo(FIFO_PUBLISHED, "f-3", List.of("f-1", "f-2", "f-3", "f-4", "f-5")));

        Observed build() {
            return new Observed(Fact.of(queue("dva-labs-billing", billing)), deadLetter, policies, fanout, visibility, redrive, longPoll, sizes, fifo);
        }
    }

    static Queue queue(String name, Map<String, String> attributes) {
        return Queue.of(name, "http://localhost/000000000000/" + name, attributes);
    }

    static QueuePolicy queuePolicy(String queue, String topicArn, String policy) {
        return new QueuePolicy(queue, QUEUE_ARN_PREFIX + queue, topicArn, policy);
    }

    /** A policy of one statement on billing, given its Principal, action element and condition (or null). */
    static String billingStatement(String principal, String action, String condition) {
        return """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":%s,%s,
                 "Resource":"arn:aws:sqs:us-east-1:123456789012:dva-labs-billing"%s}]}"""
                .formatted(principal, action, condition == null ? "" : ",\"Condition\":" + condition);
    }

    /** The statement CDK's SqsSubscription writes. */
    static String onlyFrom(String topicArn, String queue) {
        return """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},
                 "Action":"sqs:SendMessage","Resource":"arn:aws:sqs:us-east-1:123456789012:%s",
                 "Condition":{"ArnEquals":{"aws:SourceArn":"%s"}}}]}""".formatted(queue, topicArn);
    }

    static String envelope(String topicArn, String message) {
        return """
                {"Type":"Notification","MessageId":"1","TopicArn":"%s","Message":"%s","Timestamp":"2026-01-01T00:00:00.000Z"}"""
                .formatted(topicArn, message);
    }

    @Override
    protected Stream<Mistake<Seen>> mistakes() {
        return Stream.of(
                wrong("fanout", "shipping not subscribed",
                        (Consumer<Seen>) s -> s.fanout = Fact.of(new Fanout(TOPIC, SHIPPED, PLACED,
                                List.of(envelope(TOPIC, PLACED), envelope(TOPIC, SHIPPED)), List.of())),
                        "filter-policy", "raw-delivery"),
                wrong("fanout", "billing holding messages of the learner's, so the verifier published nothing",
                        (Consumer<Seen>) s -> s.fanout = Fact.withheld(CROWDED), "filter-policy", "raw-delivery"),
                wrong("filter-policy", "no filter on shipping",
                        (Consumer<Seen>) s -> s.fanout = Fact.of(new Fanout(TOPIC, SHIPPED, PLACED,
                                List.of(envelope(TOPIC, PLACED), envelope(TOPIC, SHIPPED)), List.of(PLACED, SHIPPED)))),
                wrong("filter-policy", "the filter also on billing",
                        (Consumer<Seen>) s -> s.fanout = Fact.of(new Fanout(TOPIC, SHIPPED, PLACED,
                                List.of(envelope(TOPIC, SHIPPED)), List.of(SHIPPED)))),
                wrong("raw-delivery", "shipping without raw delivery",
                        (Consumer<Seen>) s -> s.fanout = Fact.of(new Fanout(TOPIC, SHIPPED, PLACED,
                                List.of(envelope(TOPIC, PLACED), envelope(TOPIC, SHIPPED)), List.of(envelope(TOPIC, SHIPPED))))),
                wrong("raw-delivery", "an envelope from another topic on billing",
                        (Consumer<Seen>) s -> s.fanout = Fact.of(new Fanout(TOPIC, SHIPPED, PLACED,
                                List.of(envelope(TOPIC, PLACED), envelope(FIFO_TOPIC, SHIPPED)), List.of(SHIPPED)))),
                wrong("raw-delivery", "raw delivery on billing too",
                        (Consumer<Seen>) s -> s.fanout = Fact.of(new Fanout(TOPIC, SHIPPED, PLACED,
                                List.of(PLACED, SHIPPED), List.of(SHIPPED)))),
                wrong("queue-policy", "a queue without a policy",
                        (Consumer<Seen>) s -> s.billingPolicy("")),
                wrong("queue-policy", "a policy that is not JSON",
                        (Consumer<Seen>) s -> s.billingPolicy("Allow sns")),
                wrong("queue-policy", "a queue policy granting sqs:Send* to anyone",
                        (Consumer<Seen>) s -> s.billingPolicy(billingStatement("\"*\"", "\"Action\":\"sqs:Send*\"", null))),
                wrong("queue-policy", "a policy letting anyone do everything but delete, through NotAction",
                        (Consumer<Seen>) s -> s.billingPolicy(billingStatement("\"*\"", "\"NotAction\":\"sqs:DeleteQueue\"", null))),
                wrong("queue-policy", "sns.amazonaws.com allowed for any topic",
                        (Consumer<Seen>) s -> s.billingPolicy(billingStatement(SNS, "\"Action\":\"sqs:SendMessage\"", null))),
                wrong("queue-policy", "a policy conditioned on another topic",
                        (Consumer<Seen>) s -> s.billingPolicy(onlyFrom(FIFO_TOPIC, "dva-labs-billing"))),
                wrong("queue-policy", "the topic allowed, but only to receive",
                        (Consumer<Seen>) s -> s.billingPolicy(onlyFrom(TOPIC, "dva-labs-billing").replace("sqs:SendMessage", "sqs:ReceiveMessage"))),
                wrong("queue-policy", "the topic's statement plus one open to all",
                        (Consumer<Seen>) s -> s.billingPolicy(onlyFrom(TOPIC, "dva-labs-billing").replace("}]}",
                                "},{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"sqs:*\"}]}"))),
                wrong("queue-policy", "the FIFO queue not told which topic may send",
                        (Consumer<Seen>) s -> s.policies = List.of(s.policies.get(0), s.policies.get(1),
                                Fact.of(queuePolicy("dva-labs-ledger.fifo", FIFO_TOPIC, onlyFrom(TOPIC, "dva-labs-ledger.fifo"))))),
                wrong("queue-policy", "no shipping queue",
                        (Consumer<Seen>) s -> s.policies = List.of(s.policies.get(0),
                                Fact.refused("queue dva-labs-shipping: AWS.SimpleQueueService.NonExistentQueue: no such queue"), s.policies.get(2))),
                wrong("visibility-timeout", "the default 30 s",
                        (Consumer<Seen>) s -> s.billing.put("VisibilityTimeout", "30")),
                wrong("visibility-timeout", "10 s where the instructions ask for 5",
                        (Consumer<Seen>) s -> s.billing.put("VisibilityTimeout", "10")),
                wrong("retention-period", "the default 4 days",
                        (Consumer<Seen>) s -> s.billing.put("MessageRetentionPeriod", "345600")),
                wrong("retention-period", "2 days where the instructions ask for 1",
                        (Consumer<Seen>) s -> s.billing.put("MessageRetentionPeriod", "172800")),
                wrong("long-polling", "a 10 s wait",
                        (Consumer<Seen>) s -> s.billing.put("ReceiveMessageWaitTimeSeconds", "10")),
                wrong("dead-letter-queue", "no redrive policy",
                        (Consumer<Seen>) s -> s.billing.remove("RedrivePolicy")),
                wrong("dead-letter-queue", "maxReceiveCount 5 where the instructions ask for 3",
                        (Consumer<Seen>) s -> s.billing.put("RedrivePolicy",
                                "{\"deadLetterTargetArn\":\"" + DLQ + "\",\"maxReceiveCount\":5}")),
                wrong("dead-letter-queue", "no dead-letter queue",
                        (Consumer<Seen>) s -> s.deadLetter = Fact.refused("queue dva-labs-billing-dlq: AWS.SimpleQueueService.NonExistentQueue: no such queue")),
                wrong("dead-letter-queue", "a redrive policy to another queue",
                        (Consumer<Seen>) s -> s.billing.put("RedrivePolicy",
                                "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:123456789012:other\",\"maxReceiveCount\":3}")),
                wrong("invisible-while-processing", "a message visible again during the timeout",
                        (Consumer<Seen>) s -> s.visibility = Fact.of(new Visibility(5, true, false, true))),
                wrong("invisible-while-processing", "a message that never returns",
                        (Consumer<Seen>) s -> s.visibility = Fact.of(new Visibility(5, true, true, false))),
                wrong("invisible-while-processing", "a message sent that never arrived",
                        (Consumer<Seen>) s -> s.visibility = Fact.of(new Visibility(5, false, false, false))),
                wrong("moved-to-dlq", "a message still handed out after maxReceiveCount",
                        (Consumer<Seen>) s -> s.redrive = Fact.of(new Redrive(3, 4, false))),
                wrong("moved-to-dlq", "a message moved before maxReceiveCount",
                        (Consumer<Seen>) s -> s.redrive = Fact.of(new Redrive(3, 2, true))),
                wrong("long-poll-waits", "a receive that returns at once, empty",
                        (Consumer<Seen>) s -> s.longPoll = Fact.of(new LongPoll(0, 12, false))),
                wrong("long-poll-waits", "the delayed message handed out at once, its delay not kept",
                        (Consumer<Seen>) s -> s.longPoll = Fact.of(new LongPoll(20, 12, true))),
                wrong("message-size", "a queue that takes 256 KB + 1",
                        (Consumer<Seen>) s -> s.sizes = Fact.of(new Sizes("accepted", "accepted", "InvalidParameter: too long"))),
                wrong("message-size", "a queue capped below 256 KB",
                        (Consumer<Seen>) s -> s.sizes = Fact.of(new Sizes("InvalidParameterValue: too long",
                                "InvalidParameterValue: too long", "InvalidParameter: too long"))),
                wrong("message-size", "a topic that takes 256 KB + 1",
                        (Consumer<Seen>) s -> s.sizes = Fact.of(new Sizes("InvalidParameterValue: too long", "accepted", "accepted"))),
                wrong("fifo-order", "a group delivered out of order",
                        (Consumer<Seen>) s -> s.fifo = Fact.of(new Fifo(FIFO_PUBLISHED, "f-3", List.of("f-2", "f-1", "f-3", "f-4", "f-5")))),
                wrong("fifo-order", "no FIFO topic",
                        (Consumer<Seen>) s -> s.fifo = Fact.refused("NotFound: Topic does not exist"), "fifo-dedup"),
                wrong("fifo-order", "the ledger holding messages of the learner's, so the verifier published nothing",
                        (Consumer<Seen>) s -> s.fifo = Fact.withheld(CROWDED), "fifo-dedup"),
                wrong("fifo-dedup", "a duplicate delivered twice",
                        (Consumer<Seen>) s -> s.fifo = Fact.of(new Fifo(FIFO_PUBLISHED, "f-3",
                                List.of("f-1", "f-2", "f-3", "f-3", "f-4", "f-5")))),
                wrong("fifo-dedup", "a group whose last message never came",
                        (Consumer<Seen>) s -> s.fifo = Fact.of(new Fifo(FIFO_PUBLISHED, "f-3", List.of("f-1", "f-2", "f-3", "f-4"))), "fifo-order"));
    }

    @Test
    @DisplayName("a queue holding the learner's messages fails what arrives there, never passes, and says how to drain it")
    void crowdedQueueSaysWhatToDrain() {
        Seen seen = new Seen();
        seen.fanout = Fact.withheld(CROWDED);
        Report report = judge(seen);
        for (String check : List.of("fanout", "filter-policy", "raw-delivery")) {
            assertThat(report.outcome(check).status()).as(check).isEqualTo(Status.FAIL);
            assertThat(report.outcome(check).result().observed()).as(check).startsWith("not tried: queue dva-labs-billing holds 2")
                    .contains("aws sqs purge-queue --queue-url").doesNotContain("AWS refused");
        }
    }

    @Test
    @DisplayName("a redrive policy the verifier did not try, or none, fails moved-to-dlq")
    void redriveNotTried() {
        Seen seen = new Seen();
        seen.redrive = Fact.of(new Redrive(0, 0, false));
        assertThat(judge(seen).outcome("moved-to-dlq").result().observed()).contains("no redrive policy");
        seen.redrive = Fact.of(new Redrive(50, 0, false));
        assertThat(judge(seen).outcome("moved-to-dlq").status()).isEqualTo(Status.FAIL);
    }

    @Test
    @DisplayName("a missing queue fails the configuration checks with what SQS said")
    void missingQueue() {
        Seen seen = new Seen();
        Observed refused = new Observed(Fact.refused("queue dva-labs-billing: QueueDoesNotExist: The specified queue does not exist."),
                seen.deadLetter, seen.policies, seen.fanout, seen.visibility, seen.redrive, seen.longPoll, seen.sizes, seen.fifo);
        Report report = Verification.judge(new SnsSqsFanout().id(), new SnsSqsFanoutVerifier().checks(), refused, "aws", Map.of());
        for (String check : List.of("visibility-timeout", "retention-period", "long-polling", "dead-letter-queue")) {
            assertThat(report.outcome(check).status()).as(check).isEqualTo(Status.FAIL);
            assertThat(report.outcome(check).result().observed()).as(check).contains("queue dva-labs-billing: QueueDoesNotExist");
        }
    }

    @Test
    @DisplayName("a queue policy granting sqs:Send* to the topic with the right aws:SourceArn passes queue-policy")
    void sendWildcardForTheTopicPasses() {
        Seen seen = new Seen();
        seen.billingPolicy(onlyFrom(TOPIC, "dva-labs-billing").replace("sqs:SendMessage", "sqs:Send*"));
        assertThat(judge(seen).outcome("queue-policy").status()).isEqualTo(Status.PASS);
    }

    @Test
    @DisplayName("a queue policy letting anyone send says whom it lets in, naming the queue")
    void openPolicySaysWhom() {
        Seen seen = new Seen();
        seen.billingPolicy(billingStatement("\"*\"", "\"Action\":\"sqs:Send*\"", null));
        assertThat(judge(seen).outcome("queue-policy").result().observed())
                .contains("dva-labs-billing: ", "anonymous").contains("dva-labs-shipping: " + SnsSqsFanoutVerifier.ONLY_ITS_TOPIC);
    }

}
