package dev.dvalabs.exercises.snssqsfanout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * One queue's messages sorted by a marker: those whose body carries it (a verify's own, {@code
 * dva-labs-verify-...}) are deleted, every other one is set aside, hidden, until {@link #release}.
 *
 * <p>SQS cannot look at a message without receiving it, and every receive adds one to the message's
 * receive count, on which a redrive policy moves it to a dead-letter queue. So a message that is not
 * the verifier's is received once and held hidden: were it put back at once, the next receive of the
 * sweep, and then the verifier's own receives (the dead-letter probe's receive it again and again),
 * would hand it out over and over. {@link #release} puts every held message back, visibility 0, in one
 * go; should the JVM be killed first, each comes back by itself after {@link #HOLD}. A queue whose
 * counts say it is empty is not received from at all.
 */
final class MarkedMessages {

    /** How long a set-aside message stays hidden should nobody release it; longer than a verify takes. */
    static final Duration HOLD = Duration.ofSeconds(30);
    /** The longest a sweep waits for hidden or delayed messages to come back to be looked at. */
    static final Duration MOST_WAITED = Duration.ofSeconds(6);

    private static final List<QueueAttributeName> COUNTS = List.of(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED);

    private final String url;
    private final List<Message> held = new ArrayList<>();

    MarkedMessages(String url) {
        this.url = url;
    }

    /**
     * Deletes every message whose body is {@code ours} and sets the others aside, waiting (at most the
     * queue's visibility timeout, capped at {@link #MOST_WAITED}) for hidden or delayed ones to come
     * back; returns how many it deleted.
     */
    synchronized int clear(SqsClient sqs, Predicate<String> ours) {
        List<QueueAttributeName> asked = new ArrayList<>(COUNTS);
        asked.add(QueueAttributeName.VISIBILITY_TIMEOUT);
        Map<String, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(asked)).attributesAsStrings();
        Duration timeout = Duration.ofSeconds(Long.parseLong(attributes.getOrDefault(QueueAttributeName.VISIBILITY_TIMEOUT.toString(), "30")));
        Instant deadline = Instant.now().plus(timeout.compareTo(MOST_WAITED) < 0 ? timeout : MOST_WAITED).plusSeconds(1);
        int deleted = 0;
        // The counts include the messages held here: the sweep is done when nothing else is left to look at.
        while (count(attributes) > held.size() && Instant.now().isBefore(deadline)) {
            for (Message message : sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .visibilityTimeout((int) HOLD.toSeconds())).messages()) {
                if (ours.test(message.body())) {
                    sqs.deleteMessage(d -> d.queueUrl(url).receiptHandle(message.receiptHandle()));
                    deleted++;
                } else {
                    held.add(message);
                }
            }
            attributes = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(COUNTS)).attributesAsStrings();
        }
        return deleted;
    }

    /** Makes the set-aside messages visible again at once, ten to a request; safe to call twice. */
    synchronized void release(SqsClient sqs) {
        for (int from = 0; from < held.size(); from += 10) {
            List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
            for (int i = from; i < Math.min(held.size(), from + 10); i++) {
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder().id("m" + i)
                        .receiptHandle(held.get(i).receiptHandle()).visibilityTimeout(0).build());
            }
            sqs.changeMessageVisibilityBatch(r -> r.queueUrl(url).entries(entries));
        }
        held.clear();
    }

    private static int count(Map<String, String> attributes) {
        return COUNTS.stream().mapToInt(name -> Integer.parseInt(attributes.getOrDefault(name.toString(), "0"))).sum();
    }
}
