package dev.dvalabs.exercises.dynamodbstreamslambda;

import static dev.dvalabs.exercises.dynamodbstreamslambda.DynamodbStreamsLambdaVerifier.AUDIT_WAIT;
import static dev.dvalabs.exercises.dynamodbstreamslambda.DynamodbStreamsLambdaVerifier.CHANGED;
import static dev.dvalabs.exercises.dynamodbstreamslambda.DynamodbStreamsLambdaVerifier.CREATED;
import static dev.dvalabs.exercises.dynamodbstreamslambda.DynamodbStreamsLambdaVerifier.PING;
import static dev.dvalabs.exercises.dynamodbstreamslambda.DynamodbStreamsLambdaVerifier.SLEEP_SECONDS;

import dev.dvalabs.exercises.dynamodbstreamslambda.DynamodbStreamsLambdaVerifier.Invocation;
import dev.dvalabs.exercises.dynamodbstreamslambda.DynamodbStreamsLambdaVerifier.Observed;
import dev.dvalabs.exercises.dynamodbstreamslambda.DynamodbStreamsLambdaVerifier.Trail;
import dev.dvalabs.probe.EventSourceMapping;
import dev.dvalabs.probe.Function;
import dev.dvalabs.probe.Table;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Session;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * What dynamodb-streams-lambda's verifier observes: the table and the function's mappings, the failures queue's ARN
 * (never a receive), an order of the verifier's own made to live and die in the table and what the function audited
 * of it, and a ping and a long invoke of the function, the long one running while the stream is watched.
 */
final class StreamsProbe {

    private StreamsProbe() {}

    /** The function's mappings that read the table's current stream, in Lambda's order. */
    static List<EventSourceMapping> onStream(String stream, List<EventSourceMapping> all) {
        return all.stream().filter(m -> stream != null && stream.equals(m.eventSourceArn())).toList();
    }

    /** The mapping that reads the table's current stream, or why there is none. */
    static Fact<EventSourceMapping> fromStream(String stream, List<EventSourceMapping> all) {
        return stream == null ? Fact.refused("none (the table has no stream to map)") : EventSourceMapping.reading(stream, all);
    }

    /** The table, its mappings, the failures queue's ARN, the order's audit trail and two direct invokes. */
    static Observed observe(Session session) {
        String orders = session.name("orders");
        String function = session.name("function");
        // The long invoke runs while the stream is watched: the two do not depend on each other.
        CompletableFuture<Fact<Invocation>> sleep = CompletableFuture.supplyAsync(() ->
                invoke(session, function, "{\"sleepSeconds\": " + SLEEP_SECONDS + "}"));
        Fact<Table> table = Table.read(session.client(DynamoDbClient.class), orders);
        Fact<List<EventSourceMapping>> all = EventSourceMapping.ofFunction(session, function);
        Fact<EventSourceMapping> mapping = all.then(list -> fromStream(table.map(Table::latestStreamArn).orElse(null), list));
        Fact<Invocation> ping = invoke(session, function, "{\"ping\": \"" + PING + "\"}");
        AuditTrail own = new AuditTrail(orders, session.name("audit"), session.marker().value());
        Fact<Trail> audited = all.then(m -> Fact.about("table " + orders + " or " + own.audit(),
                () -> follow(session, own, mapping.orElse(null), ping)));
        List<EventSourceMapping> onStream = onStream(table.map(Table::latestStreamArn).orElse(null), all.orElse(List.of()));
        return new Observed(table, mapping, onStream, queueArn(session, session.name("failures")), audited, ping, sleep.join());
    }

    /** The queue's ARN as SQS gives it (GetQueueAttributes QueueArn, no message received), null when no queue has the name. */
    private static String queueArn(Session session, String queue) {
        SqsClient sqs = session.client(SqsClient.class);
        try {
            String url = sqs.getQueueUrl(r -> r.queueName(queue)).queueUrl();
            return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
        } catch (QueueDoesNotExistException e) {
            return null;
        } catch (SqsException e) {
            if ("AWS.SimpleQueueService.NonExistentQueue".equals(e.awsErrorDetails().errorCode())) {
                return null;
            }
            throw e;
        }
    }

    /**
     * The order's life and its audit, or why nothing was written: no enabled mapping reads the stream, or
     * the function does not run (a direct invoke failed, so a batch from the stream would fail too).
     */
    private static Trail follow(Session session, AuditTrail own, EventSourceMapping mapping, Fact<Invocation> ping) {
        if (mapping == null) {
            return Trail.notTried("nothing reads the table's stream for the function");
        }
        if (!mapping.enabled()) {
            return Trail.notTried("the mapping is " + mapping.state());
        }
        String notRunning = ping.map(p -> p.functionError() == null ? null : DynamodbStreamsLambdaVerifier.answer(p)).orElse(ping.refusal());
        if (notRunning != null) {
            return Trail.notTried("the function does not run: " + notRunning);
        }
        own.live(session, CREATED, CHANGED);
        return new Trail(own.awaitUntil(session, "REMOVE", AUDIT_WAIT), null);
    }

    private static Fact<Invocation> invoke(Session session, String function, String payload) {
        return Function.invoke(session, function, payload).map(i -> new Invocation(i.functionError(), i.payload()));
    }
}
