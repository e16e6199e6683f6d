package dev.dvalabs.exercises.sesnotifications.solution;

import dev.dvalabs.cdk.Variant;
import dev.dvalabs.lab.AfterDeploy;
import dev.dvalabs.targets.Target;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import dev.dvalabs.probe.Ses;

/**
 * The solution's task 3 for what CloudFormation cannot say: the identity's Bounce and Complaint notifications go
 * to the feedback topic ({@code aws ses set-identity-notification-topic}). The starter has no topic, so no such
 * step.
 */
public final class NotifyFeedbackTopic implements AfterDeploy {

    private static final List<String> KINDS = List.of("Bounce", "Complaint");

    @Override
    public void run(Target target, Variant variant, String stackName, Map<String, String> outputs, PrintWriter out) {
        String topic = outputs.get(SesNotificationsSolution.TOPIC_OUTPUT);
        String sender = outputs.get(SesNotificationsSolution.SENDER_OUTPUT);
        if (variant != Variant.SOLUTION || topic == null) {
            return;
        }
        target.approveWrites("send the Bounce and Complaint notifications of " + sender + " to " + topic);
        Ses.notify(target, sender, KINDS, topic);
        out.println("The " + String.join(" and ", KINDS) + " notifications of " + sender + " go to " + topic
                + " (aws ses set-identity-notification-topic).");
    }
}
