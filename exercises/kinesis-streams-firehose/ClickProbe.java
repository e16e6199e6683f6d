package dev.dvalabs.exercises.kinesisstreamsfirehose;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.exercises.kinesisstreamsfirehose.KinesisStreamsFirehoseVerifier.Delivered;
import dev.dvalabs.exercises.kinesisstreamsfirehose.KinesisStreamsFirehoseVerifier.Names;
import dev.dvalabs.exercises.kinesisstreamsfirehose.KinesisStreamsFirehoseVerifier.Observed;
import dev.dvalabs.exercises.kinesisstreamsfirehose.KinesisStreamsFirehoseVerifier.RetentionLimits;
import dev.dvalabs.probe.Answers;
import dev.dvalabs.probe.DeliveryStream;
import dev.dvalabs.probe.Firehose;
import dev.dvalabs.probe.Iam;
import dev.dvalabs.probe.Kinesis;
import dev.dvalabs.probe.Stream;
import dev.dvalabs.targets.Target;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Session;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * What kinesis-streams-firehose observes: the learner's stream and delivery stream read once; routing, a
 * resumed reader and a delivery through Firehose shown with the verifier's own records; retention limits and
 * resharding on a stream of the verifier's own. Before the first record goes into the learner's stream, the
 * objects Firehose will write of them into the bucket are journaled (Firehose.DeliveredObjects), so the
 * session removes them however verify ends, and the next verify after a kill.
 */
final class ClickProbe {

    /** An emulator delivers as the record is put; this is only for one that never does. */
    private static final Duration EMULATOR_PATIENCE = Duration.ofSeconds(15);
    /** Beyond the buffers: the time Firehose takes to read the stream and write the object. */
    private static final Duration AWS_SLACK = Duration.ofSeconds(120);
    private static final Duration MOST = Duration.ofMinutes(15);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How much of a delivered line an observation shows. */
    static final int LINE_SHOWN = 160;
    /** Marks the verifier's temporary stream with the run that made it, beside the exercise's tag destroy looks for. */
    static final String TAG_VERIFY_RUN = "dva-labs:verify-run";

    private final Session session;
    private final Kinesis kinesis;
    private final String run;

    ClickProbe(Session session) {
        this.session = session;
        this.kinesis = new Kinesis(session.client(KinesisClient.class));
        this.run = session.marker().value();
    }

    Observed observe() {
        Names names = names();
        ClickStream clicks = new ClickStream(session, kinesis);
        Fact<Stream> stream = kinesis.stream(names.stream());
        Fact<DeliveryStream> delivery = Firehose.deliveryStream(session, names.deliveryStream());
        Instant since = session.now().minusSeconds(60);
        // Journaled before the first record reaches the learner's stream: Firehose delivers every one of them.
        journalDeliveries(delivery, since);
        Fact<KinesisStreamsFirehoseVerifier.Routing> routing = stream.then(s -> about(s, () -> clicks.routing(s)));
        Fact<KinesisStreamsFirehoseVerifier.Resume> resume = stream.then(s -> about(s, () -> clicks.resume(s)));
        Fact<Stream> own = Fact.about("the verifier's stream " + run + "-scratch", () -> kinesis.ownStream(session, "scratch",
                Map.of(ExerciseStack.TAG_EXERCISE, session.exercise(), TAG_VERIFY_RUN, run)));
        Fact<RetentionLimits> limits = own.then(s -> about(s, () -> retentionLimits(s)));
        Fact<KinesisStreamsFirehoseVerifier.Resharding> resharding = own.then(s -> about(s, () -> clicks.split(s)));
        Fact<List<DeliveryRoles.RoleDocuments>> roles = delivery.then(d -> Fact.about("the delivery stream's roles",
                () -> DeliveryRoles.read(new Iam(session.client(IamClient.class)), d)));
        Fact<Delivered> delivered = delivery.then(d -> Fact.about("bucket " + names.bucket(), () -> deliver(names, d, since)));
        return new Observed(names, stream, routing, resume, limits, resharding, delivery, roles, delivered);
    }

    private static <T> Fact<T> about(Stream stream, java.util.function.Supplier<T> probe) {
        return Fact.about("stream " + stream.name(), probe);
    }

    /**
     * Journals the objects Firehose will write of the verifier's records before any record is put; every put
     * into the learner's stream follows this call, which refuses once the session is closed (Ctrl-C).
     */
    private void journalDeliveries(Fact<DeliveryStream> delivery, Instant since) {
        List<Firehose.DeliveredObjects> objects = new ArrayList<>();
        delivery.map(d -> d.s3().map(s3 -> objects.add(new Firehose.DeliveredObjects(d.bucket(),
                Firehose.folders(d.prefix(), since, session.now().plus(patience(d)).plus(AWS_SLACK)), run, since.getEpochSecond()))));
        session.write(objects, () -> null);
    }

