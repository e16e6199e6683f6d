package dev.dvalabs.exercises.dynamodbstreamslambda;

import static dev.dvalabs.verify.Matcher.eq;
import static dev.dvalabs.verify.Matcher.isTrue;
import static dev.dvalabs.verify.Matcher.satisfies;

import dev.dvalabs.exercises.dynamodbstreamslambda.AuditTrail.Audited;
import dev.dvalabs.probe.EventSourceMapping;
import dev.dvalabs.probe.Json;
import dev.dvalabs.probe.Table;
import dev.dvalabs.verify.Check;
import dev.dvalabs.verify.CheckResult;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Matcher;
import dev.dvalabs.verify.Session;
import dev.dvalabs.verify.Verifier;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * dynamodb-streams-lambda: a table's stream of new and old images, an event source mapping that lets
 * the function see INSERT and REMOVE records but not MODIFY ones, what happens to a batch that fails,
 * and the function's timeout. The verifier makes one order of its own live and die in the table and
 * looks at what the function audited of it; the session removes the order and its audit items. It never
 * receives from the failures queue: the on-failure check reads the queue's ARN only, so a learner's
 * messages there keep their receive count.
 */
public final class DynamodbStreamsLambdaVerifier implements Verifier<DynamodbStreamsLambdaVerifier.Observed> {

    public static final String ORDER_KEY = "orderId";
    public static final String EVENT_KEY = "eventId";
    static final String STARTING_POSITION = "LATEST";
    static final int BATCH_SIZE = 25;
    static final int RETRIES = 2;
    static final int TIMEOUT_SECONDS = 5;
    /** Longer than the timeout the instructions ask for, so that a function that has it is cut off. */
    static final int SLEEP_SECONDS = TIMEOUT_SECONDS + 2;
    /** How long the function may take to audit a record: on AWS a new mapping's first batch can take a while. */
    static final Duration AUDIT_WAIT = Duration.ofSeconds(20);
    static final String PING = "dva-labs-verify";
    static final String CREATED = "NEW";
    static final String CHANGED = "PAID";
    /** How much of a mapping's filter pattern an observation shows. */
    static final int PATTERN_SHOWN = 120;

    /**
     * What the verifier saw; each fact is a value or the refusal AWS answered with.
     *
     * @param mapping      the function's mapping from the table's latest stream, or why there is none to judge
     * @param onStream     every mapping of the function that reads that stream, to name the one at fault
     * @param failureQueue the ARN SQS gives the queue failures should go to (GetQueueAttributes QueueArn), null when
     *                     there is no such queue: a queue of that name in another account or region is not it
     */
    public record Observed(
            Fact<Table> orders,
            Fact<EventSourceMapping> mapping,
            List<EventSourceMapping> onStream,
            String failureQueue,
            Fact<Trail> trail,
            Fact<Invocation> ping,
            Fact<Invocation> sleep) {}

    /**
     * The audit items the function wrote for the verifier's order, or why nothing was written to the table
     * for it: nothing could deliver a record to the function.
     */
    public record Trail(List<Audited> audited, String notTried) {

        static Trail notTried(String why) {
            return new Trail(List.of(), why);
        }

        List<Audited> of(String eventName) {
            return audited.stream().filter(a -> eventName.equals(a.eventName())).toList();
        }
    }

    /** What a direct invoke answered: the function error (null when there was none) and the payload. */
    public record Invocation(String functionError, String payload) {}

