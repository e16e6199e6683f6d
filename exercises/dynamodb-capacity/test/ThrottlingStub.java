package dev.dvalabs.exercises.dynamodbcapacity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback DynamoDB (JSON 1.0 by X-Amz-Target) that throttles as a table at 1 WCU does once its
 * burst capacity is spent: after {@link #burst} accepted writes, each write right after an accepted one
 * is refused with ProvisionedThroughputExceededException, so a client that retries gets every write
 * through on its second attempt. A burst of -1 never throttles, as the emulators do. Tables other than
 * those created here are not found.
 */
final class ThrottlingStub implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    volatile int burst = -1;
    final Set<String> tables = ConcurrentHashMap.newKeySet();
    final List<String> created = new CopyOnWriteArrayList<>();
    final List<JsonNode> createRequests = new CopyOnWriteArrayList<>();
    final AtomicInteger accepted = new AtomicInteger();
    private final AtomicBoolean lastAccepted = new AtomicBoolean();
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    ThrottlingStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.setExecutor(threads);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
            String table = request.path("TableName").asText();
            String[] answer = switch (target.substring(target.indexOf('.') + 1)) {
                case "CreateTable" -> {
                    tables.add(table);
                    created.add(table);
                    createRequests.add(request);
                    yield ok("{\"TableDescription\":" + description(table) + "}");
                }
                case "DescribeTable" -> tables.contains(table) ? ok("{\"Table\":" + description(table) + "}") : notFound();
                case "DeleteTable" -> tables.remove(table) ? ok("{\"TableDescription\":" + description(table) + "}") : notFound();
                case "PutItem" -> tables.contains(table) ? put() : notFound();
                default -> new String[] {"400", "{\"__type\":\"com.amazon.coral.service#UnknownOperationException\"}"};
            };
            byte[] body = answer[1].getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(Integer.parseInt(answer[0]), body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private synchronized String[] put() {
        boolean throttle = burst >= 0 && accepted.get() >= burst && lastAccepted.get();
        lastAccepted.set(!throttle);
        if (throttle) {
            return new String[] {"400", "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\","
                    + "\"message\":\"The level of configured provisioned throughput for the table was exceeded."
                    + " Consider increasing your provisioning level with the UpdateTable API.\"}"};
        }
        accepted.incrementAndGet();
        return ok("{}");
    }

    private static String description(String table) {
        return "{\"TableName\":\"" + table + "\",\"TableStatus\":\"ACTIVE\"}";
    }

    private static String[] ok(String body) {
        return new String[] {"200", body};
    }

    private static String[] notFound() {
        return new String[] {"400", "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException\","
                + "\"message\":\"Requested resource not found\"}"};
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
