package dev.dvalabs.exercises.snssqsfanout.solution;

import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.cdk.Variant;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.sns.StringConditions;
import software.amazon.awscdk.services.sns.SubscriptionFilter;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.TopicProps;
import software.amazon.awscdk.services.sns.subscriptions.SqsSubscription;
import software.amazon.awscdk.services.sns.subscriptions.SqsSubscriptionProps;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueProps;
import software.constructs.Construct;

/**
 * sns-sqs-fanout, the solution: an order-events topic fanned out to a billing queue (every event, in the SNS
 * envelope, with a dead-letter queue, its timeouts set on purpose and long polling) and a shipping queue (raw
 * delivery, only events whose {@code status} is {@code SHIPPED}); a FIFO topic feeding a FIFO ledger queue.
 */
public final class SnsSqsFanoutSolution extends ExerciseStack {

    public SnsSqsFanoutSolution(Construct scope, String exerciseId) {
        super(scope, exerciseId, Variant.SOLUTION, "Topic and queues for the SNS to SQS fan-out exercise");

        Topic topic = new Topic(this, "OrderEvents", TopicProps.builder().topicName(name("topic")).build());
        Queue deadLetters = queue("BillingDeadLetters", QueueProps.builder().queueName(name("deadLetter"))
                .retentionPeriod(Duration.days(14)));
        Queue billingQueue = queue("Billing", QueueProps.builder().queueName(name("billing"))
                // A few seconds, not the default 30: the verifier waits one timeout to see a message come back.
                .visibilityTimeout(Duration.seconds(5))
                .retentionPeriod(Duration.days(1))
                .receiveMessageWaitTime(Duration.seconds(20))
                // The notes' 256 KB; SQS itself has taken up to 1 MiB by default since 2025.
                .maxMessageSizeBytes(256 * 1024)
                .deadLetterQueue(DeadLetterQueue.builder().queue(deadLetters).maxReceiveCount(3).build()));
        CfnOutput.Builder.create(this, "TopicArn").value(topic.getTopicArn())
                .description("The topic the verifier publishes to").build();
        CfnOutput.Builder.create(this, "BillingQueueUrl").value(billingQueue.getQueueUrl())
                .description("The queue that gets every order event").build();

        // SqsSubscription also writes each queue's policy: sns.amazonaws.com may send, if aws:SourceArn is the topic.
        topic.addSubscription(new SqsSubscription(billingQueue));
        Queue shipping = queue("Shipping", QueueProps.builder().queueName(name("shipping"))
                .receiveMessageWaitTime(Duration.seconds(20)));
        topic.addSubscription(new SqsSubscription(shipping, SqsSubscriptionProps.builder()
                .rawMessageDelivery(true)
                .filterPolicy(Map.of("status", SubscriptionFilter.stringFilter(
                        StringConditions.builder().allowlist(List.of("SHIPPED")).build())))
                .build()));

        Topic fifoTopic = new Topic(this, "OrderEventsFifo", TopicProps.builder().topicName(name("fifoTopic")).fifo(true).build());
        Queue ledger = queue("Ledger", QueueProps.builder().queueName(name("fifoQueue")).fifo(true)
                .receiveMessageWaitTime(Duration.seconds(20)));
        fifoTopic.addSubscription(new SqsSubscription(ledger));
    }

    private Queue queue(String id, QueueProps.Builder props) {
        return new Queue(this, id, props.removalPolicy(RemovalPolicy.DESTROY).build());
    }
}
