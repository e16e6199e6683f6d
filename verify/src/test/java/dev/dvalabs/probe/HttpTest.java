package dev.dvalabs.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A learner's endpoint answering megabytes, or nothing in time: an observation, bounded, never an exception. */
class HttpTest {

    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/big", exchange -> {
            byte[] chunk = "x".repeat(1024).getBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 3L * 1024 * 1024);
            try (var out = exchange.getResponseBody()) {
                for (int i = 0; i < 3 * 1024; i++) {
                    out.write(chunk);
                }
            }
        });
        server.createContext("/slow", exchange -> {
            try {
                Thread.sleep(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI at(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    @DisplayName("a 3 MB body keeps its first 4 KB and its size, and reads in a line of the checklist")
    void bigBodyIsCut() {
        Http.Answer answer = Http.send("POST", at("/big"), Map.of("Content-Type", "application/json"), "{}",
                Duration.ofSeconds(10), 4096);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).hasSize(4096);
        assertThat(answer.size()).isEqualTo(3L * 1024 * 1024);
        assertThat(answer.cut()).isTrue();
        assertThat(answer.toString()).hasSizeLessThan(4300).endsWith("... (3145728 bytes in all)");
    }

    @Test
    @DisplayName("an endpoint that answers slower than the wait is no exception: it did not answer within N s")
    void slowIsAnAnswerOfItsOwn() {
        Http.Answer answer = Http.send("GET", at("/slow"), Map.of(), null, Duration.ofSeconds(1), 4096);
        assertThat(answer.answered()).isFalse();
        assertThat(answer.error()).isEqualTo("did not answer within 1 s");
        assertThat(answer.toString()).isEqualTo("did not answer within 1 s");
    }
}
