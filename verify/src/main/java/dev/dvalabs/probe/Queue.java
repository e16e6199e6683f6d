package dev.dvalabs.probe;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.arns.Arn;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * An SQS queue as GetQueueAttributes showed it once, in typed fields (InSpec's {@code aws_sqs_queue}): a
 * check names a property, {@code o.billing().its("visibility timeout", Queue::visibilityTimeout).should(eq(5))}.
 * An attribute the queue does not report reads as AWS's default.
 *
 * @param messages ApproximateNumberOfMessages; with {@code inFlight} and {@code delayed}, what the queue
 *                 holds, which tells whether anything but the verifier's own messages is there
 */
public record Queue(String name, String url, Arn arn, int visibilityTimeout, int retentionPeriod, int receiveWaitTime,
                    int maximumMessageSize, int delaySeconds, boolean fifo, boolean contentBasedDeduplication,
                    Optional<Redrive> redrive, String policy, int messages, int inFlight, int delayed) {

    static final int DEFAULT_VISIBILITY_TIMEOUT = 30;
    static final int DEFAULT_RETENTION = 345_600;
    /** SQS's default since 2025: 1 MiB. */
    static final int DEFAULT_MAXIMUM_MESSAGE_SIZE = 1_048_576;

    /** A redrive policy, parsed: the dead-letter queue's ARN (null when it names none) and maxReceiveCount. */
    public record Redrive(Arn deadLetterTarget, int maxReceiveCount) {
        static Optional<Redrive> parse(String json) {
            return Json.object(json).map(p -> new Redrive(Arn.tryFromString(p.path("deadLetterTargetArn").asText("")).orElse(null),
                    p.path("maxReceiveCount").asInt(0)));
        }
    }

    /** The queue from its URL and the attributes GetQueueAttributes (All) answered. */
    public static Queue of(String name, String url, Map<String, String> attributes) {
        return new Queue(name, url, Arn.fromString(attributes.get(QueueAttributeName.QUEUE_ARN.toString())),
                number(attributes, QueueAttributeName.VISIBILITY_TIMEOUT, DEFAULT_VISIBILITY_TIMEOUT),
                number(attributes, QueueAttributeName.MESSAGE_RETENTION_PERIOD, DEFAULT_RETENTION),
                number(attributes, QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS, 0),
                number(attributes, QueueAttributeName.MAXIMUM_MESSAGE_SIZE, DEFAULT_MAXIMUM_MESSAGE_SIZE),
                number(attributes, QueueAttributeName.DELAY_SECONDS, 0),
                Boolean.parseBoolean(attributes.get(QueueAttributeName.FIFO_QUEUE.toString())),
                Boolean.parseBoolean(attributes.get(QueueAttributeName.CONTENT_BASED_DEDUPLICATION.toString())),
                Redrive.parse(attributes.get(QueueAttributeName.REDRIVE_POLICY.toString())),
                attributes.getOrDefault(QueueAttributeName.POLICY.toString(), ""),
                number(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, 0),
                number(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, 0),
                number(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED, 0));
    }

    private static int number(Map<String, String> attributes, QueueAttributeName name, int absent) {
        String value = attributes.get(name.toString());
        return value == null || value.isBlank() ? absent : Integer.parseInt(value.trim());
    }

    /** The messages the queue holds: visible, in flight and delayed. */
    public int held() {
        return messages + inFlight + delayed;
    }

    /** The redrive policy's maxReceiveCount; 0 without one. */
    public int maxReceiveCount() {
        return redrive.map(Redrive::maxReceiveCount).orElse(0);
    }

    /** The ARN the redrive policy sends dead letters to, as text; "none" without one. */
    public String deadLetterTargetArn() {
        return redrive.map(Redrive::deadLetterTarget).map(Arn::toString).orElse("none");
    }

    /**
     * The attributes that make a queue behave like this one (timeouts, size, delay, FIFO), for a queue of the
     * verifier's own; its policy and redrive policy are not among them, as they name other resources.
     */
    public Map<QueueAttributeName, String> behaviour() {
        Map<QueueAttributeName, String> like = new LinkedHashMap<>();
        like.put(QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibilityTimeout));
        like.put(QueueAttributeName.MESSAGE_RETENTION_PERIOD, Integer.toString(retentionPeriod));
        like.put(QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS, Integer.toString(receiveWaitTime));
        like.put(QueueAttributeName.MAXIMUM_MESSAGE_SIZE, Integer.toString(maximumMessageSize));
        like.put(QueueAttributeName.DELAY_SECONDS, Integer.toString(delaySeconds));
        if (fifo) {
            like.put(QueueAttributeName.FIFO_QUEUE, "true");
            like.put(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, Boolean.toString(contentBasedDeduplication));
        }
        return like;
    }

    /** What a learner runs to empty the queue: the exact command, with its URL. */
    public String purgeCommand() {
        return "aws sqs purge-queue --queue-url " + url;
    }
}
