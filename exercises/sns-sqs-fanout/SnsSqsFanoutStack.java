package dev.dvalabs.exercises.snssqsfanout;

import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.cdk.Variant;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.TopicProps;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueProps;
import software.constructs.Construct;

/**
 * sns-sqs-fanout, the starter: the topic and the billing queue with AWS's defaults, not subscribed. This is
 * the file to edit for the tasks in instructions.md; {@code ./labs solution sns-sqs-fanout} shows the answer
 * when you want it.
 */
class SnsSqsFanoutStack extends ExerciseStack {

    SnsSqsFanoutStack(Construct scope, String exerciseId) {
        super(scope, exerciseId, Variant.STARTER, "Topic and queues for the SNS to SQS fan-out exercise");

        Topic topic = new Topic(this, "OrderEvents", TopicProps.builder().topicName(name("topic")).build());
        Queue billingQueue = queue("Billing", QueueProps.builder().queueName(name("billing")));
        CfnOutput.Builder.create(this, "TopicArn").value(topic.getTopicArn())
                .description("The topic the verifier publishes to").build();
        CfnOutput.Builder.create(this, "BillingQueueUrl").value(billingQueue.getQueueUrl())
                .description("The queue that gets every order event").build();
    }

    private Queue queue(String id, QueueProps.Builder props) {
        return new Queue(this, id, props.removalPolicy(RemovalPolicy.DESTROY).build());
    }
}
