package dev.dvalabs.exercises.dynamodbfinegrainedaccess;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.dvalabs.exercises.dynamodbfinegrainedaccess.Sessions.Tried;
import dev.dvalabs.targets.EndpointTarget;
import dev.dvalabs.targets.LocalEmulator;
import dev.dvalabs.testing.LocalEmulatorExtension;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Session;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The sessions as they run on AWS, where IAM is enforced: ministack behind a proxy that refuses what the
 * instructions' policy refuses (a session with a session policy reaches nothing; a user's session reaches only
 * keys holding its own id, and never Scans). Each user's item is written, journaled and removed at the end.
 */
@ExtendWith(LocalEmulatorExtension.class)
class DynamodbFineGrainedAccessSessionsTest {

    private static final Pattern KEY_ID = Pattern.compile("<AccessKeyId>([^<]+)</AccessKeyId>");
    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/]+)/");
    private static final Pattern SESSION_NAME = Pattern.compile("RoleSessionName=([^&]+)");
    private static final String TABLE = "dva-labs-user-items";

    /** Access key id to the session's user id; the canary, with a session policy, maps to "". */
    private final Map<String, String> sessions = new ConcurrentHashMap<>();
    private HttpServer proxy;

    @AfterEach
    void stop(LocalEmulator emulator) {
        proxy.stop(0);
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder()); IamClient iam = emulator.client(IamClient.builder())) {
            dynamo.deleteTable(r -> r.tableName(TABLE));
            iam.deleteRole(r -> r.roleName("dva-labs-user-items-access"));
        }
    }

    @Test
    @DisplayName("where IAM is enforced, each session reaches its own item only, and the items go when verify ends")
    void enforced(LocalEmulator emulator) throws IOException {
        String roleArn;
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder()); IamClient iam = emulator.client(IamClient.builder())) {
            dynamo.createTable(r -> r.tableName(TABLE).billingMode("PAY_PER_REQUEST")
                    .attributeDefinitions(a -> a.attributeName("userId").attributeType("S"), a -> a.attributeName("itemId").attributeType("S"))
                    .keySchema(k -> k.attributeName("userId").keyType("HASH"), k -> k.attributeName("itemId").keyType("RANGE")));
            roleArn = iam.createRole(r -> r.roleName("dva-labs-user-items-access").assumeRolePolicyDocument("""
                    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "000000000000"},
                     "Action": ["sts:AssumeRole", "sts:TagSession"]}]}""")).role().arn();
        }
        URI upstream = emulator.endpoint().orElseThrow();
        proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        proxy.createContext("/", exchange -> forward(exchange, upstream));
        proxy.start();

        EndpointTarget enforcing = EndpointTarget.at("http://127.0.0.1:" + proxy.getAddress().getPort(), null, emulator.region());
        Fact<List<Tried>> tried;
        try (Session session = dev.dvalabs.testing.Sessions.open(enforcing, "dynamodb-fine-grained-access", Map.of())) {
            tried = Sessions.observe(session, TABLE, roleArn);
            try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder())) {
                assertThat(dynamo.scan(r -> r.tableName(TABLE)).count()).as("each user's item, until verify ends").isEqualTo(2);
            }
        }
        assertThat(tried.value()).hasSize(10)
                .allSatisfy(t -> assertThat(t.allowed()).as(t.toString()).isEqualTo(t.intended()));
        assertThat(tried.value()).filteredOn(t -> !t.intended()).allSatisfy(t -> assertThat(t.answer()).startsWith("AccessDeniedException"));
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder())) {
            assertThat(dynamo.scan(r -> r.tableName(TABLE)).count()).as("the items are removed as verify ends").isZero();
        }
    }

    private void forward(HttpExchange exchange, URI upstream) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String text = new String(body, StandardCharsets.UTF_8);
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Matcher credential = CREDENTIAL.matcher(authorization == null ? "" : authorization);
        String user = credential.find() ? sessions.get(credential.group(1)) : null;
        if (target != null && target.startsWith("DynamoDB") && user != null
                && (user.isEmpty() || target.endsWith(".Scan") || !text.contains("\"" + user + "\""))) {
            byte[] denied = ("{\"__type\": \"com.amazonaws.dynamodb.v20120810#AccessDeniedException\", \"message\": \"not authorized to perform: "
                    + target + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(400, denied.length);
            exchange.getResponseBody().write(denied);
            exchange.close();
            return;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(upstream.resolve(exchange.getRequestURI().toString()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!List.of("host", "content-length", "connection", "expect").contains(name.toLowerCase())) {
                values.forEach(v -> request.header(name, v));
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        String answer = new String(response.body(), StandardCharsets.UTF_8);
        Matcher key = KEY_ID.matcher(answer);
        Matcher name = SESSION_NAME.matcher(text);
        if (text.contains("Action=AssumeRole") && key.find() && name.find()) {
            sessions.put(key.group(1), text.contains("Policy=") ? "" : name.group(1));
        }
        response.headers().map().forEach((n, values) -> {
            if (!List.of("content-length", "transfer-encoding", "connection").contains(n.toLowerCase())) {
                values.forEach(v -> exchange.getResponseHeaders().add(n, v));
            }
        });
        exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
        exchange.getResponseBody().write(response.body());
        exchange.close();
    }
}
