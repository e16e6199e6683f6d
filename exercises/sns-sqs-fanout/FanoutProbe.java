package dev.dvalabs.exercises.snssqsfanout;

import dev.dvalabs.exercises.snssqsfanout.SnsSqsFanoutVerifier.Fanout;
import dev.dvalabs.exercises.snssqsfanout.SnsSqsFanoutVerifier.Fifo;
import dev.dvalabs.exercises.snssqsfanout.SnsSqsFanoutVerifier.LongPoll;
import dev.dvalabs.exercises.snssqsfanout.SnsSqsFanoutVerifier.Observed;
import dev.dvalabs.exercises.snssqsfanout.SnsSqsFanoutVerifier.QueuePolicy;
import dev.dvalabs.exercises.snssqsfanout.SnsSqsFanoutVerifier.Redrive;
import dev.dvalabs.exercises.snssqsfanout.SnsSqsFanoutVerifier.Sizes;
import dev.dvalabs.exercises.snssqsfanout.SnsSqsFanoutVerifier.Visibility;
import dev.dvalabs.probe.Answers;
import dev.dvalabs.probe.Queue;
import dev.dvalabs.probe.Sns;
import dev.dvalabs.probe.Sns.Publication;
import dev.dvalabs.probe.Sqs;
import dev.dvalabs.probe.Topic;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Session;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * What sns-sqs-fanout observes. The learner's queues are read for their attributes; what arrives from the
 * learner's topics is taken from them only while they hold none of the learner's messages (Sns.publishAndFind).
 * Everything a queue does when received from (visibility, redrive, long polling, size) is shown on a queue of
 * the verifier's own configured like billing, with a dead-letter queue of its own, so no message of the
 * learner's is ever received and none moves towards a dead-letter queue.
 */
final class FanoutProbe {

    private static final Duration ARRIVAL = Duration.ofSeconds(5);
    /** The filtered event would have arrived with the other one; a second more to be sure it does not. */
    private static final Duration SETTLE = Duration.ofSeconds(1);
    private static final Duration FIFO_ARRIVAL = Duration.ofSeconds(8);

    private final Session session;
    private final SqsClient client;
    private final Sqs sqs;
    private final Sns sns;
    private final String run;

    FanoutProbe(Session session) {
        this.session = session;
        this.client = session.client(SqsClient.class);
        this.sqs = new Sqs(client);
        this.sns = new Sns(session.client(SnsClient.class), session.target().region(),
                session.client(StsClient.class).getCallerIdentity().account());
        this.run = session.marker().value();
    }

    Observed observe() {
        Fact<Topic> topic = sns.topic(session.name("topic"));
        Fact<Topic> fifoTopic = sns.topic(session.name("fifoTopic"));
        Fact<Queue> billing = sqs.queue(session.name("billing"));
        Fact<Queue> shipping = sqs.queue(session.name("shipping"));
        Fact<Queue> ledger = sqs.queue(session.name("fifoQueue"));
        Fact<Queue> deadLetter = sqs.queue(session.name("deadLetter"));
        List<Fact<QueuePolicy>> policies = List.of(policy(billing, topic), policy(shipping, topic), policy(ledger, fifoTopic));
        Fact<Fanout> fanout = topic.then(t -> billing.then(b -> shipping.then(s -> fanout(t, b, s))));
        Fact<Fifo> fifo = fifoTopic.then(t -> ledger.then(l -> fifo(t, l)));
        // A queue of the verifier's own like billing, made once its attributes are known; long polling first, while it is empty.
        Fact<Queue> own = billing.then(b -> Fact.about("the verifier's queue like " + b.name(), () -> sqs.ownLike(session, b, "billing")));
        Fact<LongPoll> longPoll = own.then(q -> onOwn(q, () -> longPoll(q)));
        Fact<Visibility> visibility = own.then(q -> onOwn(q, () -> visibility(q)));
        Fact<Redrive> redrive = billing.then(b -> b.redrive().filter(r -> r.maxReceiveCount() > 0 && r.deadLetterTarget() != null)
                // The learner's dead-letter queue must exist; the messages go to the verifier's own.
                .map(r -> sqs.queue(r.deadLetterTarget()).then(learners -> own.then(q -> q.redrive()
                        .map(mine -> sqs.queue(mine.deadLetterTarget()).then(dlq -> onOwn(q, () -> redrive(q, dlq))))
                        .orElseGet(() -> Fact.of(new Redrive(q.maxReceiveCount(), 0, false))))))
                .orElseGet(() -> Fact.of(new Redrive(b.maxReceiveCount(), 0, false))));
        Fact<Sizes> sizes = own.then(q -> onOwn(q, () -> sizes(q)));
        return new Observed(billing, deadLetter, policies, fanout, visibility, redrive, longPoll, sizes, fifo);
    }

