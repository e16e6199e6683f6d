package dev.dvalabs.exercises.serverlessapi;

import java.io.ByteArrayInputStream;
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
 */
final class DeploymentPackage {

    /** Lambda's limit for an unzipped package; a larger entry is no source file anyway. */
    private static final long MAX_ENTRY = 250L * 1024 * 1024;

    private DeploymentPackage() {}

    /** The package's files whose text contains the name, read from its download URL. */
    static List<String> filesNaming(URI location, String name) {
        try {
            HttpResponse<byte[]> zip = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                    .send(HttpRequest.newBuilder(location).timeout(Duration.ofSeconds(60)).GET().build(),
                            HttpResponse.BodyHandlers.ofByteArray());
            if (zip.statusCode() != 200) {
                throw new IllegalStateException("the function's code could not be downloaded: HTTP " + zip.statusCode());
            }
            return filesNaming(new ByteArrayInputStream(zip.body()), name);
        } catch (IOException e) {
            throw new UncheckedIOException("the function's code could not be downloaded: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while downloading the function's code", e);
        }
    }

    /** The entries of a zip whose bytes contain the name (as UTF-8, as source files write it). */
    static List<String> filesNaming(InputStream zip, String name) throws IOException {
        byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
        List<String> naming = new ArrayList<>();
        try (ZipInputStream entries = new ZipInputStream(zip)) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                if (!entry.isDirectory() && contains(entries.readNBytes((int) Math.min(MAX_ENTRY, Integer.MAX_VALUE - 8)), wanted)) {
                    naming.add(entry.getName());
                }
            }
        }
        return List.copyOf(naming);
    }

    private static boolean contains(byte[] text, byte[] wanted) {
        outer:
        for (int i = 0; i + wanted.length <= text.length; i++) {
            for (int j = 0; j < wanted.length; j++) {
                if (text[i + j] != wanted[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
