package dev.dvalabs.exercises.sesnotifications;

import dev.dvalabs.probe.Identity;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.exercises.sesnotifications.FeedbackRoute.Route;
import dev.dvalabs.exercises.sesnotifications.SesNotificationsVerifier.Mail;
import dev.dvalabs.exercises.sesnotifications.SesNotificationsVerifier.Notifications;
import dev.dvalabs.exercises.sesnotifications.SesNotificationsVerifier.Observed;
import dev.dvalabs.exercises.sesnotifications.SesNotificationsVerifier.Sandbox;
import dev.dvalabs.testing.ChecksContract;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Report;
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

    static final String TOPIC = "arn:aws:sns:us-east-1:000000000000:dva-labs-ses-feedback";
    static final Identity BOTH = new Identity("Success", "SUCCESS");
    /** An identity made with aws sesv2 create-email-identity, as ministack 1.5.33 shows it. */
    static final Identity SESV2_ONLY = new Identity(null, Identity.VERIFIED_FOR_SENDING);

    /** The route as ministack reads it when it is right: the identity's topics unreadable there. */
    static Route rightRoute(Identity identity) {
        return new Route(List.of("topic " + TOPIC, "the sender's identity " + identity,
                "the identity's topics unreadable (GetIdentityNotificationAttributes answered InvalidAction)",
                "queue dva-labs-ses-feedback subscribed to it", "its policy lets the topic send"), List.of());
    }

    static Fact<Notifications> arrived(String... kinds) {
        return Fact.of(new Notifications(List.of(kinds), 30));
    }

    /** A correct setup on an account in the sandbox, on an emulator that keeps sent mail. */
    static final class Seen {
        Fact<Identity> identity = Fact.of(BOTH);
        Fact<String> send = Fact.of("accepted 0100018c-1@email.amazonses.com");
        Fact<String> unverifiedSender = Fact.of(REJECTED);
        Fact<Sandbox> sandbox = Fact.of(new Sandbox(false, REJECTED));
        Fact<Mail> readBack = Fact.of(new Mail(MailProbe.SUBJECT, MailProbe.BODY));
        Fact<String> configurationSet = Fact.of("dva-labs-mail");
        Fact<Notifications> notifications = arrived("Bounce", "Complaint");
        Fact<Route> route = Fact.of(rightRoute(BOTH));

        Observed build() {
            return new Observed(identity, send, unverifiedSender, sandbox, readBack, configurationSet, notifications, route);
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
        seen.identity = Fact.of(new Identity("Pending", "PENDING"));
        var outcome = judge(seen).outcome("identity-verified");
        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.result().observed()).contains("Pending");
        assertThat(new SesNotificationsVerifier().checks().get(0).hint()).contains("follow the link AWS mails");
    }

    @Test
    @DisplayName("delivery notifications sent to the same topic as well are no mistake")
    void deliveriesToo() {
        Seen seen = new Seen();
        seen.notifications = arrived("Bounce", "Complaint", "Delivery");
        assertThat(judge(seen).ids(Status.FAIL)).isEmpty();
    }

    @Test
    @DisplayName("an identity verified by SES v1 only or by SESv2 only passes: on AWS both APIs show the same identity")
    void verifiedByEitherApi() {
        for (Identity identity : List.of(new Identity("Success", null), new Identity(null, "SUCCESS"), SESV2_ONLY)) {
            Seen seen = new Seen();
            seen.identity = Fact.of(identity);
            assertThat(judge(seen).outcome("identity-verified").status()).as(identity.toString()).isEqualTo(Status.PASS);
        }
    }

    @Test
    @DisplayName("the identity's observation says what each API showed")
    void identitySaysBothApis() {
        Seen seen = new Seen();
        seen.identity = Fact.of(new Identity(null, "PENDING"));
        assertThat(judge(seen).outcome("identity-verified").result().observed())
                .isEqualTo("verification SES v1: no such identity, SESv2: PENDING");
    }

    @Test
    @DisplayName("notifications that never arrive along a right route say what was read, never an empty []")
    void noArrivalSaysWhatWasRead() {
        Seen seen = new Seen();
        seen.notifications = arrived();
        String observed = judge(seen).outcome("feedback-notifications").result().observed();
        assertThat(observed).doesNotContain("[]").contains("none within 30 s", "nothing wrong (read: topic " + TOPIC,
                "the sender's identity SES v1: Success, SESv2: SUCCESS", "subscribed to it", "its policy lets the topic send");
    }

    @Test
    @DisplayName("no notification for an identity SESv2 alone knows (ministack's split stores) FAILs, never SKIP, saying why and what to do")
    void sesv2OnlyIdentityWithoutNotificationsFails() {
        Fact<Notifications> none = MailProbe.explained(Fact.of(SESV2_ONLY), arrived(), "local emulator (ministack 1.5.33)");
        Report report = judge(seen(SESV2_ONLY, none, rightRoute(SESV2_ONLY)));
        assertThat(report.ids(Status.FAIL)).containsExactly("feedback-notifications");
        assertThat(report.ids(Status.SKIP)).doesNotContain("feedback-notifications");
        assertThat(report.outcome("feedback-notifications").result().observed()).contains("none within 30 s",
                "only its SESv2 knows", "SES v1: no such identity, SESv2: verified for sending", "aws ses verify-email-identity");
    }

    @Test
    @DisplayName("the explanation is given only for an identity SESv2 alone knows and only when nothing arrived")
    void explainedOnlyThen() {
        Identity nowhere = new Identity(null, null);
        assertThat(MailProbe.explained(Fact.of(BOTH), arrived(), "t").value().whyNone()).isNull();
        assertThat(MailProbe.explained(Fact.of(nowhere), arrived(), "t").value().whyNone()).isNull();
        assertThat(MailProbe.explained(Fact.of(SESV2_ONLY), arrived("Bounce"), "t").value().kinds()).containsExactly("Bounce");
        assertThat(MailProbe.explained(Fact.refused("identity x: AccessDenied: no"), arrived(), "t").value().whyNone()).isNull();
    }

    @Test
    @DisplayName("for an identity SESv2 alone knows, a wrong route still FAILs beside the unavailable notifications")
    void sesv2OnlyIdentityWithWrongRouteFails() {
        Fact<Notifications> none = MailProbe.explained(Fact.of(SESV2_ONLY), arrived(), "t");
        for (Route route : List.of(
                new Route(rightRoute(SESV2_ONLY).read(), List.of("queue dva-labs-ses-feedback is not subscribed to topic dva-labs-ses-feedback")),
                new Route(rightRoute(SESV2_ONLY).read(), List.of("queue dva-labs-ses-feedback has no policy letting the topic send")),
                new Route(List.of("ListTopics has no topic dva-labs-ses-feedback"), List.of("no topic dva-labs-ses-feedback")))) {
            assertThat(judge(seen(SESV2_ONLY, none, route)).outcome("feedback-notifications").status()).as(route.toString())
                    .isEqualTo(Status.FAIL);
        }
    }

    private static Seen seen(Identity identity, Fact<Notifications> notifications, Route route) {
        Seen seen = new Seen();
        seen.identity = Fact.of(identity);
        seen.notifications = notifications;
        seen.route = Fact.of(route);
        return seen;
    }

    @Override
    protected Stream<Mistake<Seen>> mistakes() {
        return Stream.of(
                wrong("identity-verified", "an identity pending verification", s ->
                        s.identity = Fact.of(new Identity("Pending", "PENDING"))),
                wrong("identity-verified", "an identity made with SESv2, pending verification", s ->
                        s.identity = Fact.of(new Identity(null, "PENDING"))),
                wrong("identity-verified", "an SESv2 identity not verified for sending", s ->
                        s.identity = Fact.of(new Identity(null, Identity.NOT_VERIFIED_FOR_SENDING))),
                wrong("identity-verified", "no identity of the address", s -> s.identity = Fact.of(new Identity(null, null))),
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
                        s -> s.configurationSet = Fact.refused("configuration set dva-labs-mail: SES v1 DescribeConfigurationSet:"
                                + " ConfigurationSetDoesNotExist: x; SESv2 GetConfigurationSet: NotFoundException: y")),
                wrong("feedback-notifications", "no notification at all", s -> s.notifications = arrived()),
                wrong("feedback-notifications", "bounces only", s -> s.notifications = arrived("Bounce")),
                wrong("feedback-notifications", "deliveries only", s -> s.notifications = arrived("Delivery")),
                wrong("feedback-notifications", "notifications arriving through another topic the queue is subscribed to",
                        s -> s.route = Fact.of(new Route(List.of("topic " + TOPIC),
                                List.of("queue dva-labs-ses-feedback is not subscribed to topic dva-labs-ses-feedback")))),
                wrong("feedback-notifications", "the identity's notifications set to another topic",
                        s -> s.route = Fact.of(new Route(List.of("topic " + TOPIC),
                                List.of("the identity's Bounce notifications go to arn:aws:sns:us-east-1:1:other")))),
                wrong("feedback-notifications", "a queue without a policy letting the topic send (no emulator enforces it)",
                        s -> s.route = Fact.of(new Route(List.of("topic " + TOPIC),
                                List.of("queue dva-labs-ses-feedback has no policy letting the topic send")))),
                wrong("feedback-notifications", "no topic",
                        s -> s.route = Fact.refused("the feedback route to queue dva-labs-ses-feedback: NotFound: x")),
                wrong("feedback-notifications", "no queue",
                        s -> s.notifications = Fact.refused("queue dva-labs-ses-feedback: QueueDoesNotExist: x")));
    }
}
