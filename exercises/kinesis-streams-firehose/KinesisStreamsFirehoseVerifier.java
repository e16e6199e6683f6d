package dev.dvalabs.exercises.kinesisstreamsfirehose;

import static dev.dvalabs.verify.Matcher.empty;
import static dev.dvalabs.verify.Matcher.eq;
import static dev.dvalabs.verify.Matcher.isTrue;
import static dev.dvalabs.verify.Matcher.satisfies;
import static dev.dvalabs.verify.Matcher.startsWith;

import dev.dvalabs.probe.DeliveryStream;
import dev.dvalabs.probe.Stream;
import dev.dvalabs.verify.Check;
import dev.dvalabs.verify.CheckResult;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Session;
import dev.dvalabs.verify.Verifier;
import java.util.List;

/**
 * kinesis-streams-firehose: a provisioned stream of 2 shards keeping records 48 hours, and a Firehose
 * delivery stream that reads it and delivers into S3 under {@code clicks/YYYY/MM/DD/HH/}, through a Lambda
 * that transforms each record; with the behaviour the notes teach shown on the verifier's own records
 * and, for what must never be tried on the learner's stream, on a temporary stream of its own. The session
 * removes that stream and the objects holding only its records, however verify ended ({@link ClickProbe}).
 */
public final class KinesisStreamsFirehoseVerifier implements Verifier<KinesisStreamsFirehoseVerifier.Observed> {

    static final int SHARDS = 2;
    static final int RETENTION_HOURS = 48;
    /** The S3 prefix the instructions give; Firehose adds the arrival hour after it. */
    static final String PREFIX = "clicks/";
    static final String BUFFERING = "1 MB / 60 s";
    /** The verifier's clicks put together, as one PutRecords, to be found in the bucket. */
    static final int RECORDS = 3;
    static final int TOO_LONG_HOURS = 8761;
    static final int TOO_SHORT_HOURS = 23;

    /** The names the verifier looks for, the bucket's {account} and {region} filled in. */
    public record Names(String stream, String deliveryStream, String bucket, String function) {}

