package dev.dvalabs.exercises.sesnotifications;

import static dev.dvalabs.verify.Matcher.eq;
import static dev.dvalabs.verify.Matcher.exists;
import static dev.dvalabs.verify.Matcher.satisfies;
import static dev.dvalabs.verify.Matcher.startsWith;

import dev.dvalabs.probe.Identity;
import dev.dvalabs.verify.Check;
import dev.dvalabs.verify.Session;
import dev.dvalabs.verify.CheckResult;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Verifier;
import java.util.List;

/**
 * ses-notifications: the learner's email identity is verified and sends, SES refuses what the notes say
 * it refuses, and the identity's bounce and complaint notifications reach SNS and its queue. The verifier
 * sends to the SES mailbox simulator only, except for the sandbox's refusal of an unverified recipient,
 * which it tries only when the account is in the sandbox (where nothing is sent).
 */
public final class SesNotificationsVerifier implements Verifier<SesNotificationsVerifier.Observed> {

    /** What AWS answers a send from an address that is not a verified identity. */
    static final String NOT_VERIFIED = "MessageRejected: Email address is not verified.";
    /** The identity notifications task 3 sends to the feedback topic. */
    static final List<String> FEEDBACK_KINDS = List.of("Bounce", "Complaint");

    /** What the verifier saw; each fact is a value or the refusal AWS answered with. */
    public record Observed(
            Fact<Identity> identity,
            Fact<String> send,
            Fact<String> unverifiedSender,
            Fact<Sandbox> sandbox,
            Fact<Mail> readBack,
            Fact<String> configurationSet,
            Fact<Notifications> notifications,
            Fact<FeedbackRoute.Route> route) {}

    /** Whether the account has production access, and what a send to an unverified recipient answered. */
    public record Sandbox(boolean productionAccess, String unverifiedRecipient) {
        static final String NOT_TRIED = "not tried: with production access a send there is real mail";
    }

    /**
     * The kinds of notification of the verifier's sends that arrived in the queue, how long it waited for
     * them, and why none could arrive when the target says so (null otherwise).
     */
    public record Notifications(List<String> kinds, long waitedSeconds, String whyNone) {

        public Notifications(List<String> kinds, long waitedSeconds) {
            this(kinds, waitedSeconds, null);
        }

        @Override
        public String toString() {
            return kinds.isEmpty() ? "none within " + waitedSeconds + " s" + (whyNone == null ? "" : " (" + whyNone + ")")
                    : String.join(", ", kinds);
        }
    }

    /** A sent message as the emulator keeps it. */
    public record Mail(String subject, String body) {}

    @Override
    public List<Check<Observed>> checks() {
        return List.of(
                new Check<Observed>("identity-verified", "The sender's email identity is verified",
                        "SES: send email from a verified identity; not subscription based, just the target's address",
                        "Create the email identity of {sender} (the stack does; give your address with --name sender=you@example.org);"
                                + " on AWS it stays Pending until you follow the link AWS mails to that address, then verify again.",
                        // On AWS SES v1 and SESv2 answer alike; either one saying verified is the identity verified.
                        o -> o.identity().its("verification").should(satisfies("Success (SES v1) or SUCCESS (SESv2)",
                                Identity::verified)))
                        .forTask(1),
                new Check<Observed>("send-from-identity", "A send from the verified identity is accepted",
                        "SES: send automated email (SendEmail)",
                        "SES accepts mail only from a verified identity: see identity-verified first.",
                        o -> o.send().its("send to success@simulator.amazonses.com").should(startsWith("accepted")))
                        .forTask(1),
                new Check<Observed>("unverified-sender-rejected", "A send from an unverified address is refused",
                        "SES: an unverified sender is refused (MessageRejected)",
                        "SES refuses a sender that is no verified identity; a verified domain identity would cover"
                                + " example.com: make identities of addresses, not of example.com.",
                        o -> o.unverifiedSender().its("send from an unverified address").should(startsWith(NOT_VERIFIED)))
                        .forTask(1),
                new Check<Observed>("sandbox-recipients", "In the sandbox an unverified recipient is refused",
                        "SES sandbox: send only to verified addresses until production access",
                        "Nothing to change in your stack: in the sandbox, SES sends only to verified addresses and the"
                                + " mailbox simulator. The verifier never changes your account's sending settings.",
                        o -> o.sandbox().its("account", s -> s.productionAccess()
                                        ? "with production access: " + s.unverifiedRecipient()
                                        : "in the sandbox: " + s.unverifiedRecipient())
                                .should(satisfies(
                                        "in the sandbox refused with " + NOT_VERIFIED + ", with production access not tried",
                                        text -> text.startsWith("in the sandbox: " + NOT_VERIFIED)
                                                || text.equals("with production access: " + Sandbox.NOT_TRIED))))
                        .forTask(1),
                new Check<Observed>("message-read-back", "The sent message reads back with its subject and body",
                        "SES: automated email",
                        "Only emulators keep a copy of sent mail; send from the verified identity (see send-from-identity).",
                        o -> o.readBack().its("subject and body kept", m -> m.subject() + " / " + m.body())
                                .should(eq(MailProbe.SUBJECT + " / " + MailProbe.BODY)))
                        .forTask(1),
                new Check<Observed>("configuration-set", "The configuration set exists",
                        "SES: configuration sets group the sending settings and event destinations of a send",
                        "Create the configuration set {configurationSet}: aws ses create-configuration-set --configuration-set"
                                + " Name={configurationSet}; in CDK, new ConfigurationSet(..., ConfigurationSetProps.configurationSetName).",
                        o -> o.configurationSet().its("configuration set").should(exists()))
                        .forTask(2),
                new Check<Observed>("feedback-notifications", "Bounce and complaint notifications reach the queue through SNS",
                        "SES: bounce and complaint notifications to SNS; SNS fans out to SQS",
                        "Send the identity's Bounce and Complaint notifications to the topic {topic}: aws ses"
                                + " set-identity-notification-topic --identity {sender} --notification-type Bounce --sns-topic TOPIC_ARN,"
                                + " and again with --notification-type Complaint (CloudFormation and CDK have no property for it: it is"
                                + " a call made after deploy). Subscribe the queue {queue}, and let"
                                + " the topic send to it (queue policy). The verifier reads {queue} only while it holds none"
                                + " of your messages.",
                        // Arrival proves some route works; the route read proves it is the instructed one, and
                        // that the queue policy lets the topic send where an emulator enforces none.
                        o -> CheckResult.all(
                                o.notifications().its("notifications in the queue for sends to bounce@ and complaint@ the simulator")
                                        .should(satisfies("Bounce and Complaint among them",
                                                n -> n.kinds().containsAll(FEEDBACK_KINDS))),
                                o.route().its("the route from the identity's topics through the subscription and the queue policy")
                                        .should(satisfies("nothing wrong", FeedbackRoute.Route::right))))
                        .forTask(3));
    }

    @Override
    public Observed observe(Session session) {
        return new MailProbe(session).observe();
    }
}
