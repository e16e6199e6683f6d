package dev.dvalabs.exercises.kinesisstreamsfirehose;

import dev.dvalabs.testing.Sessions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.cdk.Variant;
import dev.dvalabs.contract.EndToEnd;
import dev.dvalabs.destroy.Teardown;
import dev.dvalabs.targets.LocalEmulator;
import dev.dvalabs.testing.LocalEmulatorExtension;
import dev.dvalabs.verify.Report;
import dev.dvalabs.verify.RunMarker;
import dev.dvalabs.verify.Status;
import dev.dvalabs.probe.Firehose;
import dev.dvalabs.verify.Session;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.core.sync.RequestBody;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.s3.S3Client;

/** kinesis-streams-firehose end to end on the local emulator: what the verifier leaves, and what it and destroy remove. */
@ExtendWith(LocalEmulatorExtension.class)
class KinesisStreamsFirehoseTest {

    static final String ID = new KinesisStreamsFirehose().id();
    static final String BUCKET = "dva-labs-clicks-000000000000-";

    @RegisterExtension
    final EndToEnd lab = new EndToEnd(ID).afterDestroy(KinesisStreamsFirehoseTest::deleteStreams);

    private static void deleteStreams(LocalEmulator emulator) {
        try (KinesisClient kinesis = emulator.client(KinesisClient.builder())) {
            kinesis.listStreams().streamNames().stream().filter(n -> n.startsWith("dva-labs-"))
                    .forEach(n -> kinesis.deleteStream(r -> r.streamName(n)));
        }
    }

    private static List<String> streams(LocalEmulator emulator) {
        try (KinesisClient kinesis = emulator.client(KinesisClient.builder())) {
            return kinesis.listStreams().streamNames();
        }
    }

    private static List<String> objects(LocalEmulator emulator) {
        try (S3Client s3 = emulator.client(S3Client.builder().forcePathStyle(true))) {
            return s3.listObjectsV2(r -> r.bucket(BUCKET + emulator.region().id())).contents().stream().map(o -> o.key()).toList();
        }
    }

    private static void createStream(KinesisClient kinesis, String name, Map<String, String> tags) {
        kinesis.createStream(r -> r.streamName(name).shardCount(1));
        if (!tags.isEmpty()) {
            kinesis.addTagsToStream(r -> r.streamName(name).tags(tags));
        }
    }

    @Test
    @DisplayName("after verify on the solution, its temporary stream is gone and the bucket holds none of its clicks")
    void verifierCleansUp(LocalEmulator emulator) {
        lab.deploy(emulator, Variant.SOLUTION);
        Report report = lab.verify(emulator, Map.of());
        assertThat(report.outcome("delivered").status()).isEqualTo(Status.PASS);
        assertThat(streams(emulator)).containsExactly("dva-labs-clicks");
        assertThat(objects(emulator)).isEmpty();
    }

    @Test
    @DisplayName("the solution's stream is encrypted with KMS, which ministack's CloudFormation ignores and the deployer applies")
    void streamEncryptionIsApplied(LocalEmulator emulator) {
        lab.deploy(emulator, Variant.SOLUTION);
        try (KinesisClient kinesis = emulator.client(KinesisClient.builder())) {
            var summary = kinesis.describeStreamSummary(r -> r.streamName("dva-labs-clicks")).streamDescriptionSummary();
            assertThat(summary.encryptionTypeAsString()).isEqualTo("KMS");
            assertThat(summary.keyId()).isEqualTo("alias/aws/kinesis");
        }
    }