    @Override
    public List<Check<Observed>> checks() {
        return List.of(
                new Check<Observed>("stream", "The table's stream records new and old images",
                        "Dynamo DB Streams - Time order sequence of modification events (CUD)",
                        "Enable the orders table's stream with the view type NEW_AND_OLD_IMAGES: aws dynamodb update-table"
                                + " --table-name {orders} --stream-specification StreamEnabled=true,StreamViewType=NEW_AND_OLD_IMAGES;"
                                + " in CDK, TableProps.stream(StreamViewType.NEW_AND_OLD_IMAGES).",
                        o -> o.orders().its("stream", Table::stream)
                                .should(eq("NEW_AND_OLD_IMAGES")))
                        .forTask(1),
                new Check<Observed>("mapping", "An enabled event source mapping reads the stream with the settings asked for",
                        "Trigger lambdas (lambda polls the stream)",
                        "Map the table's current stream (aws dynamodb describe-table --table-name {orders} --query"
                                + " Table.LatestStreamArn) to the function: aws lambda create-event-source-mapping --function-name"
                                + " {function} --event-source-arn STREAM_ARN --starting-position " + STARTING_POSITION
                                + " --batch-size " + BATCH_SIZE + "; in CDK, DynamoEventSourceProps.startingPosition and batchSize."
                                + " A mapping from an older stream of the table reads nothing new.",
                        o -> CheckResult.all(o.mapping().its("state", EventSourceMapping::state).should(eq("Enabled")),
                                o.mapping().its("starting position", EventSourceMapping::startingPosition).should(eq(STARTING_POSITION)),
                                o.mapping().its("batch size", EventSourceMapping::batchSize).should(eq(BATCH_SIZE))))
                        .forTask(2),
                new Check<Observed>("insert-audited", "An INSERT reaches the function with its new image only",
                        "Trigger lambdas (lambda polls the stream) - Near real time",
                        "The function audits what the mapping delivers: the mapping must read the table's stream,"
                                + " its filter let INSERT through, and the view type carry the new image.",
                        o -> o.trail().its("", t -> audited(t, "INSERT"))
                                .should(eq("INSERT audited with new image status=" + CREATED + ", no old image")))
                        .forTask(2),
                new Check<Observed>("remove-audited", "A REMOVE reaches the function with the old image only",
                        "Time order sequence of modification events (CUD)",
                        "A REMOVE carries the item as it was last: NEW_AND_OLD_IMAGES gives it the old image, and the"
                                + " filter must let REMOVE through.",
                        o -> o.trail().its("", t -> audited(t, "REMOVE"))
                                .should(eq("REMOVE audited with no new image, old image status=" + CHANGED)))
                        .forTask(3),
                new Check<Observed>("modify-filtered", "A MODIFY is held back by the mapping's filter",
                        "Time order sequence of modification events (CUD)",
                        "Give the mapping a filter on eventName (top level of a stream record, not under dynamodb) that lets"
                                + " INSERT and REMOVE through and not MODIFY. The pattern is a JSON string inside JSON:"
                                + " aws lambda update-event-source-mapping --uuid UUID --filter-criteria"
                                + " '{\"Filters\":[{\"Pattern\":\"{\\\"eventName\\\":[\\\"INSERT\\\",\\\"REMOVE\\\"]}\"}]}';"
                                + " in CDK, the mapping's filters: [FilterCriteria.filter({eventName: FilterRule.or('INSERT', 'REMOVE')})].",
                        o -> o.trail().its("", t -> modify(t, o.onStream()))
                                .should(eq("MODIFY not audited, though the REMOVE after it was")))
                        .forTask(3),
                new Check<Observed>("on-failure", "A batch that keeps failing goes to the failure queue after 2 retries, bisected",
                        "Stored for 24 hours: a batch that keeps failing holds its shard back until it expires",
                        "aws lambda update-event-source-mapping --uuid UUID --destination-config OnFailure={Destination=QUEUE_ARN}"
                                + " --maximum-retry-attempts " + RETRIES + " --bisect-batch-on-function-error, with the ARN of"
                                + " {failures} (UUID: aws lambda list-event-source-mappings --function-name {function});"
                                + " in CDK, DynamoEventSourceProps.onFailure(new SqsDlq(queue)), retryAttempts and bisectBatchOnError.",
                        o -> CheckResult.all(o.mapping().its("on-failure destination", m -> m.onFailureDestination().orElse(null))
                                        .should(theFailureQueue(o.failureQueue())),
                                o.mapping().its("retries", EventSourceMapping::maximumRetryAttempts).should(eq(RETRIES)),
                                o.mapping().its("bisect batch on function error", EventSourceMapping::bisectBatchOnFunctionError)
                                        .should(isTrue())))
                        .forTask(4),
                new Check<Observed>("invoked", "The function answers a direct invoke",
                        "Lambda: a function invoked directly, not only from the stream",
                        "aws lambda invoke --function-name {function} --payload '{\"ping\": \"x\"}' out.json;"
                                + " out.json must hold {\"pong\": \"x\"}: the function must exist and run.",
                        o -> o.ping().its("invoked with {\"ping\": \"" + PING + "\"}", DynamodbStreamsLambdaVerifier::answer)
                                .should(eq("answered pong " + PING)))
                        .forTask(5),
                new Check<Observed>("timeout", "The function is stopped at its timeout of " + TIMEOUT_SECONDS + " s",
                        "Lambda: the timeout ends an invocation that runs longer",
                        "Set the function's timeout to " + TIMEOUT_SECONDS + " seconds: aws lambda update-function-configuration"
                                + " --function-name {function} --timeout " + TIMEOUT_SECONDS + "; in CDK, FunctionProps.timeout"
                                + "(Duration.seconds(" + TIMEOUT_SECONDS + ")).",
                        o -> o.sleep().its("invoked with {\"sleepSeconds\": " + SLEEP_SECONDS + "}",
                                        DynamodbStreamsLambdaVerifier::answer)
                                .should(satisfies("stopped with \"Task timed out after " + TIMEOUT_SECONDS + ".00 seconds\"",
                                        a -> a.startsWith("stopped") && a.contains("Task timed out after " + TIMEOUT_SECONDS
                                                + ".00 seconds"))))
                        .forTask(5));
    }

