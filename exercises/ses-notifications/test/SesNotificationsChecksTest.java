package dev.dvalabs.exercises.sesnotifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.exercises.sesnotifications.SesNotificationsVerifier.Mail;
import dev.dvalabs.exercises.sesnotifications.SesNotificationsVerifier.Observed;
import dev.dvalabs.exercises.sesnotifications.SesNotificationsVerifier.Sandbox;
import dev.dvalabs.testing.ChecksContract;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Status;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Each ses-notifications check judged on observations that differ from a correct setup in one fact. */
class SesNotificationsChecksTest extends ChecksContract<Observed, SesNotificationsChecksTest.Seen> {

    static final String REJECTED = "MessageRejected: Email address is not verified. The following identities failed the"
            + " check in region US-EAST-1: dva-labs-verify-1@example.com";

    SesNotificationsChecksTest() {
        super(() -> new SesNotificationsVerifier().checks(), Seen::new, Seen::build);
    }

    /** A correct setup on an account in the sandbox, on an emulator that keeps sent mail. */
    static final class Seen {
        Fact<String> verification = Fact.of("Success");
        Fact<String> send = Fact.of("accepted 0100018c-1@email.amazonses.com");
        Fact<String> unverifiedSender = Fact.of(REJECTED);
        Fact<Sandbox> sandbox = Fact.of(new Sandbox(false, REJECTED));
        Fact<Mail> readBack = Fact.of(new Mail(MailProbe.SUBJECT, MailProbe.BODY));
        Fact<String> configurationSet = Fact.of("dva-labs-mail");
        Fact<List<String>> notifications = Fact.of(List.of("Bounce", "Complaint"));
        Fact<List<String>> route = Fact.of(List.of());

        Observed build() {
            return new Observed(verification, send, unverifiedSender, sandbox, readBack, configurationSet, notifications, route);
        }
    }

    @Test
    @DisplayName("with production access the unverified recipient is not tried, and the sandbox check passes")
    void productionAccessPasses() {
        Seen seen = new Seen();
        seen.sandbox = Fact.of(new Sandbox(true, Sandbox.NOT_TRIED));
        assertThat(judge(seen).ids(Status.FAIL)).isEmpty();
    }

    @Test
    @DisplayName("on AWS, which keeps no sent mail, message-read-back is SKIP and nothing else changes")
    void noReadBackOnAws() {
        Seen seen = new Seen();
        seen.readBack = Fact.unavailable("AWS keeps no copy of sent mail to read back");
        assertThat(judge(seen).ids(Status.SKIP)).containsExactly("message-read-back");
        assertThat(judge(seen).ids(Status.FAIL)).isEmpty();
    }

    @Test
    @DisplayName("an identity pending verification says so and that AWS mailed the link")
    void pendingSaysWhatToDo() {
        Seen seen = new Seen();
        seen.verification = Fact.of("Pending");
        var outcome = judge(seen).outcome("identity-verified");
        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.result().observed()).contains("Pending");
        assertThat(new SesNotificationsVerifier().checks().get(0).hint()).contains("follow the link AWS mails");
    }

    @Test
    @DisplayName("delivery notifications sent to the same topic as well are no mistake")
    void deliveriesToo() {
        Seen seen = new Seen();
        seen.notifications = Fact.of(List.of("Bounce", "Complaint", "Delivery"));
        assertThat(judge(seen).ids(Status.FAIL)).isEmpty();
    }

    @Override
    protected Stream<Mistake<Seen>> mistakes() {
        return Stream.of(
                wrong("identity-verified", "an identity pending verification", s -> s.verification = Fact.of("Pending")),
                wrong("identity-verified", "no identity of the address", s -> s.verification = Fact.of("no such identity")),
                wrong("send-from-identity", "a send from an unverified identity", s -> s.send = Fact.of(REJECTED)),
                wrong("unverified-sender-rejected", "a send from an unverified address accepted",
                        s -> s.unverifiedSender = Fact.of("accepted 0100-2")),
                wrong("unverified-sender-rejected", "a sender refused for another reason",
                        s -> s.unverifiedSender = Fact.of("InvalidParameterValue: Missing final '@domain'")),
                wrong("sandbox-recipients", "an unverified recipient accepted in the sandbox",
                        s -> s.sandbox = Fact.of(new Sandbox(false, "accepted 0100-3"))),
                wrong("sandbox-recipients", "account settings refused",
                        s -> s.sandbox = Fact.refused("the account's SES settings: AccessDeniedException: no")),
                wrong("message-read-back", "a message kept with another subject",
                        s -> s.readBack = Fact.of(new Mail("Re: " + MailProbe.SUBJECT, MailProbe.BODY))),
                wrong("message-read-back", "a message not kept",
                        s -> s.readBack = Fact.refused("/_ministack/ses/messages has no message x")),
                wrong("configuration-set", "no configuration set",
                        s -> s.configurationSet = Fact.refused("configuration set dva-labs-mail: ConfigurationSetDoesNotExist: x")),
                wrong("feedback-notifications", "no notification at all", s -> s.notifications = Fact.of(List.of())),
                wrong("feedback-notifications", "bounces only", s -> s.notifications = Fact.of(List.of("Bounce"))),
                wrong("feedback-notifications", "deliveries only", s -> s.notifications = Fact.of(List.of("Delivery"))),
                wrong("feedback-notifications", "notifications arriving through another topic the queue is subscribed to",
                        s -> s.route = Fact.of(List.of("queue dva-labs-ses-feedback is not subscribed to topic dva-labs-ses-feedback"))),
                wrong("feedback-notifications", "the identity's notifications set to another topic",
                        s -> s.route = Fact.of(List.of("the identity's Bounce notifications go to arn:aws:sns:us-east-1:1:other"))),
                wrong("feedback-notifications", "a queue without a policy letting the topic send (no emulator enforces it)",
                        s -> s.route = Fact.of(List.of("queue dva-labs-ses-feedback has no policy letting the topic send"))),
                wrong("feedback-notifications", "no topic",
                        s -> s.route = Fact.refused("the feedback route to queue dva-labs-ses-feedback: NotFound: x")),
                wrong("feedback-notifications", "no queue",
                        s -> s.notifications = Fact.refused("queue dva-labs-ses-feedback: QueueDoesNotExist: x")));
    }
}
