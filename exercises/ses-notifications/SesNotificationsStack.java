package dev.dvalabs.exercises.sesnotifications;

import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.cdk.Variant;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.services.ses.EmailIdentity;
import software.amazon.awscdk.services.ses.EmailIdentityProps;
import software.amazon.awscdk.services.ses.Identity;
import software.constructs.Construct;

/**
 * ses-notifications, the starter: an email identity of the address given as the parameter {@code sender} (the
 * learner's own on AWS, which AWS mails a verification link). This is the file to edit for the tasks in
 * instructions.md; {@code ./labs solution ses-notifications} shows the answer when you want it.
 */
final class SesNotificationsStack extends ExerciseStack {

    /** Named like the exercise's name {@code sender}, so the deploy gives it {@code --name sender=...}. */
    static final String SENDER_PARAMETER = "sender";
    static final String SENDER_OUTPUT = "Sender";

    SesNotificationsStack(Construct scope, String exerciseId) {
        super(scope, exerciseId, Variant.STARTER, "An SES identity for the SES notifications exercise");
        CfnParameter sender = CfnParameter.Builder.create(this, SENDER_PARAMETER).type("String")
                .defaultValue(name("sender")).allowedPattern("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")
                .description("The address to send from: on AWS your own, which AWS mails a verification link")
                .build();
        EmailIdentity identity = new EmailIdentity(this, "Identity", EmailIdentityProps.builder()
                .identity(Identity.email(sender.getValueAsString())).build());
        CfnOutput.Builder.create(this, SENDER_OUTPUT).value(identity.getEmailIdentityName())
                .description("The email identity").build();
    }
}
