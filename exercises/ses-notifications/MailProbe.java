package dev.dvalabs.exercises.sesnotifications;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dvalabs.exercises.sesnotifications.SesNotificationsVerifier.Mail;
import dev.dvalabs.exercises.sesnotifications.SesNotificationsVerifier.Notifications;
import dev.dvalabs.exercises.sesnotifications.SesNotificationsVerifier.Observed;
import dev.dvalabs.exercises.sesnotifications.SesNotificationsVerifier.Sandbox;
import dev.dvalabs.probe.Http;
import dev.dvalabs.probe.Identity;
import dev.dvalabs.probe.Json;
import dev.dvalabs.probe.Queue;
import dev.dvalabs.probe.Sns;
import dev.dvalabs.probe.Sqs;
import dev.dvalabs.targets.Target;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Session;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * One look at the learner's SES setup: the identity's verification, sends from it and from an address
 * that is no identity, the account's sandbox, the configuration set, and the notifications of sends to
 * the mailbox simulator's bounce and complaint addresses, read from the learner's queue. Sends other than
 * to the simulator happen only where SES refuses them (an unverified sender, the sandbox's unverified
 * recipient), so the verifier mails nobody. The feedback queue is read only while it holds none of the
 * learner's messages (a receive would count towards their maxReceiveCount); the notifications the sends
 * cause are journaled before the sends, by the run's mark in the simulator address's label.
 */
final class MailProbe {

    static final String SIMULATOR = "@simulator.amazonses.com";
    static final String SUBJECT = "dva-labs verify: a message from your identity";
    static final String BODY = "Sent by labs verify ses-notifications to the SES mailbox simulator.";
    /** How long the notifications may take through SES, SNS and SQS: a few seconds on AWS, at once on ministack. */
    static final Duration NOTIFICATION_PATIENCE = Duration.ofSeconds(30);
    static final String READ_BACK_PATH = "/_ministack/ses/messages";
    /** What ministack keeps of sent mail is read no further than this. */
    private static final int READ_BACK_BYTES = 4 * 1024 * 1024;

    private final Session session;
    private final Target target;
    /** The mark of the addresses SES refuses and of the simulator addresses' labels. */
    private final String run;
    private final String sender;
    private final SesClient ses;
    private final SesV2Client sesV2;
    private final Sqs sqs;

    MailProbe(Session session) {
        this.session = session;
        this.target = session.target();
        this.run = session.marker().value();
        this.sender = session.name("sender");
        this.ses = session.client(SesClient.class);
        this.sesV2 = session.client(SesV2Client.class);
        this.sqs = new Sqs(session.client(SqsClient.class));
    }

    Observed observe() {
        Fact<Identity> identity = about("identity " + sender, () -> Identity.read(ses, sesV2, sender));
        // Read before any send: a Delivery notification of the verifier's own send is no message of the learner's.
        Fact<Queue> feedback = sqs.queue(session.name("queue"));
        feedback.map(q -> session.write(List.of(new Sqs.SentMessages(q.url(), List.of(), notifications(q).marks(), q.held())), () -> q));
        Fact<String> sent = Fact.of(tried(() -> send(sender, simulator("success"))));
        Fact<String> unverified = Fact.of(tried(() -> send(run + "@example.com", simulator("success"))));
        Fact<Sandbox> sandbox = about("the account's SES settings", this::sandbox);
        String setName = session.name("configurationSet");
        Fact<String> configurationSet = eitherApi("configuration set " + setName,
                about("SES v1 DescribeConfigurationSet", () ->
                        ses.describeConfigurationSet(r -> r.configurationSetName(setName)).configurationSet().name()),
                () -> about("SESv2 GetConfigurationSet", () ->
                        sesV2.getConfigurationSet(r -> r.configurationSetName(setName)).configurationSetName()));
        return new Observed(identity, sent, unverified, sandbox, readBack(messageId(sent.value())), configurationSet,
                explained(identity, feedback.then(this::arrived), target.describe()),
                about("the feedback route to queue " + session.name("queue"), () -> FeedbackRoute.read(session, identity)));
    }

    private static <T> Fact<T> about(String subject, Supplier<T> observation) {
        return Fact.about(subject, observation);
    }

    /**
     * What SES v1 shows, else what SESv2 shows: on AWS one service with one store, so either answers for
     * both and a learner may use either CLI; ministack 1.5.33 keeps what each API made in a store of its
     * own. Refused only when both refuse, with both refusals.
     */
    static <T> Fact<T> eitherApi(String subject, Fact<T> v1, Supplier<Fact<T>> v2) {
        return v1.or(subject, v2);
    }

    /**
     * The notifications, saying, when none arrived for an identity that only SESv2 knows, why none could:
     * ministack 1.5.33 publishes none for such an identity (SES v1's SetIdentityNotificationTopic on it
     * answers 200 and stores nothing), where AWS, one service, delivers them. The check still FAILs: that
     * no notification arrived is also what a learner who set no topic would see, and a mistake is never
     * SKIP. The observation tells the learner how to practise the task on this emulator.
     */
    static Fact<Notifications> explained(Fact<Identity> identity, Fact<Notifications> arrived, String target) {
        boolean onlySesv2 = identity.map(Identity::sesv2Only).orElse(false);
        return arrived.map(a -> !onlySesv2 || !a.kinds().isEmpty() ? a : new Notifications(List.of(), a.waitedSeconds(),
                target + " publishes none for an identity only its SESv2 knows (" + identity.value() + "), as its SES v1"
                        + " and SESv2 keep separate stores; AWS does: to practise this task here, make the identity with"
                        + " aws ses verify-email-identity"));
    }

