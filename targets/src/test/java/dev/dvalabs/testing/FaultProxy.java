package dev.dvalabs.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Locale;

/**
 * A proxy on loopback between the toolkit and an emulator that answers a share of AWS requests with a
 * throttling error, a 500 or a dropped connection, in the error format the service's protocol uses,
 * without forwarding them (so a retried request is never applied twice). Seeded, so a failing run can
 * be replayed.
 */
public final class FaultProxy implements AutoCloseable {

    private static final Set<String> HOP_BY_HOP = Set.of("host", "connection", "content-length", "transfer-encoding",
            "keep-alive", "upgrade", "expect");

    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI upstream;
    private final double share;
    private final Random random;
    private final AtomicInteger forwarded = new AtomicInteger();
    private final AtomicInteger faulted = new AtomicInteger();

    private FaultProxy(URI upstream, double share, long seed) throws IOException {
        this.upstream = upstream;
        this.share = share;
        this.random = new Random(seed);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", this::handle);
        server.start();
    }

    public static FaultProxy in(URI upstream, double share, long seed) {
        try {
            return new FaultProxy(upstream, share, seed);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public int faulted() {
        return faulted.get();
    }

    public int forwarded() {
        return forwarded.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            // The emulator's own paths (health) are not AWS calls and carry no retries: never faulted. Nor is a learner's
            // REST API (its stage's /_user_request_/ paths): what it answers is the learner's function's, an observation.
            String path = exchange.getRequestURI().getPath();
            boolean aws = !path.startsWith("/_") && !path.contains("/_user_request_/");
            int fault;
            synchronized (random) {
                fault = aws && random.nextDouble() < share ? random.nextInt(3) : -1;
            }
            switch (fault) {
                case 0 -> throttle(exchange);
                case 1 -> respond(exchange, 500, "application/json", "{\"__type\":\"InternalFailure\",\"message\":\"injected\"}");
                case 2 -> faulted.incrementAndGet(); // closing the exchange with no response drops the connection
                default -> forward(exchange, body);
            }
            if (fault == 0 || fault == 1) {
                faulted.incrementAndGet();
            }
        }
    }

    private void throttle(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
        if (target != null) {
            respond(exchange, 400, "application/x-amz-json-1.0",
                    "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded (injected)\"}");
        } else if (contentType.startsWith("application/x-www-form-urlencoded")) {
            respond(exchange, 400, "text/xml", "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code>"
                    + "<Message>Rate exceeded (injected)</Message></Error><RequestId>0</RequestId></ErrorResponse>");
        } else {
            respond(exchange, 503, "application/xml", "<Error><Code>SlowDown</Code><Message>injected</Message></Error>");
        }
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private void forward(HttpExchange exchange, byte[] body) throws IOException {
        forwarded.incrementAndGet();
        HttpRequest.Builder request = HttpRequest.newBuilder(upstream.resolve(exchange.getRequestURI().toString()))
                .timeout(Duration.ofSeconds(60))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
            }
        });
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        response.headers().map().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                values.forEach(v -> exchange.getResponseHeaders().add(name, v));
            }
        });
        byte[] bytes = response.body().readAllBytes();
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(response.statusCode(), head || bytes.length == 0 ? -1 : bytes.length);
        if (!head) {
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
