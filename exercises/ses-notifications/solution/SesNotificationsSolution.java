package dev.dvalabs.exercises.sesnotifications.solution;

import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.cdk.Variant;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ses.ConfigurationSet;
import software.amazon.awscdk.services.ses.ConfigurationSetProps;
import software.amazon.awscdk.services.ses.EmailIdentity;
import software.amazon.awscdk.services.ses.EmailIdentityProps;
import software.amazon.awscdk.services.ses.Identity;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.TopicProps;
import software.amazon.awscdk.services.sns.subscriptions.SqsSubscription;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueProps;
import software.constructs.Construct;

/**
 * ses-notifications, the solution: the email identity of the parameter {@code sender}, the configuration set
 * dva-labs-mail and the topic dva-labs-ses-feedback fanned out to the queue of the same name; the identity's
 * bounce and complaint notifications go to the topic ({@link NotifyFeedbackTopic}, after deploy: CloudFormation
 * has no property for them).
 */
public final class SesNotificationsSolution extends ExerciseStack {

    /** Named like the exercise's name {@code sender}, so the deploy gives it {@code --name sender=...}. */
    static final String SENDER_PARAMETER = "sender";
    static final String TOPIC_OUTPUT = "FeedbackTopicArn";
    static final String SENDER_OUTPUT = "Sender";

    public SesNotificationsSolution(Construct scope, String exerciseId) {
        super(scope, exerciseId, Variant.SOLUTION, "An SES identity for the SES notifications exercise");
        CfnParameter sender = CfnParameter.Builder.create(this, SENDER_PARAMETER).type("String")
                .defaultValue(name("sender")).allowedPattern("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")
                .description("The address to send from: on AWS your own, which AWS mails a verification link")
                .build();
        EmailIdentity identity = new EmailIdentity(this, "Identity", EmailIdentityProps.builder()
                .identity(Identity.email(sender.getValueAsString())).build());
        CfnOutput.Builder.create(this, SENDER_OUTPUT).value(identity.getEmailIdentityName())
                .description("The email identity").build();
        new ConfigurationSet(this, "Mail", ConfigurationSetProps.builder().configurationSetName(name("configurationSet")).build());
        Queue queue = new Queue(this, "FeedbackQueue", QueueProps.builder().queueName(name("queue"))
                .removalPolicy(RemovalPolicy.DESTROY).build());
        Topic topic = new Topic(this, "FeedbackTopic", TopicProps.builder().topicName(name("topic")).build());
        topic.addSubscription(new SqsSubscription(queue));
        CfnOutput.Builder.create(this, TOPIC_OUTPUT).value(topic.getTopicArn())
                .description("Where the identity's bounce and complaint notifications go").build();
    }
}
