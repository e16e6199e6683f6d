package dev.dvalabs.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.core.SdkBytes;

/** Deployment packages for Python Lambda functions made by tests: one {@code index.py}. */
public final class PythonHandlers {

    /** A handler that answers with its event. */
    public static final String ECHO = "def handler(event, context):\n    return event\n";

    private PythonHandlers() {}

    /** A zip holding {@code source} as {@code index.py}, for handler {@code index.handler}. */
    public static SdkBytes zip(String source) {
        try (var bytes = new ByteArrayOutputStream(); var zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("index.py"));
            zip.write(source.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.finish();
            return SdkBytes.fromByteArray(bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
