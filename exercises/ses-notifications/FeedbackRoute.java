package dev.dvalabs.exercises.sesnotifications;

import dev.dvalabs.policy.Caller;
import dev.dvalabs.policy.Policies;
import dev.dvalabs.policy.PolicyException;
import dev.dvalabs.policy.Request;
import dev.dvalabs.probe.Identity;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.arns.Arn;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.IdentityNotificationAttributes;
import software.amazon.awssdk.services.ses.model.SesException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The route task 3 asks for, read rather than sent through: the identity's Bounce and Complaint topics are
 * the instructed topic (where the target answers GetIdentityNotificationAttributes), the queue is
 * subscribed to that topic, and the queue's policy lets that topic send. Notifications arriving prove
 * only that some route works: through another topic, or on an emulator that enforces no queue policy.
 */
final class FeedbackRoute {

    static final String SNS_PRINCIPAL = "sns.amazonaws.com";
    /** What ministack 1.5.33 answers the call it lacks; any other refusal is the learner's to see. */
    private static final String UNKNOWN_ACTION = "InvalidAction";

    private FeedbackRoute() {}

    /**
     * What was read along the route, one phrase each, and what of it is not as instructed: the observation
     * says what was read even when nothing is wrong, so a failure of the notifications to arrive shows
     * what the route looked like.
     */
    record Route(List<String> read, List<String> problems) {
        boolean right() {
            return problems.isEmpty();
        }

        @Override
        public String toString() {
            return (problems.isEmpty() ? "nothing wrong" : String.join("; ", problems)) + " (read: " + String.join("; ", read) + ")";
        }
    }

    /** The route as instructed or not; {@code identity} is the sender's identity as SES v1 and SESv2 showed it. */
    static Route read(Session session, Fact<Identity> identity) {
        String topicName = session.name("topic");
        String queueName = session.name("queue");
        List<String> read = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        SnsClient sns = session.client(SnsClient.class);
        SqsClient sqs = session.client(SqsClient.class);
        SesClient ses = session.client(SesClient.class);
        String topicArn = sns.listTopicsPaginator().topics().stream().map(t -> t.topicArn())
                .filter(arn -> arn.endsWith(":" + topicName)).findFirst().orElse(null);
        if (topicArn == null) {
            return new Route(List.of("ListTopics has no topic " + topicName), List.of("no topic " + topicName));
        }
        read.add("topic " + topicArn);
        read.add("the sender's identity " + identity);
        identityTopics(ses, session.name("sender"), topicArn, read, wrong);
        String url = sqs.getQueueUrl(r -> r.queueName(queueName)).queueUrl();
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(url)
                .attributeNames(QueueAttributeName.QUEUE_ARN, QueueAttributeName.POLICY)).attributes();
        String queueArn = attributes.get(QueueAttributeName.QUEUE_ARN);
        boolean subscribed = sns.listSubscriptionsByTopicPaginator(r -> r.topicArn(topicArn)).subscriptions().stream()
                .anyMatch(s -> "sqs".equals(s.protocol()) && queueArn.equals(s.endpoint()));
        if (subscribed) {
            read.add("queue " + queueName + " subscribed to it");
        } else {
            wrong.add("queue " + queueName + " is not subscribed to topic " + topicName);
        }
        List<String> policy = policyProblems(attributes.getOrDefault(QueueAttributeName.POLICY, ""), queueName, queueArn, topicArn);
        if (policy.isEmpty()) {
            read.add("its policy lets the topic send");
        }
        wrong.addAll(policy);
        return new Route(List.copyOf(read), List.copyOf(wrong));
    }

    private static void identityTopics(SesClient ses, String sender, String topicArn, List<String> read, List<String> wrong) {
        IdentityNotificationAttributes attributes;
        try {
            attributes = ses.getIdentityNotificationAttributes(r -> r.identities(sender)).notificationAttributes().get(sender);
        } catch (SesException e) {
            if (e.awsErrorDetails() != null && UNKNOWN_ACTION.equals(e.awsErrorDetails().errorCode())) {
                // unreadable here: the notifications' arrival through the topic judges it
                read.add("the identity's topics unreadable (GetIdentityNotificationAttributes answered " + UNKNOWN_ACTION + ")");
                return;
            }
            throw e;
        }
        String bounce = attributes == null ? null : attributes.bounceTopic();
        String complaint = attributes == null ? null : attributes.complaintTopic();
        read.add("the identity's Bounce topic " + bounce + ", Complaint topic " + complaint);
        if (!topicArn.equals(bounce)) {
            wrong.add("the identity's Bounce notifications go to " + bounce);
        }
        if (!topicArn.equals(complaint)) {
            wrong.add("the identity's Complaint notifications go to " + complaint);
        }
    }

    /** Whether SNS, acting for the topic, may send to the queue, as IAM decides it (ministack enforces no queue policy). */
    static List<String> policyProblems(String policy, String queueName, String queueArn, String topicArn) {
        if (policy.isBlank()) {
            return List.of("queue " + queueName + " has no policy letting the topic send");
        }
        try {
            Request fromTopic = Request.of(Caller.service(SNS_PRINCIPAL), "sqs:SendMessage", queueArn)
                    .with("aws:SourceArn", topicArn)
                    .with("aws:SourceAccount", Arn.fromString(topicArn).accountId().orElse(""));
            return Policies.of(policy).decide(fromTopic).allowed() ? List.of()
                    : List.of("queue " + queueName + "'s policy does not let " + SNS_PRINCIPAL + " acting for the topic send");
        } catch (PolicyException e) {
            return List.of("queue " + queueName + "'s policy: " + e.getMessage());
        }
    }
}
