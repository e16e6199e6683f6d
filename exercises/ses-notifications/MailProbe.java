package dev.dvalabs.exercises.sesnotifications;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dvalabs.exercises.sesnotifications.SesNotificationsVerifier.Mail;
import dev.dvalabs.exercises.sesnotifications.SesNotificationsVerifier.Notifications;
import dev.dvalabs.exercises.sesnotifications.SesNotificationsVerifier.Observed;
import dev.dvalabs.exercises.sesnotifications.SesNotificationsVerifier.Sandbox;
import dev.dvalabs.probe.Json;
import dev.dvalabs.probe.Sns;
import dev.dvalabs.targets.Target;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.RunMarker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * One look at the learner's SES setup: the identity's verification, sends from it and from an address
 * that is no identity, the account's sandbox, the configuration set, and the notifications of sends to
 * the mailbox simulator's bounce and complaint addresses, read from the learner's queue. Sends other than
 * to the simulator happen only where SES refuses them (an unverified sender, the sandbox's unverified
 * recipient), so the verifier mails nobody.
 */
final class MailProbe {

    static final String SIMULATOR = "@simulator.amazonses.com";
    static final String SUBJECT = "dva-labs verify: a message from your identity";
    static final String BODY = "Sent by labs verify ses-notifications to the SES mailbox simulator.";
    /** How long the notifications may take through SES, SNS and SQS: a few seconds on AWS, at once on ministack. */
    static final Duration NOTIFICATION_PATIENCE = Duration.ofSeconds(30);
    static final String READ_BACK_PATH = "/_ministack/ses/messages";

    private final Target target;
    private final Map<String, String> names;
    /** The mark of the addresses SES refuses; nothing the verifier keeps carries it. */
    private final String run = RunMarker.start().value();
    private final String sender;

    MailProbe(Target target, Map<String, String> names) {
        this.target = target;
        this.names = names;
        this.sender = names.get("sender");
    }

    Observed observe() {
        try (SesClient ses = target.client(SesClient.builder());
             SesV2Client sesV2 = target.client(SesV2Client.builder());
             SqsClient sqs = target.client(SqsClient.builder())) {
            Fact<SenderIdentity> identity = about("identity " + sender, () -> SenderIdentity.read(ses, sesV2, sender));
            Fact<String> sent = Fact.of(tried(() -> send(ses, sender, "success" + SIMULATOR)));
            String sendAnswer = sent.value();
            Fact<String> unverified = Fact.of(tried(() -> send(ses, run + "@example.com", "success" + SIMULATOR)));
            Fact<Sandbox> sandbox = about("the account's SES settings", () -> sandbox(ses, sesV2));
            String setName = names.get("configurationSet");
            Fact<String> configurationSet = eitherApi("configuration set " + setName,
                    about("SES v1 DescribeConfigurationSet", () ->
                            ses.describeConfigurationSet(r -> r.configurationSetName(setName)).configurationSet().name()),
                    () -> about("SESv2 GetConfigurationSet", () ->
                            sesV2.getConfigurationSet(r -> r.configurationSetName(setName)).configurationSetName()));
            return new Observed(identity, sent, unverified, sandbox,
                    readBack(messageId(sendAnswer)), configurationSet,
                    explained(identity, notifications(ses, sqs), target.describe()),
                    about("the feedback route to queue " + names.get("queue"), () -> FeedbackRoute.read(target, names,
                            identity.refused() ? identity.refusal() : identity.value().toString())));
        }
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
        if (!v1.refused()) {
            return v1;
        }
        Fact<T> other = v2.get();
        return other.refused() ? Fact.refused(subject + ": " + v1.refusal() + "; " + other.refusal()) : other;
    }

    /**
     * The notifications, saying, when none arrived for an identity that only SESv2 knows, why none could:
     * ministack 1.5.33 publishes none for such an identity (SES v1's SetIdentityNotificationTopic on it
     * answers 200 and stores nothing), where AWS, one service, delivers them. The check still FAILs: that
     * no notification arrived is also what a learner who set no topic would see, and a mistake is never
     * SKIP. The observation tells the learner how to practise the task on this emulator.
     */
    static Fact<Notifications> explained(Fact<SenderIdentity> identity, Fact<Notifications> arrived, String target) {
        if (identity.refused() || arrived.refused() || !identity.value().sesv2Only() || !arrived.value().kinds().isEmpty()) {
            return arrived;
        }
        return Fact.of(new Notifications(List.of(), arrived.value().waitedSeconds(), target + " publishes none for an"
                + " identity only its SESv2 knows (" + identity.value() + "), as its SES v1 and SESv2 keep separate stores;"
                + " AWS does: to practise this task here, make the identity with aws ses verify-email-identity"));
    }