    @Test
    @DisplayName("a verify whose session is closed (Ctrl-C) puts no record and makes no stream")
    void closedSessionWritesNothing(LocalEmulator emulator) {
        lab.deploy(emulator, Variant.SOLUTION);
        Session session = Sessions.open(emulator, ID, lab.exercise().names());
        session.close();
        assertThatThrownBy(() -> new KinesisStreamsFirehoseVerifier().observe(session)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("writes no more");
        assertThat(streams(emulator)).containsExactly("dva-labs-clicks");
        assertThat(objects(emulator)).isEmpty();
        try (KinesisClient kinesis = emulator.client(KinesisClient.builder())) {
            for (var shard : kinesis.listShards(r -> r.streamName("dva-labs-clicks")).shards()) {
                String iterator = kinesis.getShardIterator(r -> r.streamName("dva-labs-clicks").shardId(shard.shardId())
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
                assertThat(kinesis.getRecords(r -> r.shardIterator(iterator)).records()).isEmpty();
            }
        }
    }

    @Test
    @DisplayName("a stream named like an earlier verify's, tagged like one, stays when no journal names it")
    void onlyJournaledStreamsAreRemoved(LocalEmulator emulator) {
        lab.deploy(emulator, Variant.STARTER);
        String looksKilled = RunMarker.startedAt(Instant.now().minus(Duration.ofHours(1))).value();
        try (KinesisClient kinesis = emulator.client(KinesisClient.builder())) {
            createStream(kinesis, looksKilled, Map.of(ExerciseStack.TAG_EXERCISE, ID, ClickProbe.TAG_VERIFY_RUN, looksKilled));
        }
        lab.verify(emulator, Map.of());
        assertThat(streams(emulator)).contains(looksKilled).noneMatch(s -> s.startsWith(RunMarker.PREFIX) && !s.equals(looksKilled));
    }

    @Test
    @DisplayName("what a killed verify's journal names is swept: the objects of its run's records only, read bounded, never a"
            + " learner's object, one mixing records, another run's, nor a 60 MB one")
    void journaledObjectsAreSweptExactly(LocalEmulator emulator) {
        lab.deploy(emulator, Variant.SOLUTION);
        String bucket = BUCKET + emulator.region().id();
        String run = RunMarker.start().value();
        Instant now = Instant.now();
        String folder = Firehose.folders("clicks/", now, now).get(0);
        try (S3Client s3 = emulator.client(S3Client.builder().forcePathStyle(true))) {
            put(s3, bucket, folder + "ours", "{\"click\":\"" + run + "-delivery-1\"}\n{\"click\":\"" + run + "-key-2\"}\n");
            put(s3, bucket, folder + "mixed", "{\"click\":\"" + run + "-delivery-1\"}\n{\"click\":\"learner-7\"}\n");
            put(s3, bucket, folder + "learners", "{\"click\":\"learner-8\"}\n");
            put(s3, bucket, folder + "looks-marked", "{\"click\":\"" + RunMarker.PREFIX + "20240115\"}\n");
            put(s3, bucket, folder + "another-run", "{\"click\":\"" + RunMarker.start().value() + "-delivery-1\"}\n");
            s3.putObject(r -> r.bucket(bucket).key(folder + "big"), RequestBody.fromBytes(("{\"click\":\"" + run + "\"}\n")
                    .repeat(60 * 1024 * 1024 / 64).getBytes(StandardCharsets.UTF_8)));
        }
        try (Session session = Sessions.open(emulator, ID, lab.exercise().names())) {
            new Firehose.DeliveredObjects(bucket, List.of(folder), run, now.getEpochSecond()).undo(session);
        }
        assertThat(objects(emulator)).containsExactlyInAnyOrder(folder + "mixed", folder + "learners", folder + "looks-marked",
                folder + "another-run", folder + "big");
    }

    @Test
    @DisplayName("a 60 MB object among Firehose's in the bucket is read bounded: the solution passes and the object stays")
    void bigObjectsAreReadBounded(LocalEmulator emulator) {
        lab.deploy(emulator, Variant.SOLUTION);
        String bucket = BUCKET + emulator.region().id();
        String folder = Firehose.folders("clicks/", Instant.now(), Instant.now()).get(0);
        try (S3Client s3 = emulator.client(S3Client.builder().forcePathStyle(true))) {
            s3.putObject(r -> r.bucket(bucket).key(folder + "learners-60mb"), RequestBody.fromBytes(
                    "{\"click\":\"learner\",\"transformed\":true}\n".repeat(60 * 1024 * 1024 / 40).getBytes(StandardCharsets.UTF_8)));
        }
        Report report = lab.verify(emulator, Map.of());
        assertThat(report.outcome("delivered").status()).isEqualTo(Status.PASS);
        assertThat(objects(emulator)).containsExactly(folder + "learners-60mb");
    }

    private static void put(S3Client s3, String bucket, String key, String text) {
        s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString(text));
    }

    @Test
    @DisplayName("destroy removes a stream carrying the exercise's tag, which ministack's tagging index does not list, and no other")
    void destroyFindsTaggedStreams(LocalEmulator emulator) {
        try (KinesisClient kinesis = emulator.client(KinesisClient.builder())) {
            createStream(kinesis, "dva-labs-verify-leftover", Map.of(ExerciseStack.TAG_EXERCISE, ID, ClickProbe.TAG_VERIFY_RUN, "x"));
            createStream(kinesis, "dva-labs-mine", Map.of(ExerciseStack.TAG_EXERCISE, "another"));
        }
        Teardown.Result result = new Teardown(emulator, lab.out()).destroy(ID);
        assertThat(result.removed()).anyMatch(r -> r.contains("stream/dva-labs-verify-leftover"));
        assertThat(streams(emulator)).contains("dva-labs-mine").doesNotContain("dva-labs-verify-leftover");
    }
}
