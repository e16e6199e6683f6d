package dev.dvalabs.probe;

import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Session;
import dev.dvalabs.verify.Write;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.arns.Arn;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * SQS as the verifiers use it: a queue read once into a {@link Queue}, queues of the verifier's own made like
 * a learner's, and taking the verifier's own messages out of a learner's queue.
 *
 * <p>A receive adds one to a message's receive count, on which a redrive policy moves it to a dead-letter
 * queue; a learner's message must keep its count. So the behaviour of a queue (visibility, redrive, long
 * polling, size) is shown on a queue of the verifier's own configured like the learner's ({@link #ownLike}),
 * and a learner's queue is received from only while its counts say it holds nothing but the verifier's own
 * messages ({@link #takeOwn}); otherwise the probe says what to drain instead of guessing.
 */
public final class Sqs {

    /** How long a message of the verifier's stays hidden once received: it is deleted at once, or back soon after a kill. */
    static final int OWN_VISIBILITY = 5;

    private final SqsClient sqs;

    public Sqs(SqsClient sqs) {
        this.sqs = sqs;
    }

    public String url(String queueName) {
        return sqs.getQueueUrl(r -> r.queueName(queueName)).queueUrl();
    }

    /** Every attribute of the queue, by name. */
    public Map<String, String> attributes(String queueName) {
        String url = url(queueName);
        return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributesAsStrings();
    }

    /** An integer attribute, or {@code absent} when the queue does not report it. */
    public static int intAttribute(Map<String, String> attributes, QueueAttributeName name, int absent) {
        String value = attributes.get(name.toString());
        return value == null ? absent : Integer.parseInt(value);
    }

    /** The queue of this name, or what SQS answered, naming the queue. */
    public Fact<Queue> queue(String name) {
        return Fact.about("queue " + name, () -> read(name, url(name)));
    }

    /** The queue an ARN names (a redrive policy's dead-letter target), or what SQS answered. */
    public Fact<Queue> queue(Arn arn) {
        String name = arn.resourceAsString();
        return Fact.about("queue " + arn, () -> read(name, sqs.getQueueUrl(r -> r.queueName(name)
                .queueOwnerAWSAccountId(arn.accountId().orElse(null))).queueUrl()));
    }

    /** The queue read again: its counts now. */
    public Queue again(Queue queue) {
        return read(queue.name(), queue.url());
    }

    private Queue read(String name, String url) {
        return Queue.of(name, url, sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL))
                .attributesAsStrings());
    }

    /**
     * A queue of the verifier's own that behaves like {@code learner}'s: its timeouts, size, delay and FIFO,
     * and, when it has a redrive policy, the same maxReceiveCount to a dead-letter queue of the verifier's own.
     * Each is journaled before it is made and deleted when the session ends.
     */
    public Queue ownLike(Session session, Queue learner, String role) {
        String base = session.marker().value() + "-" + role;
        String fifo = learner.fifo() ? ".fifo" : "";
        Map<QueueAttributeName, String> attributes = new LinkedHashMap<>(learner.behaviour());
        learner.redrive().filter(r -> r.maxReceiveCount() > 0).ifPresent(redrive -> {
            Queue deadLetters = create(session, base + "-dlq" + fifo,
                    learner.fifo() ? Map.of(QueueAttributeName.FIFO_QUEUE, "true") : Map.of());
            attributes.put(QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + deadLetters.arn()
                    + "\",\"maxReceiveCount\":" + redrive.maxReceiveCount() + "}");
        });
        return create(session, base + fifo, attributes);
    }

    private Queue create(Session session, String name, Map<QueueAttributeName, String> attributes) {
        session.write(new OwnQueue(name), () -> sqs.createQueue(r -> r.queueName(name).attributes(attributes)));
        return read(name, url(name));
    }

    /** What {@link #takeOwn} took, and why it stopped reading when the queue held messages not the verifier's. */
    public record Taken(List<String> bodies, String crowded) {
        public boolean complete() {
            return crowded == null;
        }
    }

    /**
     * Receives the verifier's own messages ({@code ours}) from a learner's queue and deletes them, until
     * {@code done} holds for the bodies taken, or the deadline; then {@code settle} longer, to see that
     * nothing more comes. It receives only while the queue's counts are at most the {@code expected}
     * messages of the verifier's not yet taken: when they say more, it stops without receiving and says
     * what to drain. A message of another that a receive still hands it (one sent just then) goes back at
     * once, and the verify says so too.
     */
    public Taken takeOwn(Session session, Queue queue, Predicate<String> ours, int expected, Duration patience,
                         Duration settle, Predicate<List<String>> done) {
        List<String> taken = new ArrayList<>();
        String[] crowded = {null};
        Runnable look = () -> {
            Queue now = again(queue);
            int strangers = now.held() - (expected - taken.size());
            if (strangers > 0) {
                crowded[0] = crowded(now, strangers);
                return;
            }
            for (Message message : sqs.receiveMessage(r -> r.queueUrl(queue.url()).maxNumberOfMessages(10)
                    .waitTimeSeconds(1).visibilityTimeout(OWN_VISIBILITY)).messages()) {
                if (ours.test(message.body())) {
                    sqs.deleteMessage(d -> d.queueUrl(queue.url()).receiptHandle(message.receiptHandle()));
                    taken.add(message.body());
                } else {
                    sqs.changeMessageVisibility(c -> c.queueUrl(queue.url()).receiptHandle(message.receiptHandle()).visibilityTimeout(0));
                    crowded[0] = "queue " + queue.name() + " received a message that is not the verifier's while verify read it"
                            + " (handed back at once, received once); stop what sends to it, or drain it ("
                            + queue.purgeCommand() + "), then verify again";
                }
            }
        };
        session.poll(patience, Duration.ZERO).last(() -> {
            look.run();
            return crowded[0] != null || done.test(taken);
        }, Boolean::booleanValue);
        if (crowded[0] == null && !settle.isZero() && !settle.isNegative()) {
            session.poll(settle, Duration.ZERO).last(() -> {
                look.run();
                return crowded[0] != null;
            }, Boolean::booleanValue);
        }
        return new Taken(List.copyOf(taken), crowded[0]);
    }

    /** Why a learner's queue was not read, and what to do. */
    public static String crowded(Queue queue, int strangers) {
        return "not tried: queue " + queue.name() + " holds " + strangers + (strangers == 1 ? " message that is" : " messages that are")
                + " not the verifier's, and every receive would count towards their maxReceiveCount; the verifier"
                + " reads a queue of yours only while it holds none of your messages: drain it (" + queue.purgeCommand()
                + ") or let your consumer empty it, then verify again";
    }

    /** A queue of the verifier's own, by its exact name (carrying the run's mark); undone by DeleteQueue of its URL. */
    public record OwnQueue(String name) implements Write {
        @Override
        public void undo(Session session) {
            SqsClient sqs = session.client(SqsClient.class);
            try {
                String url = sqs.getQueueUrl(r -> r.queueName(name)).queueUrl();
                sqs.deleteQueue(r -> r.queueUrl(url));
            } catch (QueueDoesNotExistException gone) {
                // never made, or deleted already
            }
        }

        @Override
        public String describe() {
            return "the verifier's queue " + name;
        }
    }

    /**
     * Messages of the verifier's on their way into a learner's queue (published to a topic that feeds it):
     * those whose message is one of {@code messages} exactly, or carries one of {@code marks} (each holding
     * the run's mark). Undoing takes them out only while the queue holds no more messages than these, so
     * that no message of the learner's is received; otherwise they stay journaled, and the next verify tries.
     * A queue that already held {@code heldBefore} messages of the learner's is never received from: when its
     * count has not grown, none of these arrived; when it has, they stay journaled and the verify says so.
     */
    public record SentMessages(String queueUrl, List<String> messages, List<String> marks, int heldBefore) implements Write {

        public SentMessages(String queueUrl, List<String> messages, List<String> marks) {
            this(queueUrl, messages, marks, 0);
        }

        /**
         * The most of these the queue can hold: each message once, each mark up to twice (one send to the SES
         * mailbox simulator's complaint address yields a Delivery and a Complaint notification).
         */
        public int most() {
            return messages.size() + 2 * marks.size();
        }

        public boolean ours(String body) {
            String message = Sns.message(body);
            return messages.contains(message) || marks.stream().anyMatch(message::contains);
        }

        @Override
        public void undo(Session session) {
            SqsClient client = session.client(SqsClient.class);
            Sqs sqs = new Sqs(client);
            Queue queue;
            try {
                queue = sqs.read(queueUrl.substring(queueUrl.lastIndexOf('/') + 1), queueUrl);
            } catch (QueueDoesNotExistException gone) {
                return;
            }
            if (queue.held() == 0 || (heldBefore > 0 && queue.held() <= heldBefore)) {
                return;
            }
            if (heldBefore > 0) {
                throw new IllegalStateException("messages of the verifier's may be in queue " + queue.name() + ", among "
                        + heldBefore + " of yours: " + crowded(queue, heldBefore));
            }
            Duration wait = Duration.ofSeconds(Math.min(15, Math.max(OWN_VISIBILITY, queue.delaySeconds()) + 2));
            Taken taken = sqs.takeOwn(session, queue, this::ours, most(), wait, Duration.ZERO,
                    bodies -> sqs.again(queue).held() == 0);
            if (!taken.complete() || sqs.again(queue).held() > 0) {
                throw new IllegalStateException("messages of the verifier's may still be in queue " + queue.name()
                        + (taken.complete() ? "" : " (" + taken.crowded() + ")"));
            }
        }

        @Override
        public String describe() {
            return "the verifier's messages in queue " + queueUrl;
        }
    }
}