    /** The queue SQS named the failure queue, by its ARN: none when there is no such queue. */
    static Matcher<String> theFailureQueue(String failureQueue) {
        return new Matcher<>(failureQueue == null ? "the failure queue (none found)" : failureQueue,
                destination -> destination != null && destination.equals(failureQueue));
    }

    /** What the audit shows of the order's records of one event name. */
    static String audited(Trail trail, String eventName) {
        List<Audited> audited = trail.of(eventName);
        if (audited.isEmpty()) {
            return eventName + " not audited " + whyNot(trail);
        }
        return audited.stream().map(a -> eventName + " audited with " + image("new", a.newImage()) + ", "
                + image("old", a.oldImage())).distinct().collect(Collectors.joining("; "));
    }

    /**
     * Whether the MODIFY between the INSERT and the REMOVE was held back. Only the REMOVE's audit proves
     * it: the function gets one item's records in order, so by then the MODIFY had been handled.
     */
    static String modify(Trail trail, List<EventSourceMapping> onStream) {
        if (!trail.of("MODIFY").isEmpty()) {
            return "MODIFY audited" + filters(onStream);
        }
        if (!trail.of("REMOVE").isEmpty()) {
            return "MODIFY not audited, though the REMOVE after it was";
        }
        return "MODIFY not audited, but neither was the REMOVE after it " + whyNot(trail)
                + ", so it is not known whether the MODIFY was held back or is still to come";
    }

    /**
     * What each mapping that reads the table's stream filters, so the observation names the one that let the MODIFY
     * through when there are several; a pattern is the learner's text, shortened.
     */
    static String filters(List<EventSourceMapping> onStream) {
        List<String> each = onStream.stream()
                .map(m -> "mapping " + m.uuid() + (m.filterPatterns().isEmpty() ? " has no filter"
                        : " filters " + shortened(m.filterPatterns().toString())))
                .toList();
        return each.isEmpty() ? "" : " (" + String.join("; ", each) + ")";
    }

    private static String shortened(String text) {
        return text.length() <= PATTERN_SHOWN ? text : text.substring(0, PATTERN_SHOWN) + "...";
    }

    /** Why a record's audit is missing: nothing was written to the table, or the wait ran out. */
    private static String whyNot(Trail trail) {
        return trail.notTried() != null ? "(" + trail.notTried() + ")" : "within " + AUDIT_WAIT.toSeconds() + " s";
    }

    private static String image(String which, String image) {
        if (image == null) {
            return "no " + which + " image";
        }
        return Json.object(image).map(i -> i.path("status").path("S"))
                .filter(s -> s.isTextual()).map(s -> which + " image status=" + s.asText())
                .orElse(which + " image without status");
    }

    static String answer(Invocation invocation) {
        if (invocation.functionError() != null) {
            return "stopped (" + invocation.functionError() + "): "
                    + Json.object(invocation.payload()).map(p -> p.path("errorMessage").asText(invocation.payload()))
                    .orElse(invocation.payload());
        }
        return Json.object(invocation.payload()).filter(p -> p.has("pong"))
                .map(p -> p.path("sleptSeconds").asDouble(0) > 0 ? "answered after working " + p.path("sleptSeconds").asText() + " s"
                        : "answered pong " + p.path("pong").asText())
                .orElse("answered " + invocation.payload());
    }

    @Override
    public Observed observe(Session session) {
        return StreamsProbe.observe(session);
    }
}