    private static <T> Fact<T> onOwn(Queue own, java.util.function.Supplier<T> probe) {
        return Fact.about("the verifier's queue " + own.name(), probe);
    }

    private static Fact<QueuePolicy> policy(Fact<Queue> queue, Fact<Topic> topic) {
        return topic.then(t -> queue.map(q -> new QueuePolicy(q.name(), q.arn().toString(), t.arn().toString(), q.policy())));
    }

    /** Both events published once; billing must get both, shipping only the SHIPPED one. */
    private Fact<Fanout> fanout(Topic topic, Queue billing, Queue shipping) {
        String matching = run + "-shipped";
        String other = run + "-placed";
        List<Publication> events = List.of(
                new Publication(other, Map.of(SnsSqsFanoutVerifier.FILTER_ATTRIBUTE, "PLACED")),
                new Publication(matching, Map.of(SnsSqsFanoutVerifier.FILTER_ATTRIBUTE, SnsSqsFanoutVerifier.FILTER_VALUE)));
        return sns.publishAndFind(session, sqs, topic, events, List.of(billing, shipping), ARRIVAL, SETTLE,
                        (queue, bodies) -> queue.equals(billing.name())
                                ? Sns.carries(bodies, matching) && Sns.carries(bodies, other) : Sns.carries(bodies, matching))
                .map(d -> new Fanout(topic.arn().toString(), matching, other, d.in(billing.name()), d.in(shipping.name())));
    }