    /** Sends the verifier's message, never once the session is closed; throws SES's refusal. */
    private String send(String from, String to) {
        return session.write(List.of(), () -> ses.sendEmail(r -> r.source(from).destination(d -> d.toAddresses(to))
                .message(m -> m.subject(c -> c.data(SUBJECT)).body(b -> b.text(t -> t.data(BODY))))).messageId());
    }

    /** "accepted <message id>", or SES's refusal, as the checks read it. */
    private static String tried(Supplier<String> send) {
        try {
            return "accepted " + send.get();
        } catch (AwsServiceException e) {
            return Fact.refusalOf(e);
        }
    }

    private Sandbox sandbox() {
        boolean production = Boolean.TRUE.equals(sesV2.getAccount(r -> { }).productionAccessEnabled());
        if (production) {
            return new Sandbox(true, Sandbox.NOT_TRIED);
        }
        return new Sandbox(false, tried(() -> send(sender, run + "-recipient@example.com")));
    }

    private static Optional<String> messageId(String answer) {
        return answer.startsWith("accepted ") ? Optional.of(answer.substring("accepted ".length())) : Optional.empty();
    }

    /** The sent message as the emulator keeps it; AWS keeps no copy to read back. */
    private Fact<Mail> readBack(Optional<String> messageId) {
        if (target.endpoint().isEmpty()) {
            return Fact.unavailable("AWS keeps no copy of sent mail to read back");
        }
        if (messageId.isEmpty()) {
            return Fact.missing("nothing was sent from " + sender + " (see send-from-identity)");
        }
        Http.Answer answer = Http.get(target.endpoint().get().resolve(READ_BACK_PATH).toString(), Duration.ofSeconds(30),
                READ_BACK_BYTES);
        Optional<JsonNode> json = answer.ok() ? Json.object(answer.body()) : Optional.empty();
        if (json.isEmpty()) {
            return Fact.unavailable(target.describe() + " keeps no copy of sent mail to read back (" + READ_BACK_PATH + " answered "
                    + (answer.error() != null ? answer.error() : "HTTP " + answer.status()) + ")");
        }
        for (JsonNode account : json.get().path("messages")) {
            for (JsonNode message : account) {
                if (messageId.get().equals(message.path("MessageId").asText())) {
                    return Fact.of(new Mail(message.path("Subject").asText(), message.path("BodyText").asText()));
                }
            }
        }
        return Fact.missing(READ_BACK_PATH + " has no message " + messageId.get());
    }

    /**
     * Sends to the simulator's bounce and complaint addresses, labelled with the run's mark
     * ({@code bounce+<mark>@simulator.amazonses.com}), then takes the notifications of those sends out of the
     * learner's queue (Sqs.takeOwn) until both arrived or the patience ran out. The queue is first read: when
     * it holds messages of the learner's, nothing is sent and the fact is withheld, saying what to drain. The
     * notifications are journaled before the sends, recognised by their labelled addresses.
     */
    private Fact<Notifications> arrived(Queue queue) {
        if (queue.held() > 0) {
            return Fact.withheld(Sqs.crowded(queue, queue.held()));
        }
        List<String> addresses = SesNotificationsVerifier.FEEDBACK_KINDS.stream().map(kind -> simulator(kind.toLowerCase(Locale.ROOT))).toList();
        Optional<String> refused = addresses.stream().map(to -> tried(() -> send(sender, to))).filter(a -> messageId(a).isEmpty())
                .findFirst();
        if (refused.isPresent()) {
            return Fact.refused("send to the simulator: " + refused.get());
        }
        // The success send's Delivery notification (a learner may ask for those too) is the verifier's as well.
        Sqs.SentMessages ours = notifications(queue);
        return Fact.about("queue " + queue.name(), () -> sqs.takeOwn(session, queue, ours::ours, ours.most(),
                        NOTIFICATION_PATIENCE, Duration.ZERO, bodies -> kinds(bodies).containsAll(SesNotificationsVerifier.FEEDBACK_KINDS)))
                .then(taken -> taken.complete()
                        ? Fact.of(new Notifications(List.copyOf(kinds(taken.bodies())), NOTIFICATION_PATIENCE.toSeconds()))
                        : Fact.withheld(taken.crowded()));
    }

    /** The notifications of the verifier's sends to the simulator, as they reach the queue: journaled before the first send. */
    private Sqs.SentMessages notifications(Queue queue) {
        return new Sqs.SentMessages(queue.url(), List.of(), List.of(simulator("success"), simulator("bounce"), simulator("complaint")));
    }

    /** A mailbox simulator address labelled with the run's mark: the notifications it causes carry it. */
    private String simulator(String mailbox) {
        return mailbox + "+" + run + SIMULATOR;
    }

    private static Set<String> kinds(List<String> bodies) {
        Set<String> kinds = new TreeSet<>();
        bodies.forEach(b -> kinds.add(notificationType(b).orElse("?")));
        return kinds;
    }

    /** notificationType (identity notifications) or eventType (configuration-set events) of an SES notification. */
    static Optional<String> notificationType(String body) {
        return Json.object(Sns.message(body)).map(n -> n.hasNonNull("notificationType") ? n.path("notificationType").asText()
                : n.path("eventType").asText(null)).filter(t -> t != null && !t.isEmpty());
    }
}
