package dev.dvalabs.exercises.kinesisstreamsfirehose;

import static dev.dvalabs.verify.Matcher.eq;
import static dev.dvalabs.verify.Matcher.satisfies;
import static dev.dvalabs.verify.Matcher.startsWith;

import dev.dvalabs.probe.Iam;
import dev.dvalabs.targets.Target;
import dev.dvalabs.verify.Check;
import dev.dvalabs.verify.Session;
import dev.dvalabs.verify.CheckResult;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.RunMarker;
import dev.dvalabs.verify.Verifier;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamDescription;
import software.amazon.awssdk.services.firehose.model.ExtendedS3DestinationDescription;
import software.amazon.awssdk.services.firehose.model.ProcessingConfiguration;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * kinesis-streams-firehose: a provisioned stream of 2 shards keeping records 48 hours, and a Firehose
 * delivery stream that reads it and delivers into S3 under {@code clicks/YYYY/MM/DD/HH/}, through a Lambda
 * that transforms each record; with the behaviour the notes teach shown on the verifier's own records
 * and, for what must never be tried on the learner's stream, on a temporary stream of its own. Closing
 * it removes that stream and the objects holding only its records, however verify ended.
 */
public final class KinesisStreamsFirehoseVerifier implements Verifier<KinesisStreamsFirehoseVerifier.Observed>, AutoCloseable {

    static final int SHARDS = 2;
    static final int RETENTION_HOURS = 48;
    static final String PREFIX = KinesisStreamsFirehoseStack.PREFIX;
    static final String BUFFERING = "1 MB / 60 s";

    private final ScratchStream scratch;
    private final Archive archive = new Archive();
    private volatile boolean closed;

    /** @param exerciseId what the verifier's temporary stream is tagged with, so that destroy finds one left behind */
    public KinesisStreamsFirehoseVerifier(String exerciseId) {
        this.scratch = new ScratchStream(exerciseId);
    }

    /** The names the verifier looks for, the bucket's {account} and {region} filled in. */
    public record Names(String stream, String deliveryStream, String bucket, String function) {}

    /** What the verifier saw; each fact is a value or the refusal AWS answered with. */
    public record Observed(
            Names names,
            Fact<StreamDescriptionSummary> stream,
            Fact<List<Shard>> shards,
            Fact<Routing> routing,
            Fact<Resume> resume,
            Fact<RetentionLimits> retentionLimits,
            Fact<Resharding> resharding,
            Fact<DeliveryStreamDescription> delivery,
            Fact<List<DeliveryRoles.RoleDocuments>> roles,
            Fact<Delivered> delivered) {}

    /** How many records were put, one partition key each, and those Kinesis put on another shard than MD5 names. */
    public record Routing(int put, List<String> misrouted) {}

    /** Whether sequence numbers grew, and which records a reader read before its checkpoint and after resuming. */
    public record Resume(boolean increasing, List<String> first, List<String> second) {}

    /** What Kinesis answered a retention of 8761 hours and one of 23, on the verifier's stream. */
    public record RetentionLimits(String tooLong, String tooShort) {}

    /** Open shards before and after splitting the only one of the verifier's stream, and what became of it. */
    public record Resharding(int openBefore, int openAfter, String parent) {}

    /** Which of the verifier's clicks were found in the bucket, which of them transformed, and the objects holding them. */
    public record Delivered(List<String> found, List<String> transformed, List<String> objects) {}

    /** How many records put in one call arrived in how many objects. */
    record Together(int records, int objects) {
        @Override
        public String toString() {
            return records + " of " + Archive.RECORDS + " records put together arrived in " + objects + " objects";
        }
    }

