package dev.dvalabs.exercises.dynamodbstreamslambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.exercise.Catalog;
import dev.dvalabs.exercises.dynamodbstreamslambda.AuditTrail.Audited;
import dev.dvalabs.exercises.dynamodbstreamslambda.DynamodbStreamsLambdaVerifier.Invocation;
import dev.dvalabs.exercises.dynamodbstreamslambda.DynamodbStreamsLambdaVerifier.Observed;
import dev.dvalabs.exercises.dynamodbstreamslambda.DynamodbStreamsLambdaVerifier.Trail;
import dev.dvalabs.probe.EventSourceMapping;
import dev.dvalabs.probe.Table;
import dev.dvalabs.testing.ChecksContract;
import dev.dvalabs.verify.Deviation;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Report;
import dev.dvalabs.verify.Status;
import dev.dvalabs.verify.Verification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;

/**
 * Each dynamodb-streams-lambda check judged on observations that differ from a correct build in one
 * fact, including what a correct emulator never shows (a MODIFY that slips through after all), so that
 * every check is seen failing.
 */
class DynamodbStreamsLambdaChecksTest extends ChecksContract<Observed, DynamodbStreamsLambdaChecksTest.Seen> {

    static final String STREAM = "arn:aws:dynamodb:us-east-1:123456789012:table/dva-labs-stream-orders/stream/2026-11-26T00:00:00.000";
    static final String QUEUE = "arn:aws:sqs:us-east-1:123456789012:dva-labs-stream-failures";
    static final String INSERT_IMAGE = "{\"note\": {\"S\": \"x\"}, \"orderId\": {\"S\": \"dva-labs-verify-1\"}, \"status\": {\"S\": \"NEW\"}}";
    static final String REMOVE_IMAGE = "{\"note\": {\"S\": \"x\"}, \"orderId\": {\"S\": \"dva-labs-verify-1\"}, \"status\": {\"S\": \"PAID\"}}";
    static final String DOCKER = "Handled";
    static final String DOCKER_ERROR = "{\"errorMessage\": \"error running docker: Error while fetching server API version\"}";

    DynamodbStreamsLambdaChecksTest() {
        super(() -> new DynamodbStreamsLambdaVerifier().checks(), Seen::new, Seen::build);
    }

    /** A correct build's observations, one field at a time changeable. */
    static final class Seen {
        TableDescription.Builder table = TableDescription.builder().latestStreamArn(STREAM)
                .streamSpecification(StreamSpecification.builder().streamEnabled(true)
                        .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).build());
        EventSourceMappingConfiguration.Builder mapping = EventSourceMappingConfiguration.builder().uuid("m-1")
                .eventSourceArn(STREAM).state("Enabled").startingPosition("LATEST").batchSize(25)
                .destinationConfig(d -> d.onFailure(f -> f.destination(QUEUE)))
                .maximumRetryAttempts(2).bisectBatchOnFunctionError(true);
        List<EventSourceMappingConfiguration> others = new ArrayList<>();
        String stream = STREAM;
        String failureQueue = QUEUE;
        Fact<Trail> trail = Fact.of(new Trail(List.of(new Audited("INSERT", INSERT_IMAGE, null),
                new Audited("REMOVE", null, REMOVE_IMAGE)), null));
        Fact<Invocation> ping = Fact.of(new Invocation(null, "{\"pong\": \"dva-labs-verify\", \"sleptSeconds\": 0}"));
        Fact<Invocation> sleep = Fact.of(new Invocation("Unhandled",
                "{\"errorType\": \"Sandbox.Timedout\", \"errorMessage\": \"RequestId: 1 Error: Task timed out after 5.00 seconds\"}"));

        Observed build() {
            List<EventSourceMappingConfiguration> configured = new ArrayList<>(others);
            configured.add(mapping.build());
            List<EventSourceMapping> all = configured.stream().map(EventSourceMapping::of).toList();
            return new Observed(Fact.of(new Table(table.build())), StreamsProbe.fromStream(stream, all),
                    StreamsProbe.onStream(stream, all), failureQueue,
                    trail, ping, sleep);
        }

