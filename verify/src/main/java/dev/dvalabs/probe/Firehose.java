package dev.dvalabs.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Session;
import dev.dvalabs.verify.Write;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Firehose as the verifiers use it: a delivery stream read once into a {@link DeliveryStream}, and the objects
 * it writes into a learner's bucket from the verifier's records: where to look for them, how to recognise
 * those holding only the verifier's records, and the journal entry that removes them however verify ends.
 */
public final class Firehose {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy/MM/dd/HH/").withZone(ZoneOffset.UTC);
    /** The most lines of an object read while looking for the verifier's records; the bytes are bounded too. */
    private static final long MOST_READ = 8L * 1024 * 1024;

    private Firehose() {}

    /** The delivery stream of this name, or what Firehose answered, naming it. */
    public static Fact<DeliveryStream> deliveryStream(Session session, String name) {
        return Fact.about("delivery stream " + name, () -> new DeliveryStream(session.client(FirehoseClient.class)
                .describeDeliveryStream(r -> r.deliveryStreamName(name)).deliveryStreamDescription()));
    }

    /**
     * The folders Firehose writes into between {@code from} and {@code to}: the prefix and each UTC arrival
     * hour, {@code YYYY/MM/DD/HH/}. A prefix with an expression ({@code !{timestamp:...}}) is listed from its
     * fixed part.
     */
    public static List<String> folders(String prefix, Instant from, Instant to) {
        int expression = prefix.indexOf("!{");
        if (expression >= 0) {
            return List.of(prefix.substring(0, expression));
        }
        Set<String> folders = new LinkedHashSet<>();
        for (Instant hour = from.truncatedTo(ChronoUnit.HOURS); !hour.isAfter(to); hour = hour.plus(Duration.ofHours(1))) {
            folders.add(prefix + HOUR.format(hour));
        }
        return List.copyOf(folders);
    }

    /**
     * The lines of the objects written under {@code folders} since {@code since} that carry {@code marker},
     * by key; each object read as a bounded stream (Firehose writes up to 128 MB), only the marked lines kept;
     * the keys in {@code read} are skipped, and those read now added to it.
     */
    public static Map<String, List<String>> markedLines(S3Client s3, String bucket, List<String> folders, Instant since,
                                                        String marker, Set<String> read) {
        Map<String, List<String>> found = new LinkedHashMap<>();
        for (String folder : folders) {
            for (S3Object object : S3.list(s3, bucket, folder)) {
                // Firehose writes an object once: one read already is not read again on the next look.
                if (object.lastModified().isBefore(since) || !read.add(object.key())) {
                    continue;
                }
                List<String> lines = new ArrayList<>();
                S3.lines(s3, bucket, object.key(), MOST_READ, S3.HEAD, line -> {
                    if (line.contains(marker)) {
                        lines.add(line);
                    }
                });
                if (!lines.isEmpty()) {
                    found.put(object.key(), List.copyOf(lines));
                }
            }
        }
        return found;
    }

    /**
     * Whether every record of an object's text carries {@code marker} (the run's exact mark): the JSON values one
     * after another, or, when it is not JSON, every line that is not blank. Only such an object is the
     * verifier's to delete.
     */
    public static boolean onlyMarked(String text, String marker) {
        List<JsonNode> values = new ArrayList<>();
        try (MappingIterator<JsonNode> it = JSON.readerFor(JsonNode.class).readValues(text)) {
            while (it.hasNextValue()) {
                values.add(it.nextValue());
            }
        } catch (IOException | RuntimeException notJson) {
            values.clear();
        }
        if (values.isEmpty()) {
            return text.lines().anyMatch(l -> !l.isBlank()) && text.lines().filter(l -> !l.isBlank()).allMatch(l -> l.contains(marker));
        }
        return values.stream().allMatch(v -> v.toString().contains(marker));
    }

    /**
     * The objects Firehose will write into a learner's bucket from records the verifier puts into the stream it
     * reads, journaled before the first record is put, when their keys are not known yet: undoing lists the
     * folders of the arrival hours and deletes exactly the objects written since {@code since} (epoch seconds)
     * that are small enough to be read whole and hold only records carrying this run's mark. A learner's object,
     * and one mixing their records with the verifier's, stays.
     */
    public record DeliveredObjects(String bucket, List<String> folders, String marker, long since) implements Write {

        @Override
        public void undo(Session session) {
            S3Client s3 = session.client(S3Client.class);
            Instant after = Instant.ofEpochSecond(since).minusSeconds(60);
            try {
                for (String folder : folders) {
                    for (S3Object object : S3.list(s3, bucket, folder)) {
                        if (!object.lastModified().isBefore(after) && object.size() <= S3.HEAD
                                && onlyMarked(S3.head(s3, bucket, object.key(), S3.HEAD), marker)) {
                            s3.deleteObject(r -> r.bucket(bucket).key(object.key()));
                        }
                    }
                }
            } catch (NoSuchBucketException gone) {
                // the bucket is gone, and the objects with it
            }
        }

        @Override
        public String describe() {
            return "objects holding only the records of " + marker + " in s3://" + bucket + "/" + String.join(", ", folders);
        }
    }
}
