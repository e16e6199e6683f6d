package dev.dvalabs.exercises.serverlessapi;

import dev.dvalabs.exercises.serverlessapi.ServerlessApiVerifier.Exchange;
import dev.dvalabs.probe.Http;
import dev.dvalabs.probe.Http.Answer;
import dev.dvalabs.probe.Json;
import dev.dvalabs.verify.Session;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The learner's API called as a client would: a POST without the key, a POST with it, a GET of the order it
 * answered, a GET of an id nobody stored; then the table the function's environment names, read for the
 * order. Each POST is a journaled write ({@link PostedOrder}), undone however verify ends. What an answer
 * holds is bounded: its first {@link #KEEP} bytes and its size.
 */
final class Orders {

    /** How much of an answer's body is kept: an order is a few hundred bytes. */
    static final int KEEP = 4 * 1024;

    private final Session session;
    private final Duration timeout;

    Orders(Session session, Duration timeout) {
        this.session = session;
        this.timeout = timeout;
    }

    Exchange exchange(String apiId, Optional<String> key, String environmentTable) {
        Set<String> tables = new LinkedHashSet<>();
        if (environmentTable != null && !environmentTable.isBlank()) {
            tables.add(environmentTable);
        }
        tables.add(session.name("table"));
        String run = session.marker().value();
        URI orders = session.target().executeApi(apiId, ServerlessApiVerifier.STAGE, "orders");
        Posted withoutKey = post(orders, List.copyOf(tables), run + "-unkeyed", Optional.empty());
        Posted post = post(orders, List.copyOf(tables), run + "-order", key);
        Answer get = call("GET", session.target().executeApi(apiId, ServerlessApiVerifier.STAGE, "orders/" + segment(post.id())),
                key, null);
        Answer unknown = call("GET", session.target().executeApi(apiId, ServerlessApiVerifier.STAGE, "orders/" + run + "-missing"),
                key, null);
        boolean stored = environmentTable != null && stored(environmentTable, post.id());
        return new Exchange(withoutKey.answer(), post.answer(), get, unknown, post.body(), post.id(), environmentTable, stored);
    }

    /** A POST and what came of it: the body sent, the answer, and the id the order is under (answered, else sent). */
    private record Posted(String body, Answer answer, String id) {}

    private Posted post(URI uri, List<String> tables, String id, Optional<String> key) {
        String mark = "dva-labs verify order " + UUID.randomUUID();
        String body = "{\"id\":\"" + id + "\",\"item\":\"" + mark + "\",\"quantity\":\"2\"}";
        PostedOrder before = new PostedOrder(tables, id, null, false, mark, session.now().toString());
        Answer answer = session.write(before, () -> call("POST", uri, key, body), a -> learned(before, a));
        return new Posted(body, answer, answeredId(answer).orElse(id));
    }

    /**
     * What an answer tells of where the order is: none (the API did not answer: the function may still store
     * it); the id a 2xx answer names; the id sent for a refusal (4xx: API Gateway or the function turned it
     * away); unknown for a 2xx without an id or a failure (5xx: a function may fail after storing).
     */
    private static PostedOrder learned(PostedOrder before, Answer answer) {
        if (!answer.answered()) {
            return before;
        }
        int status = answer.status();
        if (status >= 200 && status < 300) {
            return before.answered(answeredId(answer).orElse(null));
        }
        return before.answered(status >= 400 && status < 500 ? before.sent() : null);
    }

    /** The id a 2xx answer gives the order ({@code "id"} of its JSON body), if it gives one. */
    static Optional<String> answeredId(Answer answer) {
        if (!answer.answered() || answer.status() < 200 || answer.status() >= 300) {
            return Optional.empty();
        }
        return Json.object(answer.body()).map(o -> o.get("id")).filter(id -> id != null && id.isTextual() && !id.asText().isEmpty())
                .map(id -> id.asText());
    }

    private Answer call(String method, URI uri, Optional<String> key, String json) {
        Map<String, String> headers = new LinkedHashMap<>();
        key.ifPresent(k -> headers.put("x-api-key", k));
        if (json != null) {
            headers.put("Content-Type", "application/json");
        }
        Answer answer = Http.send(method, uri, headers, json, timeout, KEEP);
        return answer.answered() ? answer : Answer.none(answer.url(), "the API " + answer.error());
    }

    /** An id as one segment of a path. */
    private static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Whether the order is in the table; a table that is missing or keyed otherwise holds none. */
    private boolean stored(String table, String id) {
        try {
            return session.client(DynamoDbClient.class).getItem(r -> r.tableName(table)
                    .key(Map.of(PostedOrder.KEY, AttributeValue.fromS(id))).consistentRead(true)).hasItem();
        } catch (AwsServiceException e) {
            return false;
        }
    }
}