    /** Sends the verifier's message; throws SES's refusal. */
    private String send(SesClient ses, String from, String to) {
        return ses.sendEmail(r -> r.source(from).destination(d -> d.toAddresses(to))
                .message(m -> m.subject(c -> c.data(SUBJECT)).body(b -> b.text(t -> t.data(BODY))))).messageId();
    }

    /** "accepted <message id>", or SES's refusal, as the checks read it. */
    private static String tried(Supplier<String> send) {
        try {
            return "accepted " + send.get();
        } catch (AwsServiceException e) {
            return Fact.refusalOf(e);
        }
    }

    private Sandbox sandbox(SesClient ses, SesV2Client sesV2) {
        boolean production = Boolean.TRUE.equals(sesV2.getAccount(r -> { }).productionAccessEnabled());
        if (production) {
            return new Sandbox(true, Sandbox.NOT_TRIED);
        }
        return new Sandbox(false, tried(() -> send(ses, sender, run + "-recipient@example.com")));
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
            return Fact.refused("nothing was sent from " + sender + " (see send-from-identity)");
        }
        URI uri = target.endpoint().get().resolve(READ_BACK_PATH);
        try {
            HttpResponse<String> answer = get(uri);
            Optional<JsonNode> json = answer.statusCode() == 200 ? Json.object(answer.body()) : Optional.empty();
            if (json.isEmpty()) {
                return Fact.unavailable(target.describe() + " keeps no copy of sent mail (" + READ_BACK_PATH + " answered HTTP "
                        + answer.statusCode() + ")");
            }
            for (JsonNode account : json.get().path("messages")) {
                for (JsonNode message : account) {
                    if (messageId.get().equals(message.path("MessageId").asText())) {
                        return Fact.of(new Mail(message.path("Subject").asText(), message.path("BodyText").asText()));
                    }
                }
            }
            return Fact.refused(READ_BACK_PATH + " has no message " + messageId.get());
        } catch (IOException e) {
            return Fact.unavailable(target.describe() + " keeps no copy of sent mail to read back (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Fact.unavailable("interrupted while reading back the sent mail");
        }
    }

    /** GET, tried again on a dropped connection as the SDK's clients are, up to their number of attempts. */
    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        for (int attempt = 1; ; attempt++) {
            try {
                return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                if (attempt >= Target.MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * Sends to the simulator's bounce and complaint addresses, then reads the learner's queue until both
     * notifications of those sends arrived, or the patience ran out. A notification is recognised by the
     * message id it carries, in the SNS envelope or raw; the verifier deletes what it recognised and makes
     * the other messages visible again at once.
     */
    private Fact<Notifications> notifications(SesClient ses, SqsClient sqs) {
        Map<String, String> kindById = new LinkedHashMap<>();
        for (String kind : List.of("Bounce", "Complaint")) {
            String answer = tried(() -> send(ses, sender, kind.toLowerCase(java.util.Locale.ROOT) + SIMULATOR));
            if (messageId(answer).isEmpty()) {
                return Fact.refused("send to " + kind.toLowerCase(java.util.Locale.ROOT) + SIMULATOR + ": " + answer);
            }
            kindById.put(messageId(answer).get(), kind);
        }
        return about("queue " + names.get("queue"), () -> {
            String url = sqs.getQueueUrl(r -> r.queueName(names.get("queue"))).queueUrl();
            Set<String> seen = new TreeSet<>();
            Instant deadline = Instant.now().plus(NOTIFICATION_PATIENCE);
            while (!seen.containsAll(kindById.values()) && Instant.now().isBefore(deadline)) {
                int wait = (int) Math.max(1, Math.min(5, Duration.between(Instant.now(), deadline).toSeconds()));
                for (Message message : sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(wait))
                        .messages()) {
                    Optional<String> kind = kindById.entrySet().stream().filter(e -> message.body().contains(e.getKey()))
                            .map(e -> notificationType(message.body()).orElse("?")).findFirst();
                    if (kind.isPresent()) {
                        seen.add(kind.get());
                        sqs.deleteMessage(d -> d.queueUrl(url).receiptHandle(message.receiptHandle()));
                    } else {
                        sqs.changeMessageVisibility(c -> c.queueUrl(url).receiptHandle(message.receiptHandle()).visibilityTimeout(0));
                    }
                }
            }
            return new Notifications(List.copyOf(seen), NOTIFICATION_PATIENCE.toSeconds());
        });
    }

    /** notificationType (identity notifications) or eventType (configuration-set events) of an SES notification. */
    static Optional<String> notificationType(String body) {
        return Json.object(Sns.message(body)).map(n -> n.hasNonNull("notificationType") ? n.path("notificationType").asText()
                : n.path("eventType").asText(null)).filter(t -> t != null && !t.isEmpty());
    }
}
