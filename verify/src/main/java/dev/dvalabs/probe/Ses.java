package dev.dvalabs.probe;

import dev.dvalabs.targets.Target;
import java.util.List;
import software.amazon.awssdk.services.ses.SesClient;

/** SES for a step that runs after a deploy, with no verify session: what the stack cannot say, on a target. */
public final class Ses {

    private Ses() {}

    /** Whether SES v1 knows an identity of this address (GetIdentityVerificationAttributes lists it). */
    public static boolean knows(Target target, String address) {
        try (SesClient ses = target.client(SesClient.builder())) {
            return ses.getIdentityVerificationAttributes(r -> r.identities(address)).verificationAttributes().containsKey(address);
        }
    }

    /** Sends the identity's notifications of each kind (Bounce, Complaint, Delivery) to the topic. */
    public static void notify(Target target, String identity, List<String> kinds, String topicArn) {
        try (SesClient ses = target.client(SesClient.builder())) {
            for (String kind : kinds) {
                ses.setIdentityNotificationTopic(r -> r.identity(identity).notificationType(kind).snsTopic(topicArn));
            }
        }
    }
}
