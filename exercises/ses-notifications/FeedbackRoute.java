package dev.dvalabs.exercises.sesnotifications;

import dev.dvalabs.policy.Caller;
import dev.dvalabs.policy.Policies;
import dev.dvalabs.policy.PolicyException;
import dev.dvalabs.policy.Request;
import dev.dvalabs.targets.Target;
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

    /** What is wrong with the route, one phrase each; empty when it is as instructed. */
    static List<String> problems(Target target, Map<String, String> names) {
        String topicName = names.get("topic");
        String queueName = names.get("queue");
        try (SnsClient sns = target.client(SnsClient.builder());
             SqsClient sqs = target.client(SqsClient.builder());
             SesClient ses = target.client(SesClient.builder())) {
            String topicArn = sns.listTopicsPaginator().topics().stream().map(t -> t.topicArn())
                    .filter(arn -> arn.endsWith(":" + topicName)).findFirst().orElse(null);
            if (topicArn == null) {
                return List.of("no topic " + topicName);
            }
            List<String> wrong = new ArrayList<>(identityTopics(ses, names.get("sender"), topicArn));
            String url = sqs.getQueueUrl(r -> r.queueName(queueName)).queueUrl();
            Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(url)
                    .attributeNames(QueueAttributeName.QUEUE_ARN, QueueAttributeName.POLICY)).attributes();
            String queueArn = attributes.get(QueueAttributeName.QUEUE_ARN);
            boolean subscribed = sns.listSubscriptionsByTopicPaginator(r -> r.topicArn(topicArn)).subscriptions().stream()
                    .anyMatch(s -> "sqs".equals(s.protocol()) && queueArn.equals(s.endpoint()));
            if (!subscribed) {
                wrong.add("queue " + queueName + " is not subscribed to topic " + topicName);
            }
            wrong.addAll(policyProblems(attributes.getOrDefault(QueueAttributeName.POLICY, ""), queueName, queueArn, topicArn));
            return wrong;
        }
    }

    private static List<String> identityTopics(SesClient ses, String sender, String topicArn) {
        IdentityNotificationAttributes attributes;
        try {
            attributes = ses.getIdentityNotificationAttributes(r -> r.identities(sender)).notificationAttributes().get(sender);
        } catch (SesException e) {
            if (e.awsErrorDetails() != null && UNKNOWN_ACTION.equals(e.awsErrorDetails().errorCode())) {
                return List.of(); // unreadable here: the notifications' arrival through the topic judges it
            }
            throw e;
        }
        List<String> wrong = new ArrayList<>();
        if (attributes == null || !topicArn.equals(attributes.bounceTopic())) {
            wrong.add("the identity's Bounce notifications go to " + (attributes == null ? null : attributes.bounceTopic()));
        }
        if (attributes == null || !topicArn.equals(attributes.complaintTopic())) {
            wrong.add("the identity's Complaint notifications go to " + (attributes == null ? null : attributes.complaintTopic()));
        }
        return wrong;
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
