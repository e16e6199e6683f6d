package dev.dvalabs.probe;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * A request to something a learner's resource serves (a page, an API), bounded in time and in what is kept
 * of the answer: at most {@code keep} bytes of the body, and the body's size. A learner's endpoint may answer
 * megabytes, or not at all; either is an observation, never an exception.
 */
public final class Http {

    /** How far a body is read to learn its size; past this the size is "more than". */
    static final long MAX_COUNTED = 64L * 1024 * 1024;

    private Http() {
    }

    /**
     * What the request answered: the status, the Content-Type (empty when none), the first bytes of the body
     * as text and the body's size in bytes ({@link #MAX_COUNTED} + 1 when larger); status 0 with the error
     * when nothing answered.
     */
    public record Answer(String url, int status, String contentType, String body, long size, String error) {

        /** Nothing answered, for the reason given ("did not answer within 30 s"). */
        public static Answer none(String url, String error) {
            return new Answer(url, 0, "", "", 0, error);
        }

        /** An answer as a test writes it: the whole body kept. */
        public static Answer of(int status, String contentType, String body) {
            return new Answer("", status, contentType, body, body.getBytes(StandardCharsets.UTF_8).length, null);
        }

        public boolean answered() {
            return error == null;
        }

        public boolean ok() {
            return error == null && status == 200;
        }

        /** Whether only the first bytes of the body were kept. */
        public boolean cut() {
            return size > body.getBytes(StandardCharsets.UTF_8).length;
        }

        @Override
        public String toString() {
            if (error != null) {
                return error;
            }
            return status + " " + (contentType.isEmpty() ? "" : contentType + " ") + body
                    + (cut() ? "... (" + (size > MAX_COUNTED ? "more than " + MAX_COUNTED : size) + " bytes in all)" : "");
        }
    }

    /** A GET of {@code url}. */
    public static Answer get(String url, Duration timeout, int keep) {
        return send("GET", URI.create(url), Map.of(), null, timeout, keep);
    }

    /**
     * A request with these headers and, unless null, this body; the answer within {@code timeout} (connection
     * and first byte), at most {@code keep} bytes of its body kept.
     */
    public static Answer send(String method, URI uri, Map<String, String> headers, String body, Duration timeout, int keep) {
        String url = uri.toString();
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            headers.forEach(request::header);
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                byte[] kept = in.readNBytes(keep);
                long size = kept.length + count(in);
                return new Answer(url, response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                        new String(kept, StandardCharsets.UTF_8), size, null);
            }
        } catch (HttpTimeoutException e) {
            return Answer.none(url, "did not answer within " + timeout.toSeconds() + " s");
        } catch (IOException | IllegalArgumentException e) {
            return Answer.none(url, "did not answer (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.none(url, "interrupted while waiting for the answer");
        }
    }

    /** The bytes left in {@code in}, read and dropped, up to just past {@link #MAX_COUNTED}. */
    private static long count(InputStream in) throws IOException {
        byte[] buffer = new byte[8192];
        long n = 0;
        for (int read; n <= MAX_COUNTED && (read = in.read(buffer)) >= 0; ) {
            n += read;
        }
        return Math.min(n, MAX_COUNTED + 1);
    }
}
