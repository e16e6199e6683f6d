package dev.dvalabs.probe;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

/** SQS as the verifiers use it: a queue's URL and attributes, and receiving a verify run's own messages. */
public final class Sqs {

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

    /**
     * Receives and deletes the messages whose body contains {@code marker} (a verify run's own), until
     * {@code done} holds for the bodies received so far or the patience runs out; other messages are
     * left alone. Returns the bodies, in order. SQS has no waiter for a message, so this loop long-polls
     * in its place.
     */
    public List<String> receiveOwn(String url, String marker, Duration patience, Predicate<List<String>> done) {
        Instant deadline = Instant.now().plus(patience);
        List<String> bodies = new ArrayList<>();
        do {
            int wait = (int) Math.max(1, Math.min(20, Duration.between(Instant.now(), deadline).toSeconds()));
            for (Message message : sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(wait))
                    .messages()) {
                if (message.body().contains(marker)) {
                    bodies.add(message.body());
                    sqs.deleteMessage(d -> d.queueUrl(url).receiptHandle(message.receiptHandle()));
                }
            }
        } while (!done.test(bodies) && Instant.now().isBefore(deadline));
        return bodies;
    }

    /**
     * Receives the message with this body without deleting it; {@code visibilitySeconds} null keeps the
     * queue's own visibility timeout.
     */
    public Optional<Message> receiveOne(String url, String body, int waitSeconds, Integer visibilitySeconds) {
        ReceiveMessageRequest.Builder request = ReceiveMessageRequest.builder().queueUrl(url)
                .maxNumberOfMessages(10).waitTimeSeconds(Math.min(20, waitSeconds)).visibilityTimeout(visibilitySeconds);
        return sqs.receiveMessage(request.build()).messages().stream().filter(m -> m.body().equals(body)).findFirst();
    }

    public void delete(String url, String receiptHandle) {
        sqs.deleteMessage(d -> d.queueUrl(url).receiptHandle(receiptHandle));
    }
}
