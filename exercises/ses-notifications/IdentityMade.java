package dev.dvalabs.exercises.sesnotifications;

import dev.dvalabs.cdk.Variant;
import dev.dvalabs.lab.AfterDeploy;
import dev.dvalabs.targets.Target;
import java.io.PrintWriter;
import java.util.Map;
import dev.dvalabs.probe.Ses;

/**
 * What both variants need after deploy: proof that the stack did make the email identity, which an emulator's
 * CloudFormation may skip. The solution's own step ({@code solution/NotifyFeedbackTopic}) follows it.
 */
final class IdentityMade implements AfterDeploy {

    @Override
    public void run(Target target, Variant variant, String stackName, Map<String, String> outputs, PrintWriter out) {
        requireIdentity(target, stackName, outputs.get(SesNotificationsStack.SENDER_OUTPUT));
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
