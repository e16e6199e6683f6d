package dev.dvalabs.exercises.snssqsfanout;

import static dev.dvalabs.exercises.snssqsfanout.SnsSqsFanoutVerifier.ONLY_ITS_TOPIC;
import static dev.dvalabs.exercises.snssqsfanout.SnsSqsFanoutVerifier.SNS_PRINCIPAL;

import dev.dvalabs.exercises.snssqsfanout.SnsSqsFanoutVerifier.QueuePolicy;
import dev.dvalabs.policy.Caller;
import dev.dvalabs.policy.Policies;
import dev.dvalabs.policy.PolicyException;
import dev.dvalabs.policy.Request;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.arns.Arn;

/** Who a queue's policy lets send besides SNS acting for its topic, and whether that topic may: each wrong, in a line. */
record Senders(String queue, List<String> wrong) {

    /** Who the queue's policy lets send, as IAM decides it: nothing wrong when only SNS acting for the topic may send. */
    static Senders of(QueuePolicy queue) {
        if (queue.policy().isEmpty()) {
            return new Senders(queue.queue(), List.of("no queue policy"));
        }
        Policies policies;
        try {
            policies = Policies.of(queue.policy());
        } catch (PolicyException e) {
            return new Senders(queue.queue(), List.of(e.getMessage()));
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
        return new Senders(queue.queue(), List.copyOf(wrong));
    }

    boolean onlyItsTopic() {
        return wrong.isEmpty();
    }

    @Override
    public String toString() {
        return queue + ": " + (wrong.isEmpty() ? ONLY_ITS_TOPIC : String.join("; ", wrong));
    }
}
