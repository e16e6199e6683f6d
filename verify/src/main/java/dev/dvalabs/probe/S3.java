package dev.dvalabs.probe;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * S3 objects as the verifiers read them: listed under a prefix, and read as bounded streams, unzipped when
 * gzip, never whole into memory. Firehose writes objects of up to 128 MB; a check needs a few lines.
 */
public final class S3 {

    /** How much of an object the verifiers read at most: enough for their own few records. */
    public static final int HEAD = 64 * 1024;

    private S3() {}

    /** The objects under {@code prefix}, every page. */
    public static List<S3Object> list(S3Client s3, String bucket, String prefix) {
        List<S3Object> objects = new ArrayList<>();
        s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents().forEach(objects::add);
        return objects;
    }

    /**
     * Each line of an object, in order, with "\n" after it when the object has one there, read as a stream:
     * at most {@code maxBytes} of the object (after unzipping), a line cut after {@code maxLine} characters.
     * The rest of the object is not downloaded.
     */
    public static void lines(S3Client s3, String bucket, String key, long maxBytes, int maxLine, Consumer<String> each) {
        ResponseInputStream<GetObjectResponse> object = s3.getObject(r -> r.bucket(bucket).key(key));
        try (Reader text = new InputStreamReader(limited(unzipped(object), maxBytes), StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder();
            for (int c = text.read(); c >= 0; c = text.read()) {
                if (c == '\n') {
                    each.accept(line.append('\n').toString());
                    line.setLength(0);
                } else if (line.length() < maxLine) {
                    line.append((char) c);
                }
            }
            if (line.length() > 0) {
                each.accept(line.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read s3://" + bucket + "/" + key, e);
        } finally {
            object.abort(); // what is left of a big object is not downloaded
        }
    }

    /** The first {@code maxBytes} of an object's content, unzipped when gzip. */
    public static String head(S3Client s3, String bucket, String key, int maxBytes) {
        StringBuilder text = new StringBuilder();
        lines(s3, bucket, key, maxBytes, maxBytes, text::append);
        return text.toString();
    }

    private static InputStream unzipped(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw);
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        // CompressionFormat is the learner's to choose: GZIP objects start with 1f 8b.
        return first == 0x1f && second == 0x8b ? new GZIPInputStream(in) : in;
    }

    /** At most {@code max} bytes of {@code in}; the JDK has no such stream. */
    private static InputStream limited(InputStream in, long max) {
        return new FilterInputStream(in) {
            private long left = max;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = super.read();
                if (b >= 0) {
                    left--;
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = super.read(buffer, offset, (int) Math.min(length, left));
                if (n > 0) {
                    left -= n;
                }
                return n;
            }
        };
    }
}
