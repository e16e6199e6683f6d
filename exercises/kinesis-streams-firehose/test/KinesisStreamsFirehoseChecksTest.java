package dev.dvalabs.exercises.kinesisstreamsfirehose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.exercise.Catalog;
import dev.dvalabs.exercises.kinesisstreamsfirehose.KinesisStreamsFirehoseVerifier.Delivered;
import dev.dvalabs.exercises.kinesisstreamsfirehose.KinesisStreamsFirehoseVerifier.Names;
import dev.dvalabs.exercises.kinesisstreamsfirehose.KinesisStreamsFirehoseVerifier.Observed;
import dev.dvalabs.exercises.kinesisstreamsfirehose.KinesisStreamsFirehoseVerifier.Resharding;
import dev.dvalabs.exercises.kinesisstreamsfirehose.KinesisStreamsFirehoseVerifier.Resume;
import dev.dvalabs.exercises.kinesisstreamsfirehose.KinesisStreamsFirehoseVerifier.RetentionLimits;
import dev.dvalabs.exercises.kinesisstreamsfirehose.KinesisStreamsFirehoseVerifier.Routing;
import dev.dvalabs.probe.DeliveryStream;
import dev.dvalabs.probe.Firehose;
import dev.dvalabs.testing.ChecksContract;
import dev.dvalabs.verify.Deviation;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Report;
import dev.dvalabs.verify.Status;
import dev.dvalabs.verify.Verification;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamDescription;
import software.amazon.awssdk.services.firehose.model.DestinationDescription;
import software.amazon.awssdk.services.firehose.model.ExtendedS3DestinationDescription;
import software.amazon.awssdk.services.firehose.model.ProcessingConfiguration;
import software.amazon.awssdk.services.firehose.model.Processor;
import software.amazon.awssdk.services.firehose.model.ProcessorParameter;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.StreamMode;

/**
 * Each kinesis-streams-firehose check judged on observations that differ from a correct build in one
 * fact, behaviour no correct service shows among them (a record on the wrong shard, a reader that
 * repeats a record), so that every check is seen failing.
 */
class KinesisStreamsFirehoseChecksTest extends ChecksContract<Observed, KinesisStreamsFirehoseChecksTest.Seen> {

    static final String HALF = "170141183460469231731687303715884105728";
    static final String TOP = "340282366920938463463374607431768211455";
    static final String FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:dva-labs-clicks-transform";
    static final String ROLE_ARN = "arn:aws:iam::123456789012:role/dva-labs-clicks-firehose-role";
    static final String STREAM_ARN = "arn:aws:kinesis:us-east-1:123456789012:stream/dva-labs-clicks";
    static final String BUCKET_ARN = "arn:aws:s3:::dva-labs-clicks-123456789012-us-east-1";

