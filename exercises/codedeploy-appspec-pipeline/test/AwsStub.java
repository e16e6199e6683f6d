package dev.dvalabs.exercises.codedeployappspecpipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback stand-in for the AWS APIs the codedeploy-appspec-pipeline verifier calls, answering in each
 * service's own protocol: JSON 1.1 by X-Amz-Target for CodeDeploy and CodePipeline, query/XML for STS and
 * EC2, REST/XML for S3, query/XML for IAM too, and plain HTTP for the page on the instance. Tests set the answers.
 */
final class AwsStub implements AutoCloseable {

    record Answer(int status, String contentType, byte[] body) {
        static Answer json(String body) {
            return json(200, body);
        }

        static Answer json(int status, String body) {
            return new Answer(status, "application/x-amz-json-1.1", body.getBytes(StandardCharsets.UTF_8));
        }

        static Answer xml(String body) {
            return new Answer(200, "text/xml", body.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Answer NOT_FOUND = new Answer(404, "text/plain", "not stubbed".getBytes(StandardCharsets.UTF_8));

    /** JSON answers by X-Amz-Target, or by "target id" where the request names a deployment or target id. */
    final Map<String, Answer> json = new ConcurrentHashMap<>();
    /** Query-protocol answers by Action, or by "Action filtered" for a request with filters. */
    final Map<String, Answer> query = new ConcurrentHashMap<>();
    /** S3 answers by "bucket?subresource" or "bucket/key". */
    final Map<String, Answer> s3 = new ConcurrentHashMap<>();
    volatile Answer page = NOT_FOUND;

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    AwsStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.setExecutor(threads);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + port();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] request = exchange.getRequestBody().readAllBytes();
            Answer answer = route(exchange, new String(request, StandardCharsets.UTF_8));
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            exchange.getResponseHeaders().set("x-amzn-RequestId", "stub-request");
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            exchange.getResponseBody().write(answer.body());
        }
    }

    private Answer route(HttpExchange exchange, String body) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (target != null) {
            JsonNode request = JSON.readTree(body.isEmpty() ? "{}" : body);
            for (String field : new String[] {"targetId", "deploymentId"}) {
                Answer specific = json.get(target + " " + request.path(field).asText());
                if (request.has(field) && specific != null) {
                    return specific;
                }
            }
            return json.getOrDefault(target, Answer.json(400,
                    "{\"__type\":\"UnknownOperationException\",\"message\":\"not stubbed: " + target + "\"}"));
        }
        String path = exchange.getRequestURI().getPath();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        if ("POST".equals(exchange.getRequestMethod()) && "/".equals(path)) {
            java.util.regex.Matcher action = java.util.regex.Pattern.compile("(?:^|&)Action=([^&]+)").matcher(body);
            if (!action.find()) {
                return NOT_FOUND;
            }
            // A lookup by filter (DescribeInstances by tag) may have an answer of its own.
            Answer filtered = body.contains("Filter.1.Name") ? query.get(action.group(1) + " filtered") : null;
            return filtered != null ? filtered : query.getOrDefault(action.group(1), NOT_FOUND);
        }
        if ("/".equals(path)) {
            return page;
        }
        String resource = path.substring(1);
        if (rawQuery != null && rawQuery.contains("versioning")) {
            return s3.getOrDefault(resource.replaceAll("/$", "") + "?versioning", NOT_FOUND);
        }
        if (rawQuery != null && rawQuery.contains("list-type=2")) {
            return s3.getOrDefault(resource.replaceAll("/$", "") + "?list", NOT_FOUND);
        }
        return s3.getOrDefault(resource, NOT_FOUND);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
