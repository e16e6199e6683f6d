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
import java.time.Instant;
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
    @DisplayName("a verifier closed before it observes puts no record, makes no stream, and closing it again is harmless")
    void closedVerifierWritesNothing(LocalEmulator emulator) {
        lab.deploy(emulator, Variant.SOLUTION);
        KinesisStreamsFirehoseVerifier verifier = new KinesisStreamsFirehoseVerifier(ID);
        verifier.close();
        assertThatThrownBy(() -> verifier.observe(Sessions.open(emulator, "test", lab.exercise().names()))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("writes no more");
        verifier.close();
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
    @DisplayName("the next verify removes a temporary stream a killed verify left, and spares a running verify's, one of"
            + " another exercise and an untagged one")
    void nextVerifyRemovesLeftovers(LocalEmulator emulator) {
        lab.deploy(emulator, Variant.STARTER);
        String killed = RunMarker.startedAt(Instant.now().minus(RunMarker.LIVE_FOR).minusSeconds(60)).value();
        String running = RunMarker.start().value();
        String untagged = RunMarker.startedAt(Instant.now().minus(RunMarker.LIVE_FOR).minusSeconds(60)).value();
        String other = RunMarker.startedAt(Instant.now().minus(RunMarker.LIVE_FOR).minusSeconds(60)).value();
        try (KinesisClient kinesis = emulator.client(KinesisClient.builder())) {
            createStream(kinesis, killed, Map.of(ExerciseStack.TAG_EXERCISE, ID, ScratchStream.TAG_VERIFY_RUN, killed));
            createStream(kinesis, running, Map.of(ExerciseStack.TAG_EXERCISE, ID, ScratchStream.TAG_VERIFY_RUN, running));
            createStream(kinesis, untagged, Map.of());
            createStream(kinesis, other, Map.of(ExerciseStack.TAG_EXERCISE, "another", ScratchStream.TAG_VERIFY_RUN, other));
        }
        lab.verify(emulator, Map.of());
        assertThat(streams(emulator)).contains(running, untagged, other).doesNotContain(killed);
    }

    @Test
    @DisplayName("destroy removes a stream carrying the exercise's tag, which ministack's tagging index does not list, and no other")
    void destroyFindsTaggedStreams(LocalEmulator emulator) {
        try (KinesisClient kinesis = emulator.client(KinesisClient.builder())) {
            createStream(kinesis, "dva-labs-verify-leftover", Map.of(ExerciseStack.TAG_EXERCISE, ID, ScratchStream.TAG_VERIFY_RUN, "x"));
            createStream(kinesis, "dva-labs-mine", Map.of(ExerciseStack.TAG_EXERCISE, "another"));
        }
        Teardown.Result result = new Teardown(emulator, lab.out()).destroy(ID);
        assertThat(result.removed()).anyMatch(r -> r.contains("stream/dva-labs-verify-leftover"));
        assertThat(streams(emulator)).contains("dva-labs-mine").doesNotContain("dva-labs-verify-leftover");
    }
}