    /** What Kinesis answers a retention above 8760 hours and one below 24, on the verifier's stream. */
    private RetentionLimits retentionLimits(Stream own) {
        KinesisClient client = session.client(KinesisClient.class);
        return new RetentionLimits(
                Answers.of(() -> client.increaseStreamRetentionPeriod(r -> r.streamName(own.name())
                        .retentionPeriodHours(KinesisStreamsFirehoseVerifier.TOO_LONG_HOURS))),
                Answers.of(() -> client.decreaseStreamRetentionPeriod(r -> r.streamName(own.name())
                        .retentionPeriodHours(KinesisStreamsFirehoseVerifier.TOO_SHORT_HOURS))));
    }

    /**
     * Puts the verifier's clicks into the stream at once, as one PutRecords, and waits for them in the
     * bucket no longer than the delivery stream's buffers allow, reading only the folders of the arrival hours.
     */
    private Delivered deliver(Names names, DeliveryStream delivery, Instant since) {
        String marker = run + "-delivery-";
        List<PutRecordsRequestEntry> records = new ArrayList<>();
        for (int i = 1; i <= KinesisStreamsFirehoseVerifier.RECORDS; i++) {
            records.add(PutRecordsRequestEntry.builder().partitionKey(run + "-delivery").data(ClickStream.click(marker + i)).build());
        }
        session.client(KinesisClient.class).putRecords(r -> r.streamName(names.stream()).records(records));
        S3Client s3 = session.client(S3Client.class);
        Duration interval = Duration.ofSeconds(session.target().emulator().isPresent() ? 1 : 5);
        Set<String> read = new java.util.HashSet<>();
        Map<String, List<String>> marked = new java.util.LinkedHashMap<>();
        return session.poll(patience(delivery), interval).last(() -> {
            marked.putAll(Firehose.markedLines(s3, names.bucket(), Firehose.folders(delivery.prefix(), since, session.now()), since,
                    marker, read));
            return delivered(marked, marker);
        }, d -> d.found().size() >= KinesisStreamsFirehoseVerifier.RECORDS);
    }

    /** What the verifier's delivery clicks in the objects' marked lines show. */
    static Delivered delivered(Map<String, List<String>> lines, String marker) {
        Set<String> found = new TreeSet<>();
        Set<String> transformed = new TreeSet<>();
        Set<String> holding = new TreeSet<>();
        Map<String, String> lineOf = new java.util.LinkedHashMap<>();
        Pattern click = Pattern.compile(Pattern.quote(marker) + "(\\d+)");
        lines.forEach((key, marked) -> marked.forEach(line -> {
            Matcher m = click.matcher(line);
            while (m.find()) {
                found.add(m.group(1));
                holding.add(key);
                lineOf.putIfAbsent(m.group(1), line);
            }
            transformedIn(line, marker, transformed);
        }));
        String untransformed = lineOf.entrySet().stream().filter(e -> !transformed.contains(e.getKey())).findFirst()
                .map(e -> shortened(e.getValue())).orElse(null);
        return new Delivered(List.copyOf(found), List.copyOf(transformed), List.copyOf(holding), untransformed);
    }

    /** A delivered line as a learner's function wrote it: enough to see its shape, not a whole object. */
    static String shortened(String line) {
        return line.length() <= LINE_SHOWN ? line : line.substring(0, LINE_SHOWN) + "...";
    }

    /**
     * The verifier's delivery clicks in a line that carry "transformed": true, a JSON boolean, and a newline
     * right after them, as the instructions ask the function to return each record; none when it is not JSON.
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

    /** How long Firehose may take with these buffers: its S3 interval and the processor's, and some slack. */
    private Duration patience(DeliveryStream delivery) {
        return patience(session.target(), delivery);
    }

    static Duration patience(Target where, DeliveryStream delivery) {
        if (where.emulator().isPresent()) {
            return EMULATOR_PATIENCE;
        }
        Duration wait = Duration.ofSeconds(delivery.bufferIntervalSeconds() + delivery.processorBufferSeconds()).plus(AWS_SLACK);
        return wait.compareTo(MOST) > 0 ? MOST : wait;
    }

    /** The names in force, the bucket's {account} and {region} filled in. */
    private Names names() {
        String bucket = session.name("bucket");
        if (bucket.contains("{account}")) {
            bucket = bucket.replace("{account}", session.client(StsClient.class).getCallerIdentity().account());
        }
        return new Names(session.name("stream"), session.name("deliveryStream"),
                bucket.replace("{region}", session.target().region().id()), session.name("function"));
    }
}