    /** Five messages in one group, the third published twice with one deduplication id. */
    private Fact<Fifo> fifo(Topic topic, Queue ledger) {
        List<Publication> published = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            String message = run + "-fifo-" + i;
            published.add(new Publication(message, Map.of(), run, message));
            if (i == SnsSqsFanoutVerifier.FIFO_DUPLICATE) {
                published.add(new Publication(message, Map.of(), run, message));
            }
        }
        String last = published.get(published.size() - 1).message();
        List<String> messages = published.stream().map(Publication::message).toList();
        return sns.publishAndFind(session, sqs, topic, published, List.of(ledger), FIFO_ARRIVAL, Duration.ZERO,
                        (queue, bodies) -> Sns.carries(bodies, last))
                .map(d -> new Fifo(messages, run + "-fifo-" + SnsSqsFanoutVerifier.FIFO_DUPLICATE,
                        d.in(ledger.name()).stream().map(Sns::message).toList()));
    }

    /** A receive without WaitTimeSeconds on the verifier's empty queue while its only message is delayed. */
    private LongPoll longPoll(Queue own) {
        String body = run + "-long-poll";
        client.sendMessage(s -> s.queueUrl(own.url()).messageBody(body).delaySeconds(SnsSqsFanoutVerifier.LONG_POLL_DELAY));
        Instant start = session.now();
        List<Message> received = client.receiveMessage(r -> r.queueUrl(own.url()).maxNumberOfMessages(10)).messages();
        long elapsed = Duration.between(start, session.now()).toMillis();
        Optional<Message> delivered = received.stream().filter(m -> m.body().equals(body)).findFirst();
        delivered.ifPresent(m -> delete(own, m));
        return new LongPoll(own.receiveWaitTime(), elapsed, delivered.isPresent());
    }

    /**
     * Receives a message with the queue's own timeout and leaves it undeleted; a second message, sent
     * then, makes the next receive return at once, with the first one too if it is visible. Then
     * ChangeMessageVisibility 0 ends its visibility, as an expiring timeout does, and it must come back.
     */
    private Visibility visibility(Queue own) {
        String body = run + "-visibility";
        client.sendMessage(s -> s.queueUrl(own.url()).messageBody(body));
        Optional<Message> first = receive(own, body, 5, null);
        if (first.isEmpty()) {
            return new Visibility(own.visibilityTimeout(), false, false, false);
        }
        String beside = run + "-visible";
        client.sendMessage(s -> s.queueUrl(own.url()).messageBody(beside));
        List<Message> during = new ArrayList<>();
        session.poll(ARRIVAL, Duration.ZERO).until(() -> {
            during.addAll(client.receiveMessage(r -> r.queueUrl(own.url()).maxNumberOfMessages(10).waitTimeSeconds(1)).messages());
            return during.stream().filter(m -> m.body().equals(beside)).findFirst();
        });
        Optional<Message> seenAgain = during.stream().filter(m -> m.body().equals(body)).findFirst();
        String handle = seenAgain.orElse(first.get()).receiptHandle();
        client.changeMessageVisibility(c -> c.queueUrl(own.url()).receiptHandle(handle).visibilityTimeout(0));
        Optional<Message> back = receive(own, body, 5, null);
        back.ifPresent(m -> delete(own, m));
        return new Visibility(own.visibilityTimeout(), true, seenAgain.isEmpty(), back.isPresent());
    }

    /**
     * Hands a message out maxReceiveCount times on the verifier's queue (VisibilityTimeout 0 on the receive:
     * a failed processing without the wait), then tries once more: SQS must move it to the verifier's
     * dead-letter queue instead.
     */
    private Redrive redrive(Queue own, Queue deadLetters) {
        int maxReceiveCount = own.maxReceiveCount();
        if (maxReceiveCount == 0 || maxReceiveCount > SnsSqsFanoutVerifier.MOST_RECEIVES) {
            return new Redrive(maxReceiveCount, 0, false);
        }
        String body = run + "-redrive";
        client.sendMessage(s -> s.queueUrl(own.url()).messageBody(body));
        int receives = 0;
        for (int attempt = 0; attempt < maxReceiveCount && receive(own, body, 5, 0).isPresent(); attempt++) {
            receives++;
        }
        // The receive after the last: a short poll, so that it does not wait when the message has moved;
        // as a short poll may miss a message, it is repeated between looks into the dead-letter queue.
        int[] counted = {receives};
        boolean moved = session.poll(ARRIVAL, Duration.ZERO).until(() -> {
            if (counted[0] > maxReceiveCount) {
                return Optional.of(false);
            }
            if (receive(own, body, 0, 0).isPresent()) {
                counted[0]++;
                return Optional.empty();
            }
            return receive(deadLetters, body, 1, null).map(m -> true);
        }).orElse(false);
        return new Redrive(maxReceiveCount, counted[0], moved);
    }

    /** The verifier's queue like billing and a topic of its own, sent a message at 256 KB and one just over it. */
    private Sizes sizes(Queue own) {
        String over = padded(run + "-over-", SnsSqsFanoutVerifier.MAX_MESSAGE_BYTES + 1);
        String atLimit = padded(run + "-limit-", SnsSqsFanoutVerifier.MAX_MESSAGE_BYTES);
        String queueOver = Answers.of(() -> client.sendMessage(s -> s.queueUrl(own.url()).messageBody(over)));
        String queueAt = Answers.of(() -> client.sendMessage(s -> s.queueUrl(own.url()).messageBody(atLimit)));
        String topicOver = sns.tryPublish(sns.ownTopic(session, "size"), over);
        return new Sizes(queueOver, queueAt, topicOver);
    }

    /** The message with this body from the verifier's queue, not deleted; {@code visibility} null keeps the queue's timeout. */
    private Optional<Message> receive(Queue queue, String body, int waitSeconds, Integer visibility) {
        return client.receiveMessage(r -> r.queueUrl(queue.url()).maxNumberOfMessages(10).waitTimeSeconds(waitSeconds)
                .visibilityTimeout(visibility)).messages().stream().filter(m -> m.body().equals(body)).findFirst();
    }

    private void delete(Queue queue, Message message) {
        client.deleteMessage(d -> d.queueUrl(queue.url()).receiptHandle(message.receiptHandle()));
    }

    private static String padded(String prefix, int bytes) {
        return prefix + "x".repeat(bytes - prefix.length());
    }
}