    @Override
    public List<Check<Observed>> checks() {
        return List.of(
                new Check<Observed>("shard-count", "The stream has 2 open shards",
                        "Data stored in Shards - Number of Shards controls capacity of streams",
                        "Give the stream " + SHARDS + " shards: aws kinesis update-shard-count --target-shard-count " + SHARDS
                                + " --scaling-type UNIFORM_SCALING, or ShardCount in the stack.",
                        o -> o.shards().its("open shards", s -> ClickStream.open(s).size()).should(eq(SHARDS)))
                        .forTask(1),
                new Check<Observed>("capacity-mode", "The stream's capacity is provisioned, by shards",
                        "Number of Shards controls capacity of streams",
                        "Use the PROVISIONED capacity mode: in ON_DEMAND mode AWS sets the shards, not you.",
                        o -> o.stream().its("capacity mode", s -> s.streamModeDetails() == null ? "PROVISIONED"
                                : s.streamModeDetails().streamModeAsString()).should(eq("PROVISIONED")))
                        .forTask(1),
                new Check<Observed>("partition-routing", "A record lands on the shard whose hash key range holds the MD5 of its partition key",
                        "Data stored in Shards",
                        "Kinesis routes a record by the MD5 of its partition key into a shard's hash key range; the"
                                + " stream's shards must cover the whole range.",
                        o -> o.routing().its("records on another shard than their key's MD5 names:", Routing::misrouted)
                                .should(eq(List.of())))
                        .forTask(1),
                new Check<Observed>("sequence-resume", "Sequence numbers grow within a shard, and a reader resumes after its checkpoint",
                        "Consumers read and send on",
                        "A consumer remembers the sequence number of the last record it processed and resumes with"
                                + " AFTER_SEQUENCE_NUMBER: nothing lost, nothing twice.",
                        o -> CheckResult.all(
                                o.resume().its("sequence numbers of " + ClickStream.RESUMED_RECORDS
                                        + " records put with one partition key", r -> r.increasing() ? "increasing" : "not increasing")
                                        .should(eq("increasing")),
                                o.resume().its("read up to a checkpoint, then resumed AFTER_SEQUENCE_NUMBER:",
                                        r -> r.first() + " then " + r.second()).should(eq("[1, 2] then [3, 4]"))))
                        .forTask(1),
                new Check<Observed>("resharding", "Splitting a shard doubles the open shards and closes the parent",
                        "Number of Shards controls capacity of streams",
                        "Resharding changes capacity: SplitShard makes two children and closes the parent, which"
                                + " stays readable until the retention ends (seen on a stream of the verifier's).",
                        o -> CheckResult.all(
                                o.resharding().its("open shards after splitting the only shard of the verifier's stream:",
                                        r -> r.openBefore() + " -> " + r.openAfter()).should(eq("1 -> 2")),
                                o.resharding().its("the parent shard", Resharding::parent).should(eq("closed"))))
                        .forTask(1),
                new Check<Observed>("retention", "The stream keeps records 48 hours",
                        "24hr to 7 day retention (now 24 hours up to 365 days)",
                        "Raise the retention to " + RETENTION_HOURS + " hours: aws kinesis increase-stream-retention-period,"
                                + " or RetentionPeriodHours in the stack.",
                        o -> o.stream().its("retention hours", StreamDescriptionSummary::retentionPeriodHours)
                                .should(eq(RETENTION_HOURS)))
                        .forTask(2),
                new Check<Observed>("retention-range", "A retention outside 24 hours .. 365 days is refused",
                        "24hr to 7 day retention (now 24 hours up to 365 days)",
                        "Kinesis keeps records from 24 hours up to 8760 hours (365 days) and refuses anything else"
                                + " with InvalidArgumentException (tried on a stream of the verifier's).",
                        o -> CheckResult.all(
                                o.retentionLimits().its("increase to " + ScratchStream.TOO_LONG_HOURS + " hours:",
                                        RetentionLimits::tooLong).should(startsWith("InvalidArgumentException")),
                                o.retentionLimits().its("decrease to " + ScratchStream.TOO_SHORT_HOURS + " hours:",
                                        RetentionLimits::tooShort).should(startsWith("InvalidArgumentException"))))
                        .forTask(2),
                new Check<Observed>("firehose-source", "The delivery stream reads the data stream",
                        "Firehose - No need to worry about shards or streams",
                        "Create the delivery stream with --delivery-stream-type KinesisStreamAsSource and a"
                                + " KinesisStreamSourceConfiguration naming the stream's ARN and a role Firehose may assume.",
                        o -> o.delivery().its("source", KinesisStreamsFirehoseVerifier::source)
                                .should(eq("KinesisStreamAsSource, stream " + o.names().stream())))
                        .forTask(3),
                new Check<Observed>("firehose-role", "Firehose may assume the delivery stream's role, read the stream, write the bucket and run the function",
                        "Firehose - Completely automated - Sends data to S3",
                        "Give the delivery stream a role whose trust policy lets " + DeliveryRoles.FIREHOSE + " assume it, allowed "
                                + String.join(", ", DeliveryRoles.READ_STREAM) + " on the stream, s3:PutObject in the bucket"
                                + " and lambda:InvokeFunction on the function (an emulator enforces none of it; AWS does).",
                        o -> o.roles().its("what the delivery stream's roles do not let Firehose do:",
                                r -> DeliveryRoles.refused(o.delivery().value(), r)).should(eq(List.of())))
                        .forTask(3),
                new Check<Observed>("firehose-destination", "The delivery stream writes to the bucket under clicks/",
                        "Firehose - Sends data to S3",
                        "Deliver to S3 with an ExtendedS3DestinationConfiguration: BucketARN of " + "the archive bucket and Prefix "
                                + PREFIX + ".",
                        o -> CheckResult.all(
                                o.delivery().its("destination bucket", KinesisStreamsFirehoseVerifier::bucket)
                                        .should(eq(o.names().bucket())),
                                o.delivery().its("prefix", d -> s3(d) == null ? "none" : s3(d).prefix()).should(startsWith(PREFIX))))
                        .forTask(3),
                new Check<Observed>("delivered", "Records put to the stream arrive in the bucket under clicks/YYYY/MM/DD/HH/",
                        "Firehose - Completely automated - Sends data to S3",
                        "Firehose adds the UTC arrival hour after the prefix: with Prefix " + PREFIX + " the objects land under "
                                + PREFIX + "YYYY/MM/DD/HH/. It reads only records put after it was created.",
                        o -> o.delivered().its("records put to the stream, found in the bucket:",
                                        d -> d.found().size() + " of " + Archive.RECORDS + " under " + folders(d.objects()))
                                .should(satisfies(Archive.RECORDS + " of " + Archive.RECORDS + " under [" + PREFIX + "YYYY/MM/DD/HH/]",
                                        text -> text.matches(Archive.RECORDS + " of " + Archive.RECORDS + " under \\[("
                                                + PREFIX + "\\d{4}/\\d{2}/\\d{2}/\\d{2}/(, )?)+]"))))
                        .forTask(3),
                new Check<Observed>("buffered", "Firehose buffers: records put together arrive together",
                        "Firehose - near real time: it buffers by size and time before it writes",
                        "Set the S3 buffering hints to 1 MB and 60 seconds (SizeInMBs 1, IntervalInSeconds 60): Firehose"
                                + " writes one object per buffer, not one per record.",
                        o -> CheckResult.all(
                                o.delivery().its("buffering hints", KinesisStreamsFirehoseVerifier::buffering).should(eq(BUFFERING)),
                                o.delivered().its("", d -> new Together(d.found().size(), d.objects().size()))
                                        .should(satisfies("all " + Archive.RECORDS + " in fewer objects than records",
                                                t -> t.records() == Archive.RECORDS && t.objects() < t.records()))))
                        .forTask(3),
                new Check<Observed>("firehose-processor", "The delivery stream transforms records through the Lambda function",
                        "Firehose - Can use Lambda to analyse",
                        "Add a ProcessingConfiguration: Enabled true, one processor of Type Lambda whose LambdaArn names"
                                + " the transform function.",
                        o -> o.delivery().its("record transformation", KinesisStreamsFirehoseVerifier::processing)
                                .should(eq("enabled, Lambda " + o.names().function())))
                        .forTask(4),
                new Check<Observed>("transformed", "Records arrive transformed by the function",
                        "Firehose - Can use Lambda to analyse",
                        "The function returns each record with result Ok and its data, base64, the click with"
                                + " \"transformed\": true (the boolean, not a string) added and a newline after it.",
                        o -> o.delivered().its("delivered clicks carrying \"transformed\": true (a JSON boolean) with a newline after each:",
                                d -> d.transformed().size() + " of " + d.found().size()).should(eq(Archive.RECORDS + " of " + Archive.RECORDS)))
                        .forTask(4));
    }