    /** What the verifier saw; each fact is a value or the refusal AWS answered with. */
    public record Observed(
            Names names,
            Fact<Stream> stream,
            Fact<Routing> routing,
            Fact<Resume> resume,
            Fact<RetentionLimits> retentionLimits,
            Fact<Resharding> resharding,
            Fact<DeliveryStream> delivery,
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
    /**
     * The verifier's clicks found in the bucket, those transformed as asked, the objects holding them, and one line
     * holding a click that was not transformed, as it was read and shortened (null when every click was).
     */
    public record Delivered(List<String> found, List<String> transformed, List<String> objects, String untransformed) {

        public Delivered(List<String> found, List<String> transformed, List<String> objects) {
            this(found, transformed, objects, null);
        }

        /** How the clicks arrived, with one that was not transformed as it was read. */
        String transformation() {
            return transformed.size() + " of " + found.size() + (untransformed == null ? "" : "; one as read: " + untransformed);
        }
    }

    /** How many records put in one call arrived in how many objects. */
    record Together(int records, int objects) {
        @Override
        public String toString() {
            return records + " of " + RECORDS + " records put together arrived in " + objects + " objects";
        }
    }

    @Override
    public List<Check<Observed>> checks() {
        return List.of(
                new Check<Observed>("shard-count", "The stream has 2 open shards",
                        "Data stored in Shards - Number of Shards controls capacity of streams",
                        "Give the stream " + SHARDS + " shards: aws kinesis update-shard-count --stream-name {stream}"
                                + " --target-shard-count " + SHARDS + " --scaling-type UNIFORM_SCALING; in CDK, StreamProps.shardCount("
                                + SHARDS + ").",
                        o -> o.stream().its("open shards", Stream::openShardCount).should(eq(SHARDS)))
                        .forTask(1),
                new Check<Observed>("capacity-mode", "The stream's capacity is provisioned, by shards",
                        "Number of Shards controls capacity of streams",
                        "Use the PROVISIONED capacity mode (in ON_DEMAND mode AWS sets the shards, not you): aws kinesis"
                                + " update-stream-mode --stream-arn STREAM_ARN --stream-mode-details StreamMode=PROVISIONED;"
                                + " in CDK, StreamProps.streamMode(StreamMode.PROVISIONED).",
                        o -> o.stream().its("capacity mode", Stream::mode).should(eq("PROVISIONED")))
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
                                        + " records put with one partition key increasing", Resume::increasing).should(isTrue()),
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
                        "Raise the retention to " + RETENTION_HOURS + " hours: aws kinesis increase-stream-retention-period"
                                + " --stream-name {stream} --retention-period-hours " + RETENTION_HOURS + "; in CDK,"
                                + " StreamProps.retentionPeriod(Duration.hours(" + RETENTION_HOURS + ")).",
                        o -> o.stream().its("retention hours", Stream::retentionHours)
                                .should(eq(RETENTION_HOURS)))
                        .forTask(2),
                new Check<Observed>("retention-range", "A retention outside 24 hours .. 365 days is refused",
                        "24hr to 7 day retention (now 24 hours up to 365 days)",
                        "Kinesis keeps records from 24 hours up to 8760 hours (365 days) and refuses anything else"
                                + " with InvalidArgumentException (tried on a stream of the verifier's).",
                        o -> CheckResult.all(
                                o.retentionLimits().its("increase to " + TOO_LONG_HOURS + " hours:",
                                        RetentionLimits::tooLong).should(startsWith("InvalidArgumentException")),
                                o.retentionLimits().its("decrease to " + TOO_SHORT_HOURS + " hours:",
                                        RetentionLimits::tooShort).should(startsWith("InvalidArgumentException"))))
                        .forTask(2),
                new Check<Observed>("firehose-source", "The delivery stream reads the data stream",
                        "Firehose - No need to worry about shards or streams",
                        "Create the delivery stream reading the stream with a role Firehose may assume: aws firehose"
                                + " create-delivery-stream --delivery-stream-name {deliveryStream} --delivery-stream-type"
                                + " KinesisStreamAsSource --kinesis-stream-source-configuration KinesisStreamARN=STREAM_ARN,RoleARN=ROLE_ARN"
                                + " --extended-s3-destination-configuration BucketARN=arn:aws:s3:::{bucket},RoleARN=ROLE_ARN;"
                                + " in CDK, CfnDeliveryStreamProps.kinesisStreamSourceConfiguration.",
                        o -> o.delivery().its("source", DeliveryStream::source)
                                .should(eq("KinesisStreamAsSource, stream " + o.names().stream())))
                        .forTask(3),
                new Check<Observed>("firehose-role", "Firehose may assume the delivery stream's role, read the stream, write the bucket and run the function",
                        "Firehose - Completely automated - Sends data to S3",
                        "Give the delivery stream a role whose trust policy lets " + DeliveryRoles.FIREHOSE + " assume it, allowed "
                                + String.join(", ", DeliveryRoles.READ_STREAM) + " on the stream, s3:PutObject in the bucket"
                                + " and lambda:InvokeFunction on the function (an emulator enforces none of it; AWS does). The trust"
                                + " policy: aws iam create-role --role-name ROLE_NAME --assume-role-policy-document '{\"Version\":"
                                + "\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\""
                                + DeliveryRoles.FIREHOSE + "\"},\"Action\":\"sts:AssumeRole\"}]}'; in CDK,"
                                + " RoleProps.assumedBy(new ServicePrincipal(\"" + DeliveryRoles.FIREHOSE + "\")).",
                        o -> o.roles().its("what the delivery stream's roles do not let Firehose do:",
                                r -> DeliveryRoles.refused(o.delivery().value(), r)).should(empty()))
                        .forTask(3),
                new Check<Observed>("firehose-destination", "The delivery stream writes to the bucket under clicks/",
                        "Firehose - Sends data to S3",
                        "Deliver to S3 with an ExtendedS3DestinationConfiguration: BucketARN of {bucket} and Prefix " + PREFIX
                                + " (aws firehose create-delivery-stream --delivery-stream-name {deliveryStream}"
                                + " --extended-s3-destination-configuration"
                                + " BucketARN=arn:aws:s3:::{bucket},RoleARN=ROLE_ARN,Prefix=" + PREFIX + "); in CDK,"
                                + " CfnDeliveryStream.ExtendedS3DestinationConfigurationProperty.prefix.",
                        o -> CheckResult.all(
                                o.delivery().its("destination bucket", DeliveryStream::bucket)
                                        .should(eq(o.names().bucket())),
                                o.delivery().its("prefix", d -> d.s3().isEmpty() ? "none" : d.prefix()).should(startsWith(PREFIX))))
                        .forTask(3),
                new Check<Observed>("delivered", "Records put to the stream arrive in the bucket under clicks/YYYY/MM/DD/HH/",
                        "Firehose - Completely automated - Sends data to S3",
                        "Firehose adds the UTC arrival hour after the prefix: with Prefix " + PREFIX + " the objects land under "
                                + PREFIX + "YYYY/MM/DD/HH/. It reads only records put after it was created.",
                        o -> o.delivered().its("records put to the stream, found in the bucket:",
                                        d -> d.found().size() + " of " + RECORDS + " under " + folders(d.objects()))
                                .should(satisfies(RECORDS + " of " + RECORDS + " under [" + PREFIX + "YYYY/MM/DD/HH/]",
                                        text -> text.matches(RECORDS + " of " + RECORDS + " under \\[("
                                                + PREFIX + "\\d{4}/\\d{2}/\\d{2}/\\d{2}/(, )?)+]"))))
                        .forTask(3),
                new Check<Observed>("buffered", "Firehose buffers: records put together arrive together",
                        "Firehose - near real time: it buffers by size and time before it writes",
                        "Set the S3 buffering hints to 1 MB and 60 seconds (in --extended-s3-destination-configuration,"
                                + " BufferingHints={SizeInMBs=1,IntervalInSeconds=60}; in CDK,"
                                + " ExtendedS3DestinationConfigurationProperty.bufferingHints): Firehose writes one object per buffer,"
                                + " not one per record.",
                        o -> CheckResult.all(
                                o.delivery().its("buffering hints", DeliveryStream::buffering).should(eq(BUFFERING)),
                                o.delivered().its("", d -> new Together(d.found().size(), d.objects().size()))
                                        .should(satisfies("all " + RECORDS + " in fewer objects than records",
                                                t -> t.records() == RECORDS && t.objects() < t.records()))))
                        .forTask(3),
                new Check<Observed>("firehose-processor", "The delivery stream transforms records through the Lambda function",
                        "Firehose - Can use Lambda to analyse",
                        "Add a ProcessingConfiguration: Enabled true, one processor of Type Lambda whose LambdaArn names"
                                + " the transform function: aws firehose create-delivery-stream --delivery-stream-name {deliveryStream}"
                                + " --extended-s3-destination-configuration '{\"BucketARN\":\"arn:aws:s3:::{bucket}\",\"RoleARN\":"
                                + "\"ROLE_ARN\",\"ProcessingConfiguration\":{\"Enabled\":true,\"Processors\":[{\"Type\":\"Lambda\","
                                + "\"Parameters\":[{\"ParameterName\":\"LambdaArn\",\"ParameterValue\":\"FUNCTION_ARN\"}]}]}}';"
                                + " in CDK, ExtendedS3DestinationConfigurationProperty.processingConfiguration.",
                        o -> o.delivery().its("record transformation", DeliveryStream::processing)
                                .should(eq("enabled, Lambda " + o.names().function())))
                        .forTask(4),
                new Check<Observed>("transformed", "Records arrive transformed by the function",
                        "Firehose - Can use Lambda to analyse",
                        "The function returns each record with result Ok and its data, base64, the click with"
                                + " \"transformed\": true (the boolean, not a string) added and a newline after it.",
                        o -> o.delivered().its("delivered clicks carrying \"transformed\": true (a JSON boolean) with a newline after each:",
                                Delivered::transformation).should(eq(RECORDS + " of " + RECORDS)))
                        .forTask(4));
    }

    /** The folders of the objects, as the delivered check reads them: each key without its file name. */
    static List<String> folders(List<String> keys) {
        return keys.stream().map(k -> k.substring(0, k.lastIndexOf('/') + 1)).distinct().sorted().toList();
    }

    @Override
    public Observed observe(Session session) {
        return new ClickProbe(session).observe();
    }
}