        void audited(Audited... audited) {
            trail = Fact.of(new Trail(List.of(audited), null));
        }
    }

    static Audited insert(String newImage, String oldImage) {
        return new Audited("INSERT", newImage, oldImage);
    }

    static Audited remove(String newImage, String oldImage) {
        return new Audited("REMOVE", newImage, oldImage);
    }

    @Override
    protected Stream<Mistake<Seen>> mistakes() {
        return Stream.of(
                wrong("stream", "no stream", (Consumer<Seen>) s -> s.table.streamSpecification((StreamSpecification) null)),
                wrong("stream", "a stream of new images only",
                        (Consumer<Seen>) s -> s.table.streamSpecification(StreamSpecification.builder().streamEnabled(true)
                                .streamViewType(StreamViewType.NEW_IMAGE).build())),
                wrong("stream", "a stream switched off",
                        (Consumer<Seen>) s -> s.table.streamSpecification(StreamSpecification.builder().streamEnabled(false)
                                .build())),
                wrong("mapping", "a mapping from the table's previous stream",
                        (Consumer<Seen>) s -> s.mapping.eventSourceArn(STREAM.replace("2026", "2025")), "on-failure"),
                wrong("mapping", "no mapping at all", (Consumer<Seen>) s -> s.mapping.eventSourceArn("arn:aws:sqs:us-east-1:1:other"),
                        "on-failure"),
                wrong("mapping", "a disabled mapping", (Consumer<Seen>) s -> s.mapping.state("Disabled")),
                wrong("mapping", "a mapping from the start of the stream",
                        (Consumer<Seen>) s -> s.mapping.startingPosition("TRIM_HORIZON")),
                wrong("mapping", "the default batch size", (Consumer<Seen>) s -> s.mapping.batchSize(100)),
                wrong("insert-audited", "no INSERT audited",
                        (Consumer<Seen>) s -> s.audited(remove(null, REMOVE_IMAGE))),
                wrong("insert-audited", "an INSERT without its new image (keys only)",
                        (Consumer<Seen>) s -> s.audited(insert(null, null), remove(null, REMOVE_IMAGE))),
                wrong("insert-audited", "an INSERT whose new image lacks the status",
                        (Consumer<Seen>) s -> s.audited(insert("{\"orderId\": {\"S\": \"x\"}}", null), remove(null, REMOVE_IMAGE))),
                wrong("remove-audited", "a REMOVE without its old image (new images only)",
                        (Consumer<Seen>) s -> s.audited(insert(INSERT_IMAGE, null), remove(null, null))),
                wrong("remove-audited", "a REMOVE carrying the image from before the change",
                        (Consumer<Seen>) s -> s.audited(insert(INSERT_IMAGE, null), remove(null, INSERT_IMAGE))),
                wrong("remove-audited", "REMOVE held back by the filter",
                        (Consumer<Seen>) s -> s.audited(insert(INSERT_IMAGE, null)), "modify-filtered"),
                wrong("modify-filtered", "a MODIFY audited: no filter",
                        (Consumer<Seen>) s -> s.audited(insert(INSERT_IMAGE, null),
                                new Audited("MODIFY", REMOVE_IMAGE, INSERT_IMAGE), remove(null, REMOVE_IMAGE))),
                wrong("insert-audited", "nothing reads the stream, so nothing was written",
                        (Consumer<Seen>) s -> s.trail = Fact.of(Trail.notTried("nothing reads the table's stream for the function")),
                        "remove-audited", "modify-filtered"),
                wrong("on-failure", "no on-failure destination", (Consumer<Seen>) s -> s.mapping.destinationConfig(d -> { })),
                wrong("on-failure", "neither a failure queue nor a destination", (Consumer<Seen>) s -> {
                    s.failureQueue = null;
                    s.mapping.destinationConfig(d -> { });
                }),
                wrong("on-failure", "failures sent to another queue",
                        (Consumer<Seen>) s -> s.mapping.destinationConfig(d -> d.onFailure(f -> f.destination(QUEUE + "-dlq")))),
                wrong("on-failure", "a queue of the same name in another region and account",
                        (Consumer<Seen>) s -> s.mapping.destinationConfig(d -> d.onFailure(f -> f.destination(
                                "arn:aws:sqs:eu-west-1:999999999999:dva-labs-stream-failures")))),
                wrong("on-failure", "unlimited retries, as AWS's default -1",
                        (Consumer<Seen>) s -> s.mapping.maximumRetryAttempts(-1)),
                wrong("on-failure", "a failing batch not bisected",
                        (Consumer<Seen>) s -> s.mapping.bisectBatchOnFunctionError(false)),
                wrong("invoked", "a function that fails on a direct invoke",
                        (Consumer<Seen>) s -> s.ping = Fact.of(new Invocation("Unhandled",
                                "{\"errorMessage\": \"Unable to import module 'index'\"}"))),
                wrong("invoked", "no such function",
                        (Consumer<Seen>) s -> s.ping = Fact.refused("function dva-labs-stream-auditor: ResourceNotFoundException: Function not found")),
                wrong("timeout", "a timeout long enough to answer after working 7 s",
                        (Consumer<Seen>) s -> s.sleep = Fact.of(new Invocation(null, "{\"pong\": null, \"sleptSeconds\": 7}"))),
                wrong("timeout", "the default 3-second timeout",
                        (Consumer<Seen>) s -> s.sleep = Fact.of(new Invocation("Unhandled",
                                "{\"errorMessage\": \"Task timed out after 3.00 seconds\"}"))),
                wrong("timeout", "a function that fails for another reason",
                        (Consumer<Seen>) s -> s.sleep = Fact.of(new Invocation("Unhandled",
                                "{\"errorMessage\": \"name 'time' is not defined\"}"))));
    }


    @Test
    @DisplayName("a mapping from another stream is reported with where the function's mappings read")
    void otherMappingIsNamed() {
        Seen seen = new Seen();
        seen.mapping.eventSourceArn("arn:aws:sqs:us-east-1:1:other");
        assertThat(judge(seen).outcome("mapping").result().observed())
                .isEqualTo("AWS refused: none from " + STREAM + " (the function's mappings read [arn:aws:sqs:us-east-1:1:other])");
    }

    @Test
    @DisplayName("of two mappings on the stream, the one without a filter is named when a MODIFY gets through")
    void unfilteredMappingIsNamed() {
        Seen seen = new Seen();
        seen.mapping.filterCriteria(f -> f.filters(p -> p.pattern("{\"eventName\": [\"INSERT\", \"REMOVE\"]}")));
        seen.others.add(EventSourceMappingConfiguration.builder().uuid("m-2").eventSourceArn(STREAM).state("Enabled").build());
        seen.audited(insert(INSERT_IMAGE, null), new Audited("MODIFY", REMOVE_IMAGE, INSERT_IMAGE), remove(null, REMOVE_IMAGE));
        assertThat(judge(seen).outcome("modify-filtered").result().observed()).isEqualTo("MODIFY audited (mapping m-2 has no filter;"
                + " mapping m-1 filters [{\"eventName\": [\"INSERT\", \"REMOVE\"]}])");
    }

    @Test
    @DisplayName("a mapping's long filter pattern is shown shortened")
    void longPatternIsShortened() {
        Seen seen = new Seen();
        seen.mapping.filterCriteria(f -> f.filters(p -> p.pattern("{\"eventName\": [\"" + "X".repeat(500) + "\"]}")));
        seen.audited(insert(INSERT_IMAGE, null), new Audited("MODIFY", REMOVE_IMAGE, INSERT_IMAGE), remove(null, REMOVE_IMAGE));
        assertThat(judge(seen).outcome("modify-filtered").result().observed()).startsWith("MODIFY audited (mapping m-1 filters [")
                .endsWith("...)").hasSizeLessThan(200);
    }

    @Test
    @DisplayName("on moto, the function's Docker error SKIPs the checks that need it to run, and a mistake still FAILs")
    void motoDeviationCoversOnlyTheDockerError() {
        Map<String, Deviation> moto = Catalog.load().find(new DynamodbStreamsLambda().id()).orElseThrow().deviationsOn("moto");
        Seen docker = new Seen();
        docker.ping = Fact.of(new Invocation(DOCKER, DOCKER_ERROR));
        docker.sleep = Fact.of(new Invocation(DOCKER, DOCKER_ERROR));
        docker.trail = Fact.of(Trail.notTried("the function does not run: stopped (Handled): error running docker: x"));
        Report noDocker = Verification.judge("checks", checks(), docker.build(), "moto", moto);
        assertThat(noDocker.ids(Status.SKIP))
                .containsExactlyInAnyOrder("insert-audited", "remove-audited", "modify-filtered", "invoked", "timeout");
        assertThat(noDocker.ids(Status.FAIL)).isEmpty();

        Seen unmapped = new Seen();
        unmapped.ping = docker.ping;
        unmapped.sleep = docker.sleep;
        unmapped.mapping.eventSourceArn("arn:aws:sqs:us-east-1:1:other");
        unmapped.trail = Fact.of(Trail.notTried("nothing reads the table's stream for the function"));
        Report mistaken = Verification.judge("checks", checks(), unmapped.build(), "moto", moto);
        assertThat(mistaken.ids(Status.FAIL))
                .containsExactlyInAnyOrder("mapping", "on-failure", "insert-audited", "remove-audited", "modify-filtered");
    }
}