    static String source(DeliveryStreamDescription d) {
        String type = d.deliveryStreamTypeAsString();
        if (d.source() == null || d.source().kinesisStreamSourceDescription() == null) {
            return type;
        }
        String arn = d.source().kinesisStreamSourceDescription().kinesisStreamARN();
        return type + ", stream " + (arn == null ? "none" : arn.substring(arn.indexOf(":stream/") + ":stream/".length()));
    }

    static ExtendedS3DestinationDescription s3(DeliveryStreamDescription d) {
        return d.destinations().isEmpty() ? null : d.destinations().get(0).extendedS3DestinationDescription();
    }

    static String bucket(DeliveryStreamDescription d) {
        ExtendedS3DestinationDescription s3 = s3(d);
        return s3 == null ? "none (no S3 destination)" : s3.bucketARN().substring(s3.bucketARN().lastIndexOf(':') + 1);
    }

    static String buffering(DeliveryStreamDescription d) {
        ExtendedS3DestinationDescription s3 = s3(d);
        return s3 == null || s3.bufferingHints() == null ? "none"
                : s3.bufferingHints().sizeInMBs() + " MB / " + s3.bufferingHints().intervalInSeconds() + " s";
    }

    static String processing(DeliveryStreamDescription d) {
        ExtendedS3DestinationDescription s3 = s3(d);
        ProcessingConfiguration processing = s3 == null ? null : s3.processingConfiguration();
        if (processing == null || !processing.hasProcessors() || processing.processors().isEmpty()) {
            return "none";
        }
        String functions = processing.processors().stream().map(p -> p.typeAsString() + " " + p.parameters().stream()
                        .filter(q -> "LambdaArn".equals(q.parameterNameAsString())).map(q -> function(q.parameterValue()))
                        .collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "));
        return (Boolean.TRUE.equals(processing.enabled()) ? "enabled, " : "disabled, ") + functions;
    }

    /** A function's name from its ARN, with or without a version or alias after it. */
    static String function(String arn) {
        String[] parts = arn.split(":");
        return parts.length >= 7 ? parts[6] : arn;
    }

    /** The folders of the objects, as the delivered check reads them: each key without its file name. */
    static List<String> folders(List<String> keys) {
        return keys.stream().map(k -> k.substring(0, k.lastIndexOf('/') + 1)).distinct().sorted().toList();
    }

    @Override
    public Observed observe(Session session) {
        Target target = session.target();
        Map<String, String> given = session.names().asMap();
        if (closed) {
            throw new IllegalStateException("verify was interrupted and has removed what it wrote; it writes no more");
        }
        String run = RunMarker.start().value();
        try (KinesisClient kinesis = target.client(KinesisClient.builder());
             FirehoseClient firehose = target.client(FirehoseClient.builder());
             S3Client s3 = target.client(S3Client.builder().forcePathStyle(target.endpoint().isPresent()));
             IamClient iam = target.client(IamClient.builder())) {
            Names names = names(target, given);
            removeLeftovers(kinesis);
            ClickStream clicks = new ClickStream(kinesis, names.stream(), run);
            String stream = "stream " + names.stream();
            Fact<StreamDescriptionSummary> summary = Fact.about(stream, () -> kinesis.describeStreamSummary(
                    r -> r.streamName(names.stream())).streamDescriptionSummary());
            Fact<List<Shard>> shards = after(summary, stream, clicks::shards);
            Fact<Routing> routing = after(shards, stream, () -> clicks.routing(shards.value()));
            Fact<Resume> resume = after(summary, stream, clicks::resume);
            String own = "the verifier's stream " + ScratchStream.NAME_PREFIX + "...";
            Fact<Boolean> made = Fact.about(own, () -> {
                scratch.create(target, kinesis, run);
                return true;
            });
            Fact<RetentionLimits> limits = after(made, own, () -> scratch.retentionLimits(kinesis));
            Fact<Resharding> resharding = after(made, own, () -> scratch.split(kinesis));
            Fact<DeliveryStreamDescription> delivery = Fact.about("delivery stream " + names.deliveryStream(),
                    () -> firehose.describeDeliveryStream(r -> r.deliveryStreamName(names.deliveryStream())).deliveryStreamDescription());
            Fact<List<DeliveryRoles.RoleDocuments>> roles = after(delivery, "the delivery stream's roles",
                    () -> DeliveryRoles.read(new Iam(iam), delivery.value()));
            Fact<Delivered> delivered = after(delivery, "bucket " + names.bucket(), () -> archive.deliver(target, kinesis, s3,
                    names.stream(), names.bucket(), run, delivery.value()));
            return new Observed(names, summary, shards, routing, resume, limits, resharding, delivery, roles, delivered);
        } finally {
            scratch.remove();
            archive.removeAll();
        }
    }

    /** A fact that needs another: refused with the other's refusal when that was refused. */
    private static <T> Fact<T> after(Fact<?> needed, String subject, Supplier<T> observation) {
        return needed.refused() ? needed.as() : Fact.about(subject, observation);
    }

    /** Temporary streams an interrupted verify left; a refusal to list them is no reason not to verify. */
    private void removeLeftovers(KinesisClient kinesis) {
        try {
            scratch.removeLeftovers(kinesis);
        } catch (AwsServiceException e) {
            // Left for destroy, which finds them by their tags.
        }
    }

    private static Names names(Target target, Map<String, String> given) {
        String bucket = given.getOrDefault("bucket", KinesisStreamsFirehoseStack.BUCKET_STEM + "-{account}-{region}");
        if (bucket.contains("{account}")) {
            try (StsClient sts = target.client(StsClient.builder())) {
                bucket = bucket.replace("{account}", sts.getCallerIdentity().account());
            }
        }
        return new Names(given.getOrDefault("stream", KinesisStreamsFirehoseStack.STREAM),
                given.getOrDefault("deliveryStream", KinesisStreamsFirehoseStack.DELIVERY_STREAM),
                bucket.replace("{region}", target.region().id()),
                given.getOrDefault("function", KinesisStreamsFirehoseStack.FUNCTION));
    }

    /** Removes the temporary stream and the objects holding only the verifier's clicks; safe twice and from another thread. */
    @Override
    public void close() {
        closed = true;
        scratch.close();
        archive.close();
    }
}
