package dev.dvalabs.exercises.serverlessapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The files of a function's deployment package that name a table, read from GetFunction's
 * {@code Code.Location}.
 *
 * <p>Why read the code rather than prove the behaviour: a proof would run the learner's code with
 * TABLE_NAME pointing at a scratch table. Changing the learner's function for that could leave it
 * changed if verify were killed; and a copy of it run under the learner's role could not write the
 * scratch table on AWS, since the role rightly allows only the exercise's table, so it proves nothing
 * there. Reading the package changes nothing, and the task says in so many words that the code names
 * no table.
 *
 * <p>A package may be large (50 MB zipped is legal, 250 MB unzipped) or a zip that inflates far past
 * its size: it is read as a stream, the download and each entry alike, searched through a window the
 * length of the name, and never held in memory; past Lambda's own limits it is not read further.
 */
final class DeploymentPackage {

    /** A zip is no larger than what it unpacks to, which Lambda bounds. */
    static final long MAX_ZIPPED = 250L * 1024 * 1024;
    /** Lambda's limit for a package unzipped: no function's code inflates past it. */
    static final long MAX_UNZIPPED = 250L * 1024 * 1024;
    static final int MAX_ENTRIES = 100_000;

    private DeploymentPackage() {}

    /** The package's files whose text contains the name, read from its download URL. */
    static List<String> filesNaming(URI location, String name) {
        try {
            HttpResponse<InputStream> zip = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                    .send(HttpRequest.newBuilder(location).timeout(Duration.ofSeconds(60)).GET().build(),
                            HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = zip.body()) {
                if (zip.statusCode() != 200) {
                    throw new IllegalStateException("the function's code could not be downloaded: HTTP " + zip.statusCode());
                }
                return filesNaming(new Bounded(body, MAX_ZIPPED), name);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the function's code could not be read: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while downloading the function's code", e);
        }
    }

    /** The entries of a zip whose bytes contain the name (as UTF-8, as source files write it), read as a stream. */
    static List<String> filesNaming(InputStream zip, String name) throws IOException {
        byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
        List<String> naming = new ArrayList<>();
        byte[] buffer = new byte[64 * 1024];
        long inflated = 0;
        int entries = 0;
        try (ZipInputStream in = new ZipInputStream(zip)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (++entries > MAX_ENTRIES) {
                    throw new IOException("the package has more than " + MAX_ENTRIES + " files, more than Lambda unpacks");
                }
                if (entry.isDirectory()) {
                    continue;
                }
                Search search = new Search(wanted);
                for (int read; (read = in.read(buffer)) >= 0; ) {
                    inflated += read;
                    if (inflated > MAX_UNZIPPED) {
                        throw new IOException("the package inflates past " + MAX_UNZIPPED / (1024 * 1024)
                                + " MB, Lambda's limit for a function's code; it was not read further");
                    }
                    if (!search.found() && search.feed(buffer, read)) {
                        naming.add(entry.getName());
                    }
                }
            }
        }
        return List.copyOf(naming);
    }

    /** A search for one byte string across chunks, keeping only how much of it the last bytes matched (KMP). */
    private static final class Search {
        private final byte[] wanted;
        private final int[] fallback;
        private int matched;
        private boolean found;

        Search(byte[] wanted) {
            this.wanted = wanted;
            this.fallback = new int[wanted.length];
            for (int i = 1, k = 0; i < wanted.length; i++) {
                while (k > 0 && wanted[i] != wanted[k]) {
                    k = fallback[k - 1];
                }
                if (wanted[i] == wanted[k]) {
                    k++;
                }
                fallback[i] = k;
            }
        }

        boolean found() {
            return found;
        }

        /** Feeds the next bytes; true once the string has been seen. */
        boolean feed(byte[] bytes, int length) {
            if (wanted.length == 0) {
                return found = true;
            }
            for (int i = 0; i < length && !found; i++) {
                if (matched == 0) {
                    byte first = wanted[0];
                    while (i < length && bytes[i] != first) {
                        i++;
                    }
                    if (i == length) {
                        break;
                    }
                }
                while (matched > 0 && bytes[i] != wanted[matched]) {
                    matched = fallback[matched - 1];
                }
                if (bytes[i] == wanted[matched]) {
                    matched++;
                }
                if (matched == wanted.length) {
                    found = true;
                }
            }
            return found;
        }
    }

    /** A stream that refuses to be read past {@code limit} bytes: a download larger than Lambda accepts is not its package. */
    private static final class Bounded extends java.io.FilterInputStream {
        private final long limit;
        private long read;

        Bounded(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > limit) {
                throw new IOException("the package is larger than " + limit / (1024 * 1024) + " MB, Lambda's limit; it was not read further");
            }
        }
    }
}
