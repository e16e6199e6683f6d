package dev.dvalabs.exercises.kinesisstreamsfirehose;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dvalabs.exercises.kinesisstreamsfirehose.KinesisStreamsFirehoseVerifier.Delivered;
import dev.dvalabs.targets.Target;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamDescription;
import software.amazon.awssdk.services.firehose.model.ExtendedS3DestinationDescription;
import software.amazon.awssdk.services.firehose.model.ProcessorParameter;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The archive bucket, as Firehose fills it: the verifier puts its own clicks into the stream and waits,
 * bounded, until they are in the bucket, ending as soon as all are. The objects that hold only the
 * verifier's clicks are remembered and deleted by {@link #close()}, safe twice and from another thread.
 */
final class Archive implements AutoCloseable {

    static final int RECORDS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** An emulator delivers as the record is put; this is only for one that never does. */
    private static final Duration EMULATOR_PATIENCE = Duration.ofSeconds(15);
    /** Beyond the buffers: the time Firehose takes to read the stream and write the object. */
    private static final Duration AWS_SLACK = Duration.ofSeconds(120);
    private static final Duration MOST = Duration.ofMinutes(15);
    /** Firehose's default for a Lambda processor's BufferIntervalInSeconds. */
    private static final int PROCESSOR_BUFFER_SECONDS = 60;

    private final Object lock = new Object();
    private final Set<String> ours = new TreeSet<>();
    private Target target;
    private String bucket;
    private boolean closed;