    static String trust(String service) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"" + service
                + "\"},\"Action\":\"sts:AssumeRole\"}]}";
    }

    static String allow(String actions, String resources) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":" + actions + ",\"Resource\":"
                + resources + "}]}";
    }

    /** The corpus's role: read the stream, read and write the bucket, run the function. */
    static final List<String> POLICIES = List.of(
            allow("[\"kinesis:DescribeStream\",\"kinesis:GetShardIterator\",\"kinesis:GetRecords\",\"kinesis:ListShards\"]",
                    "\"" + STREAM_ARN + "\""),
            allow("[\"s3:GetBucketLocation\",\"s3:ListBucket\",\"s3:PutObject\"]", "[\"" + BUCKET_ARN + "\",\"" + BUCKET_ARN + "/*\"]"),
            allow("\"lambda:InvokeFunction\"", "[\"" + FUNCTION_ARN + "\",\"" + FUNCTION_ARN + ":*\"]"));

    KinesisStreamsFirehoseChecksTest() {
        super(() -> new KinesisStreamsFirehoseVerifier().checks(), Seen::new, Seen::build);
    }

    /** A correct build's observations, one field at a time changeable. */
    static final class Seen {
        Names names = new Names("dva-labs-clicks", "dva-labs-clicks-archive", "dva-labs-clicks-123456789012-us-east-1",
                "dva-labs-clicks-transform");
        StreamDescriptionSummary.Builder stream = StreamDescriptionSummary.builder().streamName("dva-labs-clicks")
                .retentionPeriodHours(48).streamModeDetails(m -> m.streamMode(StreamMode.PROVISIONED));
        List<Shard> shards = List.of(shard("shardId-000000000000", "0", "170141183460469231731687303715884105727", null),
                shard("shardId-000000000001", HALF, TOP, null));
        Fact<Routing> routing = Fact.of(new Routing(4, List.of()));
        Fact<Resume> resume = Fact.of(new Resume(true, List.of("1", "2"), List.of("3", "4")));
        Fact<RetentionLimits> limits = Fact.of(new RetentionLimits(
                "InvalidArgumentException: Maximum allowed retention period is 8760 hours. Requested retention period (8761 hours) is too long.",
                "InvalidArgumentException: Minimum allowed retention period is 24 hours. Requested retention period (23 hours) is too short."));
        Fact<Resharding> resharding = Fact.of(new Resharding(1, 2, "closed"));
        ExtendedS3DestinationDescription.Builder s3 = ExtendedS3DestinationDescription.builder()
                .bucketARN(BUCKET_ARN).prefix("clicks/").roleARN(ROLE_ARN)
                .bufferingHints(b -> b.sizeInMBs(1).intervalInSeconds(60))
                .processingConfiguration(processing(true, FUNCTION_ARN));
        DeliveryStreamDescription.Builder delivery = DeliveryStreamDescription.builder().deliveryStreamName("dva-labs-clicks-archive")
                .deliveryStreamType("KinesisStreamAsSource")
                .source(s -> s.kinesisStreamSourceDescription(k -> k.kinesisStreamARN(STREAM_ARN).roleARN(ROLE_ARN)));
        List<DeliveryRoles.RoleDocuments> roles = List.of(new DeliveryRoles.RoleDocuments(ROLE_ARN, trust("firehose.amazonaws.com"), POLICIES));
        Fact<Delivered> delivered = Fact.of(new Delivered(List.of("1", "2", "3"), List.of("1", "2", "3"),
                List.of("clicks/2026/11/26/01/dva-labs-clicks-archive-1-2026-11-26-01-02-03-abc")));
        /** What Firehose answered instead of the delivery stream; null when it has one. */
        String deliveryRefused;

        Observed build() {
            DeliveryStreamDescription description = delivery
                    .destinations(DestinationDescription.builder().destinationId("destinationId-000000000001")
                            .extendedS3DestinationDescription(s3.build()).build()).build();
            return new Observed(names, Fact.of(dev.dvalabs.probe.Stream.of(stream.build(), shards)), routing, resume, limits, resharding,
                    deliveryRefused == null ? Fact.of(new DeliveryStream(description)) : Fact.refused(deliveryRefused),
                    deliveryRefused == null ? Fact.of(roles) : Fact.refused(deliveryRefused),
                    deliveryRefused == null ? delivered : Fact.refused(deliveryRefused));
        }
    }

    static Shard shard(String id, String from, String to, String ending) {
        return Shard.builder().shardId(id).hashKeyRange(h -> h.startingHashKey(from).endingHashKey(to))
                .sequenceNumberRange(r -> r.startingSequenceNumber("1").endingSequenceNumber(ending)).build();
    }

    static ProcessingConfiguration processing(boolean enabled, String lambdaArn) {
        return ProcessingConfiguration.builder().enabled(enabled).processors(Processor.builder().type("Lambda")
                .parameters(ProcessorParameter.builder().parameterName("LambdaArn").parameterValue(lambdaArn).build()).build()).build();
    }

    static final String REFUSED = "delivery stream dva-labs-clicks-archive: ResourceNotFoundException: Firehose dva-labs-clicks-archive under account 123456789012 not found.";

    @Override
    protected Stream<Mistake<Seen>> mistakes() {
        return Stream.of(
                wrong("shard-count", "the starter's one shard",
                        (Consumer<Seen>) s -> s.shards = List.of(shard("shardId-000000000000", "0", TOP, null))),
                wrong("shard-count", "an on-demand stream's four shards", (Consumer<Seen>) s -> s.shards = List.of(
                        shard("shardId-000000000000", "0", "1", null), shard("shardId-000000000001", "2", "3", null),
                        shard("shardId-000000000002", "4", "5", null), shard("shardId-000000000003", "6", TOP, null))),
                wrong("shard-count", "two shards split once more, their parent closed",
                        (Consumer<Seen>) s -> s.shards = List.of(shard("shardId-000000000000", "0", "1", "99"),
                                shard("shardId-000000000001", "0", "0", null), shard("shardId-000000000002", "1", "1", null),
                                shard("shardId-000000000003", HALF, TOP, null))),
                wrong("capacity-mode", "the on-demand capacity mode",
                        (Consumer<Seen>) s -> s.stream.streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND))),
                wrong("partition-routing", "a record on a shard whose range does not hold its key's MD5",
                        (Consumer<Seen>) s -> s.routing = Fact.of(new Routing(4,
                                List.of("dva-labs-verify-x-key-2 (MD5 in shardId-000000000001) on shardId-000000000000")))),
                wrong("partition-routing", "a stream the verifier could not write to",
                        (Consumer<Seen>) s -> s.routing = Fact.refused("stream dva-labs-clicks: ResourceNotFoundException: Stream dva-labs-clicks not found")),
                wrong("sequence-resume", "sequence numbers that do not grow",
                        (Consumer<Seen>) s -> s.resume = Fact.of(new Resume(false, List.of("1", "2"), List.of("3", "4")))),
                wrong("sequence-resume", "a resumed reader that repeats the checkpoint's record",
                        (Consumer<Seen>) s -> s.resume = Fact.of(new Resume(true, List.of("1", "2"), List.of("2", "3", "4")))),
                wrong("sequence-resume", "a resumed reader that loses a record",
                        (Consumer<Seen>) s -> s.resume = Fact.of(new Resume(true, List.of("1", "2"), List.of("4")))),
                wrong("resharding", "a split that leaves the open shards as they were",
                        (Consumer<Seen>) s -> s.resharding = Fact.of(new Resharding(1, 1, "open"))),
                wrong("resharding", "a split whose parent stays open",
                        (Consumer<Seen>) s -> s.resharding = Fact.of(new Resharding(1, 3, "open"))),
                wrong("retention", "the default 24 hours",
                        (Consumer<Seen>) s -> s.stream.retentionPeriodHours(24)),
                wrong("retention", "the notes' 7 days",
                        (Consumer<Seen>) s -> s.stream.retentionPeriodHours(168)),
                wrong("retention-range", "366 days accepted",
                        (Consumer<Seen>) s -> s.limits = Fact.of(new RetentionLimits("accepted", s.limits.value().tooShort()))),
                wrong("retention-range", "23 hours accepted",
                        (Consumer<Seen>) s -> s.limits = Fact.of(new RetentionLimits(s.limits.value().tooLong(), "accepted"))),
                wrong("retention-range", "a temporary stream the verifier may not make",
                        (Consumer<Seen>) s -> s.limits = Fact.refused("the verifier's stream dva-labs-verify-...: AccessDeniedException: not authorized to perform kinesis:CreateStream")),
                wrong("firehose-source", "a delivery stream for direct puts", (Consumer<Seen>) s -> s.delivery
                        .deliveryStreamType("DirectPut").source((software.amazon.awssdk.services.firehose.model.SourceDescription) null)),
                wrong("firehose-source", "a delivery stream reading another stream", (Consumer<Seen>) s -> s.delivery
                        .source(x -> x.kinesisStreamSourceDescription(k -> k.kinesisStreamARN("arn:aws:kinesis:us-east-1:123456789012:stream/other").roleARN(ROLE_ARN))),
                        "firehose-role"),
                wrong("firehose-role", "a role only Lambda may assume",
                        (Consumer<Seen>) s -> s.roles = List.of(new DeliveryRoles.RoleDocuments(ROLE_ARN, trust("lambda.amazonaws.com"), POLICIES))),
                wrong("firehose-role", "a role with no policy",
                        (Consumer<Seen>) s -> s.roles = List.of(new DeliveryRoles.RoleDocuments(ROLE_ARN, trust("firehose.amazonaws.com"), List.of()))),
                wrong("firehose-role", "a role that may not read the stream",
                        (Consumer<Seen>) s -> s.roles = List.of(new DeliveryRoles.RoleDocuments(ROLE_ARN, trust("firehose.amazonaws.com"),
                                POLICIES.subList(1, 3)))),
                wrong("firehose-role", "a role that may write only another prefix of the bucket",
                        (Consumer<Seen>) s -> s.roles = List.of(new DeliveryRoles.RoleDocuments(ROLE_ARN, trust("firehose.amazonaws.com"),
                                List.of(POLICIES.get(0), allow("\"s3:PutObject\"", "\"" + BUCKET_ARN + "/other/*\""), POLICIES.get(2))))),
                wrong("firehose-role", "a role that may not run the function",
                        (Consumer<Seen>) s -> s.roles = List.of(new DeliveryRoles.RoleDocuments(ROLE_ARN, trust("firehose.amazonaws.com"),
                                POLICIES.subList(0, 2)))),
                wrong("firehose-role", "a destination whose role is another, not trusted by Firehose",
                        (Consumer<Seen>) s -> {
                            s.s3.roleARN(ROLE_ARN + "-2");
                            s.roles = List.of(s.roles.get(0), new DeliveryRoles.RoleDocuments(ROLE_ARN + "-2", trust("ec2.amazonaws.com"), POLICIES));
                        }),
                wrong("firehose-destination", "another bucket",
                        (Consumer<Seen>) s -> s.s3.bucketARN("arn:aws:s3:::my-archive"), "firehose-role"),
                wrong("firehose-destination", "no prefix",
                        (Consumer<Seen>) s -> s.s3.prefix("")),
                wrong("delivered", "records not delivered",
                        (Consumer<Seen>) s -> s.delivered = Fact.of(new Delivered(List.of(), List.of(), List.of())), "buffered", "transformed"),
                wrong("delivered", "records under the bucket's root",
                        (Consumer<Seen>) s -> s.delivered = Fact.of(new Delivered(List.of("1", "2", "3"), List.of("1", "2", "3"),
                                List.of("2026/11/26/01/dva-labs-clicks-archive-1-2026-11-26-01-02-03-abc")))),
                wrong("delivered", "a prefix without its slash",
                        (Consumer<Seen>) s -> s.delivered = Fact.of(new Delivered(List.of("1", "2", "3"), List.of("1", "2", "3"),
                                List.of("clicks2026/11/26/01/dva-labs-clicks-archive-1-2026-11-26-01-02-03-abc")))),
                wrong("delivered", "no bucket to deliver to",
                        (Consumer<Seen>) s -> s.delivered = Fact.refused("bucket dva-labs-clicks-123456789012-us-east-1: NoSuchBucket: The specified bucket does not exist"),
                        "buffered", "transformed"),
                wrong("buffered", "Firehose's default buffers, 5 MB / 300 s",
                        (Consumer<Seen>) s -> s.s3.bufferingHints(b -> b.sizeInMBs(5).intervalInSeconds(300))),
                wrong("buffered", "one object a record",
                        (Consumer<Seen>) s -> s.delivered = Fact.of(new Delivered(List.of("1", "2", "3"), List.of("1", "2", "3"),
                                List.of("clicks/2026/11/26/01/a", "clicks/2026/11/26/01/b", "clicks/2026/11/26/01/c")))),
                wrong("firehose-processor", "no processing configuration",
                        (Consumer<Seen>) s -> s.s3.processingConfiguration((ProcessingConfiguration) null)),
                wrong("firehose-processor", "a processing configuration switched off",
                        (Consumer<Seen>) s -> s.s3.processingConfiguration(processing(false, FUNCTION_ARN))),
                wrong("firehose-processor", "another function",
                        (Consumer<Seen>) s -> s.s3.processingConfiguration(processing(true, FUNCTION_ARN.replace("transform", "other"))), "firehose-role"),
                wrong("firehose-processor", "no delivery stream",
                        (Consumer<Seen>) s -> s.deliveryRefused = REFUSED,
                        "firehose-source", "firehose-role", "firehose-destination", "buffered", "delivered", "transformed"),
                wrong("transformed", "records delivered as they were put",
                        (Consumer<Seen>) s -> s.delivered = Fact.of(new Delivered(List.of("1", "2", "3"), List.of(),
                                s.delivered.value().objects()))));
    }

    @Test
    @DisplayName("a role scoped to the prefix, and separate source and destination roles each with their part, pass")
    void scopedAndSplitRolesPass() {
        Seen seen = new Seen();
        seen.s3.roleARN(ROLE_ARN + "-write");
        seen.roles = List.of(new DeliveryRoles.RoleDocuments(ROLE_ARN, trust("firehose.amazonaws.com"), List.of(POLICIES.get(0))),
                new DeliveryRoles.RoleDocuments(ROLE_ARN + "-write", trust("firehose.amazonaws.com"),
                        List.of(allow("\"s3:PutObject\"", "\"" + BUCKET_ARN + "/clicks/*\""), POLICIES.get(2))));
        assertThat(judge(seen).ids(Status.FAIL)).isEmpty();
    }

    @Test
    @DisplayName("a trust policy conditioned on sts:ExternalId = the account id, as AWS's CloudWatch Logs guide writes it, passes;"
            + " one on another account's id fails firehose-role saying what Firehose supplies")
    void externalIdConditionedTrust() {
        String conditioned = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                + "\"firehose.amazonaws.com\"},\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":"
                + "{\"sts:ExternalId\":\"%s\"}}}]}";
        Seen seen = new Seen();
        seen.roles = List.of(new DeliveryRoles.RoleDocuments(ROLE_ARN, conditioned.formatted("123456789012"), POLICIES));
        assertThat(judge(seen).outcome("firehose-role").status()).isEqualTo(Status.PASS);
        seen.roles = List.of(new DeliveryRoles.RoleDocuments(ROLE_ARN, conditioned.formatted("210987654321"), POLICIES));
        assertThat(judge(seen).outcome("firehose-role").status()).isEqualTo(Status.FAIL);
    }

    @Test
    @DisplayName("a function named with its version still names the transform function")
    void qualifiedFunctionArnPasses() {
        Seen seen = new Seen();
        seen.s3.processingConfiguration(processing(true, FUNCTION_ARN + ":$LATEST"));
        assertThat(judge(seen).outcome("firehose-processor").status()).isEqualTo(Status.PASS);
    }

    @Test
    @DisplayName("a prefix with the arrival hour written as a timestamp expression passes, as it delivers the same keys")
    void timestampExpressionPrefixPasses() {
        Seen seen = new Seen();
        seen.s3.prefix("clicks/!{timestamp:yyyy/MM/dd/HH}/");
        assertThat(judge(seen).ids(Status.FAIL)).isEmpty();
    }

    @Test
    @DisplayName("on ministack only its own answers SKIP: its ValidationException, its deleted parent, its object per record")
    void ministackDeviationsCoverOnlyItsOwnAnswers() {
        Map<String, Deviation> ministack = Catalog.load().find(new KinesisStreamsFirehose().id()).orElseThrow().deviationsOn("ministack");
        Seen its = new Seen();
        its.limits = Fact.of(new RetentionLimits("ValidationException: RetentionPeriodHours cannot exceed 8760",
                "ValidationException: RetentionPeriodHours cannot be less than 24"));
        its.resharding = Fact.of(new Resharding(1, 2, "gone (not listed)"));
        its.delivered = Fact.of(new Delivered(List.of("1", "2", "3"), List.of("1", "2", "3"),
                List.of("clicks/2026/11/26/01/a", "clicks/2026/11/26/01/b", "clicks/2026/11/26/01/c")));
        Report report = Verification.judge("checks", checks(), its.build(), "ministack", ministack);
        assertThat(report.ids(Status.SKIP)).containsExactlyInAnyOrder("retention-range", "resharding", "buffered");
        assertThat(report.ids(Status.FAIL)).isEmpty();

        Seen wrong = new Seen();
        wrong.limits = Fact.of(new RetentionLimits("accepted", "ValidationException: RetentionPeriodHours cannot be less than 24"));
        wrong.resharding = Fact.of(new Resharding(1, 1, "gone (not listed)"));
        wrong.s3.bufferingHints(b -> b.sizeInMBs(5).intervalInSeconds(300));
        wrong.delivered = its.delivered;
        Report mistaken = Verification.judge("checks", checks(), wrong.build(), "ministack", ministack);
        assertThat(mistaken.ids(Status.FAIL)).containsExactlyInAnyOrder("retention-range", "resharding", "buffered");
        assertThat(mistaken.ids(Status.SKIP)).isEmpty();
    }

    @Test
    @DisplayName("a key's MD5 picks the shard whose hash key range holds it")
    void md5PicksTheShard() {
        List<Shard> two = new Seen().shards;
        // MD5("a") = 0cc175b9c0f1b6a831c399e269772661, in the lower half of the 128-bit range.
        assertThat(ClickStream.holder(two, "a")).isEqualTo("shardId-000000000000");
        // MD5("b") = 92eb5ffee6ae2fec3ad71c777531578f, in the upper half.
        assertThat(ClickStream.holder(two, "b")).isEqualTo("shardId-000000000001");
    }

    @Test
    @DisplayName("a click counts as transformed only with \"transformed\": true as a JSON boolean and a newline after it")
    void transformedNeedsABooleanAndANewline() {
        String marker = "dva-labs-verify-1234abcd-delivery-";
        java.util.Set<String> seen = new java.util.TreeSet<>();
        ClickProbe.transformedIn("{\"click\":\"" + marker + "1\",\"transformed\":true}\n{\"click\":\"" + marker
                + "2\",\"transformed\": true}\n", marker, seen);
        assertThat(seen).containsExactly("1", "2");
        java.util.Set<String> wrong = new java.util.TreeSet<>();
        ClickProbe.transformedIn("{\"click\":\"" + marker + "1\",\"transformed\":\"true\"}\n", marker, wrong);
        ClickProbe.transformedIn("{\"click\":\"" + marker + "2\",\"transformed\":1}\n", marker, wrong);
        ClickProbe.transformedIn("{\"click\":\"" + marker + "3\",\"transformed\":true}{\"click\":\"" + marker
                + "4\",\"transformed\":true}", marker, wrong);
        assertThat(wrong).as("a string, a number, or no newline after the record").isEmpty();
    }

    @Test
    @DisplayName("a click that was not transformed is shown as it was read, shortened")
    void untransformedClickIsShownAsRead() {
        String marker = "dva-labs-verify-1234abcd-delivery-";
        String asString = "{\"click\":\"" + marker + "2\",\"transformed\":\"true\"}";
        Delivered delivered = ClickProbe.delivered(Map.of("clicks/2026/12/06/06/a",
                List.of("{\"click\":\"" + marker + "1\",\"transformed\":true}\n", asString + "\n")), marker);
        assertThat(delivered.untransformed()).isEqualTo(asString + "\n");
        Seen seen = new Seen();
        seen.delivered = Fact.of(delivered);
        assertThat(judge(seen).outcome("transformed").result().observed()).contains("1 of 2; one as read: " + asString);
        String padded = "{\"click\":\"" + marker + "1\",\"pad\":\"" + "x".repeat(1_000) + "\"}";
        assertThat(ClickProbe.delivered(Map.of("k", List.of(padded)), marker).untransformed())
                .hasSize(ClickProbe.LINE_SHOWN + 3).endsWith("...");
    }

    @Test
    @DisplayName("an object is the verifier's to delete only when every record in it carries the run's exact mark")
    void onlyTheRunsObjectsAreDeleted() {
        String run = "dva-labs-verify-1764990000-1234abcd";
        assertThat(Firehose.onlyMarked("{\"click\":\"" + run + "-delivery-1\"}\n{\"click\":\"" + run + "-key-2\"}\n", run)).isTrue();
        assertThat(Firehose.onlyMarked("{\"click\": \"" + run + "-delivery-1\", \"transformed\": true}\n", run)).isTrue();
        assertThat(Firehose.onlyMarked("{\"click\":\"" + run + "-delivery-1\"}{\"click\":\"learner-7\"}", run)).isFalse();
        assertThat(Firehose.onlyMarked(run + "-delivery-1 not json\nlearner line\n", run)).isFalse();
        assertThat(Firehose.onlyMarked("{\"click\":\"dva-labs-verify-1764990000-deadbeef-delivery-1\"}\n", run))
                .as("another run's mark, or one that only looks like it").isFalse();
        assertThat(Firehose.onlyMarked("", run)).isFalse();
    }

    @Test
    @DisplayName("Firehose's folders are the prefix and each UTC arrival hour the delivery can span")
    void foldersOfTheArrivalHours() {
        java.time.Instant from = java.time.Instant.parse("2026-12-06T03:59:00Z");
        assertThat(Firehose.folders("clicks/", from, from.plusSeconds(120)))
                .containsExactly("clicks/2026/12/06/03/", "clicks/2026/12/06/04/");
        assertThat(Firehose.folders("clicks/!{timestamp:yyyy}/", from, from)).containsExactly("clicks/");
    }

    /** Real AWS as far as the delivery wait can tell: no emulator. */
    static final dev.dvalabs.targets.Target AWS = new dev.dvalabs.targets.Target() {
        public String name() {
            return "aws";
        }

        public java.util.Optional<java.net.URI> endpoint() {
            return java.util.Optional.empty();
        }

        public software.amazon.awssdk.regions.Region region() {
            return software.amazon.awssdk.regions.Region.US_EAST_1;
        }

        public software.amazon.awssdk.auth.credentials.AwsCredentialsProvider credentials() {
            return EMULATOR_CREDENTIALS;
        }

        public void close() {}
    };

    @Test
    @DisplayName("on AWS the delivery wait is the S3 buffer's interval, the processor's (60 s unless set) and 2 minutes more")
    void deliveryWaitFollowsTheBuffers() {
        Seen seen = new Seen();
        assertThat(ClickProbe.patience(AWS, seen.build().delivery().value())).isEqualTo(java.time.Duration.ofSeconds(60 + 60 + 120));
        seen.s3.bufferingHints(b -> b.sizeInMBs(5).intervalInSeconds(300)).processingConfiguration(ProcessingConfiguration.builder()
                .enabled(true).processors(Processor.builder().type("Lambda").parameters(
                        ProcessorParameter.builder().parameterName("LambdaArn").parameterValue(FUNCTION_ARN).build(),
                        ProcessorParameter.builder().parameterName("BufferIntervalInSeconds").parameterValue("900").build()).build()).build());
        assertThat(ClickProbe.patience(AWS, seen.build().delivery().value())).isEqualTo(java.time.Duration.ofMinutes(15));
    }
}
