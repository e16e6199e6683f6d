package dev.dvalabs.exercises.serverlessapi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** The learner's API as a client calls it: plain HTTPS (HTTP on an emulator), an API key or none. */
final class Http {

    /** What the API answered: the status, the Content-Type header (empty when none) and the body. */
    record Answer(int status, String contentType, String body) {
        @Override
        public String toString() {
            return status + " " + (contentType.isEmpty() ? "" : contentType + " ") + body;
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    Answer post(URI uri, String json, Optional<String> apiKey) {
        return send(request(uri, apiKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    Answer get(URI uri, Optional<String> apiKey) {
        return send(request(uri, apiKey).GET().build());
    }

    private static HttpRequest.Builder request(URI uri, Optional<String> apiKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT);
        apiKey.ifPresent(key -> request.header("x-api-key", key));
        return request;
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("the API at " + request.uri() + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling " + request.uri(), e);
        }
    }
}
