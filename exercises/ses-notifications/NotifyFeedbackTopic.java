package dev.dvalabs.exercises.sesnotifications;

import dev.dvalabs.cdk.Variant;
import dev.dvalabs.lab.AfterDeploy;
import dev.dvalabs.targets.Target;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import dev.dvalabs.probe.Ses;

/**
 * The solution's task 3 for what CloudFormation cannot say: the identity's Bounce and Complaint
 * notifications go to the feedback topic ({@code aws ses set-identity-notification-topic}). The starter
 * has no topic, so no such step; both variants first make sure their stack did make the identity.
 */
final class NotifyFeedbackTopic implements AfterDeploy {

    static final List<String> KINDS = List.of("Bounce", "Complaint");

    @Override
    public void run(Target target, Variant variant, String stackName, Map<String, String> outputs, PrintWriter out) {
        String topic = outputs.get(SesNotificationsStack.TOPIC_OUTPUT);
        String sender = outputs.get(SesNotificationsStack.SENDER_OUTPUT);
        requireIdentity(target, stackName, sender);
        if (variant != Variant.SOLUTION || topic == null) {
            return;
        }
        target.approveWrites("send the Bounce and Complaint notifications of " + sender + " to " + topic);
        Ses.notify(target, sender, KINDS, topic);
        out.println("The " + String.join(" and ", KINDS) + " notifications of " + sender + " go to " + topic
                + " (aws ses set-identity-notification-topic).");
    }

    /**
     * A stack that completes without its identity is an emulator's CloudFormation skipping
     * AWS::SES::EmailIdentity (moto's does): said as the deploy's failure, not left for the checks to
     * blame on the learner.
     */
    private static void requireIdentity(Target target, String stackName, String sender) {
        if (sender == null) {
            throw new IllegalStateException(stackName + " is deployed without its output " + SesNotificationsStack.SENDER_OUTPUT
                    + ": " + target.describe() + " did not make its AWS::SES::EmailIdentity.");
        }
        if (!Ses.knows(target, sender)) {
            throw new IllegalStateException(stackName + " is deployed but has no email identity " + sender + ": "
                    + target.describe() + " did not make its AWS::SES::EmailIdentity.");
        }
    }
}