    /**
     * Puts the verifier's clicks into the stream at once, as one PutRecords, and waits for them in the
     * bucket no longer than the delivery stream's buffers allow.
     */
    Delivered deliver(Target where, KinesisClient kinesis, S3Client s3, String stream, String toBucket, String run,
                      DeliveryStreamDescription delivery) {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("verify was interrupted and has removed its clicks; it puts no more");
            }
            target = where;
            bucket = toBucket;
        }
        Instant since = Instant.now().minusSeconds(60);
        String marker = run + "-delivery-";
        List<PutRecordsRequestEntry> clicks = new ArrayList<>();
        for (int i = 1; i <= RECORDS; i++) {
            clicks.add(PutRecordsRequestEntry.builder().partitionKey(run + "-delivery").data(ClickStream.click(marker + i)).build());
        }
        kinesis.putRecords(r -> r.streamName(stream).records(clicks));
        Map<String, String> read = new LinkedHashMap<>();
        return Patience.until(patience(where, delivery), Duration.ofSeconds(where.emulator().isPresent() ? 1 : 5),
                () -> look(s3, since, marker, run, read), d -> d.found().size() >= RECORDS);
    }

    /** The objects read so far by key, and what the verifier's clicks in them show. */
    private Delivered look(S3Client s3, Instant since, String marker, String run, Map<String, String> read) {
        for (S3Object object : s3.listObjectsV2Paginator(r -> r.bucket(bucket)).contents()) {
            if (!read.containsKey(object.key()) && !object.lastModified().isBefore(since)) {
                read.put(object.key(), text(s3.getObjectAsBytes(r -> r.bucket(bucket).key(object.key())).asByteArray()));
            }
        }
        Set<String> found = new TreeSet<>();
        Set<String> transformed = new TreeSet<>();
        Set<String> holding = new TreeSet<>();
        Pattern click = Pattern.compile(Pattern.quote(marker) + "(\\d+)");
        read.forEach((key, text) -> {
            Matcher m = click.matcher(text);
            while (m.find()) {
                found.add(m.group(1));
                holding.add(key);
            }
            transformedIn(text, marker, transformed);
            if (text.contains(run) && onlyOurs(text, run)) {
                synchronized (lock) {
                    ours.add(key);
                }
            }
        });
        return new Delivered(List.copyOf(found), List.copyOf(transformed), List.copyOf(holding));
    }

    /** An object's text, unzipped when Firehose compressed it with GZIP (CompressionFormat is the learner's to choose). */
    static String text(byte[] content) {
        if (content.length > 2 && (content[0] & 0xff) == 0x1f && (content[1] & 0xff) == 0x8b) {
            try (GZIPInputStream unzipped = new GZIPInputStream(new ByteArrayInputStream(content))) {
                return new String(unzipped.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException notGzip) {
                // Not a gzip stream after all: read as it is.
            }
        }
        return new String(content, StandardCharsets.UTF_8);
    }

    /**
     * The verifier's delivery clicks in an object that carry "transformed": true, a JSON boolean, and a
     * newline right after them, as the instructions ask the function to return each record; none when
     * the object is not JSON.
     */
    static void transformedIn(String text, String marker, Set<String> transformed) {
        try (JsonParser parser = JSON.getFactory().createParser(text)) {
            while (parser.nextToken() != null) {
                JsonNode click = JSON.readTree(parser);
                int end = (int) parser.currentLocation().getCharOffset();
                String id = click.path("click").asText("");
                JsonNode flag = click.path("transformed");
                if (id.startsWith(marker) && flag.isBoolean() && flag.booleanValue()
                        && end < text.length() && text.charAt(end) == '\n') {
                    transformed.add(id.substring(marker.length()));
                }
            }
        } catch (IOException | RuntimeException notJson) {
            // Not JSON (or not all of it): what was read so far stands.
        }
    }

    /** Whether every record in the object is one of this run's: only such an object is the verifier's to delete. */
    static boolean onlyOurs(String text, String run) {
        List<JsonNode> clicks = clicks(text);
        if (clicks.isEmpty()) {
            return text.lines().filter(l -> !l.isBlank()).allMatch(l -> l.contains(run));
        }
        return clicks.stream().allMatch(c -> c.path("click").asText("").startsWith(run));
    }

    /** The JSON values one after another in an object, whether on lines of their own or not; none when it is not JSON. */
    static List<JsonNode> clicks(String text) {
        List<JsonNode> values = new ArrayList<>();
        try (MappingIterator<JsonNode> it = JSON.readerFor(JsonNode.class).readValues(text)) {
            while (it.hasNextValue()) {
                values.add(it.nextValue());
            }
        } catch (IOException | RuntimeException notJson) {
            return List.of();
        }
        return values;
    }

    /** How long Firehose may take with these buffers: its S3 interval and the processor's, and some slack. */
    static Duration patience(Target where, DeliveryStreamDescription delivery) {
        if (where.emulator().isPresent()) {
            return EMULATOR_PATIENCE;
        }
        ExtendedS3DestinationDescription s3 = delivery.destinations().get(0).extendedS3DestinationDescription();
        int interval = s3 == null || s3.bufferingHints() == null || s3.bufferingHints().intervalInSeconds() == null ? 300
                : s3.bufferingHints().intervalInSeconds();
        int processor = s3 == null || s3.processingConfiguration() == null ? 0 : s3.processingConfiguration().processors().stream()
                .flatMap(p -> p.parameters().stream())
                .filter(p -> "BufferIntervalInSeconds".equals(p.parameterNameAsString()))
                .map(ProcessorParameter::parameterValue).mapToInt(Integer::parseInt).findFirst().orElse(PROCESSOR_BUFFER_SECONDS);
        Duration wait = Duration.ofSeconds(interval + processor).plus(AWS_SLACK);
        return wait.compareTo(MOST) > 0 ? MOST : wait;
    }

    /** Deletes the objects that hold only the verifier's clicks, and puts no more clicks; safe twice and from any thread. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
        }
        removeAll();
    }

    /** Deletes the objects found so far that hold only the verifier's clicks. */
    void removeAll() {
        List<String> keys;
        Target where;
        String from;
        synchronized (lock) {
            keys = List.copyOf(ours);
            ours.clear();
            where = target;
            from = bucket;
        }
        if (keys.isEmpty()) {
            return;
        }
        try (S3Client s3 = where.client(S3Client.builder().forcePathStyle(where.endpoint().isPresent()))) {
            for (String key : keys) {
                try {
                    s3.deleteObject(r -> r.bucket(from).key(key));
                } catch (AwsServiceException e) {
                    // The bucket is gone, and the object with it.
                }
            }
        }
    }
}
