package dev.dvalabs.probe;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A GET of a page a learner's resource serves, bounded in time and in what is read of the answer. */
public final class Http {

    private Http() {
    }

    /** What a GET answered; status 0 with the error when nothing answered. */
    public record Answer(String url, int status, String body, String error) {
        public boolean ok() {
            return error == null && status == 200;
        }
    }

    public static Answer get(String url, Duration timeout, int maxBytes) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                // A page is a few hundred bytes; whatever else answers there is not read to its end.
                return new Answer(url, response.statusCode(), new String(body.readNBytes(maxBytes), StandardCharsets.UTF_8), null);
            }
        } catch (IOException | IllegalArgumentException e) {
            return new Answer(url, 0, "", "no answer (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(url, 0, "", "interrupted while waiting for the page");
        }
    }
}
