package dev.dvalabs.exercises.serverlessapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.exercises.serverlessapi.ApiShape.Key;
import dev.dvalabs.exercises.serverlessapi.ApiShape.MethodLimit;
import dev.dvalabs.exercises.serverlessapi.ApiShape.Plan;
import dev.dvalabs.exercises.serverlessapi.ApiShape.Route;
import dev.dvalabs.exercises.serverlessapi.ApiShape.Throttling;
import dev.dvalabs.exercises.serverlessapi.Http.Answer;
import dev.dvalabs.exercises.serverlessapi.ServerlessApiVerifier.Exchange;
import dev.dvalabs.exercises.serverlessapi.ServerlessApiVerifier.Expected;
import dev.dvalabs.exercises.serverlessapi.ServerlessApiVerifier.Observed;
import dev.dvalabs.exercises.serverlessapi.ServerlessApiVerifier.Permissions;
import dev.dvalabs.exercise.Catalog;
import dev.dvalabs.testing.ChecksContract;
import dev.dvalabs.verify.Deviation;
import dev.dvalabs.verify.Report;
import dev.dvalabs.verify.Verification;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Status;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;

/** Each serverless-api check judged on observations that differ from a correct build in one fact. */
class ServerlessApiChecksTest extends ChecksContract<Observed, ServerlessApiChecksTest.Seen> {

    ServerlessApiChecksTest() {
        super(() -> new ServerlessApiVerifier().checks(), Seen::new, Seen::build);
    }

    static final String FUNCTION = "dva-labs-orders-api";
    static final String TABLE = "dva-labs-api-orders";
    static final String ORDER = "{\"id\":\"dva-labs-verify-1-order\",\"item\":\"book\",\"quantity\":\"2\"}";
    static final String JSON = "application/json";

    /** A correct build's observations, one field at a time changeable. */
    static final class Seen {
        Expected expected = new Expected(FUNCTION, TABLE, "dva-labs-orders-key", "a1b2c3:prod");
        int timeout = 10;
        int memory = 256;
        List<String> onTable = List.of("dynamodb:PutItem", "dynamodb:GetItem");
        List<String> otherActions = List.of();
        List<String> elsewhere = List.of();
        Fact<List<String>> invokers = Fact.of(List.of("POST /orders", "GET /orders/{id}"));
        Fact<Key> key = Fact.of(new Key("k3y-value", true));
        Fact<List<String>> filesNamingTable = Fact.of(List.of());
        List<String> logs = List.of("logs:CreateLogStream", "logs:PutLogEvents");
        Fact<List<Route>> routes = Fact.of(List.of(
                new Route("POST", "/orders", "AWS_PROXY", FUNCTION, true),
                new Route("GET", "/orders/{id}", "AWS_PROXY", FUNCTION, false)));
        Fact<Throttling> stage = Fact.of(new Throttling(10.0, 20));
        Fact<Plan> plan = Fact.of(new Plan(List.of("a1b2c3:prod"), List.of("dva-labs-orders-key")));
        Answer withoutKey = new Answer(403, JSON, "{\"message\":\"Forbidden\"}");
        Answer post = new Answer(201, JSON, ORDER);
        Answer get = new Answer(200, JSON, ORDER);
        Answer unknown = new Answer(404, JSON, "{\"message\":\"no such order\"}");
        String environmentTable = TABLE;
        boolean inEnvironmentTable = true;
        Fact<Exchange> exchange;
        Fact<String> logLines = Fact.of("found the lines of the invocation (request 1) in /aws/lambda/" + FUNCTION);

        Observed build() {
            FunctionConfiguration function = FunctionConfiguration.builder().functionName(FUNCTION).timeout(timeout)
                    .memorySize(memory).environment(e -> e.variables(Map.of("TABLE_NAME", TABLE))).build();
            Fact<Exchange> made = exchange != null ? exchange : Fact.of(new Exchange(withoutKey, post, get, unknown, ORDER,
                    environmentTable, inEnvironmentTable));
            return new Observed(expected, Fact.of(function), Fact.of(new Permissions(onTable, otherActions, elsewhere, logs)),
                    routes, stage, plan, made, logLines, invokers, key, filesNamingTable);
        }
    }

    @Override
    protected Stream<Mistake<Seen>> mistakes() {
        String noApi = "no REST API named dva-labs-orders-api";
        return Stream.of(
                wrong("api-routes", "no API at all", (Consumer<Seen>) s -> {
                    s.routes = Fact.refused(noApi);
                    s.stage = Fact.refused(noApi);
                    s.exchange = Fact.refused(noApi);
                    s.invokers = Fact.refused(noApi);
                }, "api-may-invoke", "order-roundtrip", "unknown-order-404", "table-from-environment", "post-needs-key", "stage-throttling"),
                wrong("api-routes", "GET integrated without proxy (AWS)", (Consumer<Seen>) s -> s.routes = Fact.of(List.of(
                        new Route("POST", "/orders", "AWS_PROXY", FUNCTION, true),
                        new Route("GET", "/orders/{id}", "AWS", FUNCTION, false)))),
                wrong("api-routes", "POST proxied to another function", (Consumer<Seen>) s -> s.routes = Fact.of(List.of(
                        new Route("POST", "/orders", "AWS_PROXY", "another-function", true),
                        new Route("GET", "/orders/{id}", "AWS_PROXY", FUNCTION, false)))),
                wrong("api-routes", "GET on /orders instead of /orders/{id}", (Consumer<Seen>) s -> s.routes = Fact.of(List.of(
                        new Route("POST", "/orders", "AWS_PROXY", FUNCTION, true),
                        new Route("GET", "/orders", "AWS_PROXY", FUNCTION, false)))),
                wrong("api-routes", "no stage prod", (Consumer<Seen>) s -> s.stage = Fact.refused("stage prod: NotFoundException: Invalid stage identifier specified"),
                        "stage-throttling"),
                wrong("api-may-invoke", "no resource policy on the function", (Consumer<Seen>) s -> s.invokers = Fact.refused(
                        "function " + FUNCTION + "'s resource policy: ResourceNotFoundException: The resource you requested does not exist.")),
                wrong("api-may-invoke", "a permission for GET only", (Consumer<Seen>) s ->
                        s.invokers = Fact.of(List.of("GET /orders/{id}"))),
                wrong("order-roundtrip", "GET answering without the field posted", (Consumer<Seen>) s ->
                        s.get = new Answer(200, JSON, "{\"id\":\"dva-labs-verify-1-order\"}")),
                wrong("order-roundtrip", "POST answering 200, not the 201 asked for", (Consumer<Seen>) s ->
                        s.post = new Answer(200, JSON, ORDER)),
                wrong("order-roundtrip", "POST failing in the function", (Consumer<Seen>) s -> {
                    s.post = new Answer(502, JSON, "{\"message\":\"Internal server error\"}");
                    s.inEnvironmentTable = false;
                }, "table-from-environment", "post-needs-key"),
                wrong("order-roundtrip", "GET answering the order as text, not JSON", (Consumer<Seen>) s ->
                        s.get = new Answer(200, "text/plain", "order dva-labs-verify-1-order")),
                wrong("unknown-order-404", "an unknown id answering 200 with null", (Consumer<Seen>) s ->
                        s.unknown = new Answer(200, JSON, "null")),
                wrong("unknown-order-404", "an unknown id answering 404 with text", (Consumer<Seen>) s ->
                        s.unknown = new Answer(404, "text/plain", "not found")),
                wrong("unknown-order-404", "an unknown id crashing the function", (Consumer<Seen>) s ->
                        s.unknown = new Answer(502, JSON, "{\"message\":\"Internal server error\"}")),
                wrong("table-from-environment", "no TABLE_NAME, the name in the code", (Consumer<Seen>) s ->
                        s.environmentTable = null),
                wrong("table-from-environment", "TABLE_NAME naming a table the code does not write to", (Consumer<Seen>) s ->
                        s.inEnvironmentTable = false),
                wrong("table-from-environment", "TABLE_NAME naming another table", (Consumer<Seen>) s ->
                        s.environmentTable = "orders-staging"),
                wrong("table-from-environment", "TABLE_NAME set, but the code writes the table's name", (Consumer<Seen>) s ->
                        s.filesNamingTable = Fact.of(List.of("lambda_function.py"))),
                wrong("role-table-actions", "ListTables on *", (Consumer<Seen>) s ->
                        s.otherActions = List.of("dynamodb:ListTables on *")),
                wrong("role-table-actions", "Query on the table's indexes", (Consumer<Seen>) s -> s.otherActions =
                        List.of("dynamodb:Query on arn:aws:dynamodb:us-east-1:123456789012:table/" + TABLE + "/index/any-index")),
                wrong("role-only-that-table", "GetItem and PutItem on the table's name in every region", (Consumer<Seen>) s ->
                        s.elsewhere = List.of("dynamodb:GetItem on arn:aws:dynamodb:eu-west-1:123456789012:table/" + TABLE)),
                wrong("role-table-actions", "dynamodb:* on the table", (Consumer<Seen>) s ->
                        s.onTable = List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteTable", "dynamodb:Scan")),
                wrong("role-table-actions", "no DynamoDB action at all", (Consumer<Seen>) s -> s.onTable = List.of()),
                wrong("role-only-that-table", "Resource *", (Consumer<Seen>) s ->
                        s.elsewhere = List.of("dynamodb:GetItem on arn:aws:dynamodb:us-east-1:123456789012:table/other")),
                wrong("role-writes-logs", "no log permission", (Consumer<Seen>) s -> s.logs = List.of("logs:CreateLogStream")),
                wrong("logs-reach-cloudwatch", "no line arriving", (Consumer<Seen>) s ->
                        s.logLines = Fact.of("no line of the invocation in /aws/lambda/" + FUNCTION + " after 40 s")),
                wrong("logs-reach-cloudwatch", "the log group deleted", (Consumer<Seen>) s ->
                        s.logLines = Fact.refused("log group /aws/lambda/" + FUNCTION + ": ResourceNotFoundException: The specified log group does not exist.")),
                wrong("function-settings", "the default timeout", (Consumer<Seen>) s -> s.timeout = 3),
                wrong("function-settings", "the default memory", (Consumer<Seen>) s -> s.memory = 128),
                wrong("post-needs-key", "the key disabled (ministack still accepts it)", (Consumer<Seen>) s ->
                        s.key = Fact.of(new Key("k3y-value", false))),
                wrong("post-needs-key", "POST open to anyone", (Consumer<Seen>) s -> s.withoutKey = new Answer(201, JSON, ORDER)),
                wrong("usage-plan", "the key not in the plan", (Consumer<Seen>) s ->
                        s.plan = Fact.of(new Plan(List.of("a1b2c3:prod"), List.of()))),
                wrong("usage-plan", "the plan on another stage", (Consumer<Seen>) s ->
                        s.plan = Fact.of(new Plan(List.of("a1b2c3:dev"), List.of("dva-labs-orders-key")))),
                wrong("usage-plan", "no plan", (Consumer<Seen>) s -> s.plan = Fact.refused("no usage plan named dva-labs-orders-plan")),
                wrong("stage-throttling", "rate and burst swapped", (Consumer<Seen>) s -> s.stage = Fact.of(new Throttling(20.0, 10))),
                wrong("stage-throttling", "POST's own setting loosening the stage's", (Consumer<Seen>) s -> s.stage = Fact.of(
                        new Throttling(10.0, 20, List.of(new MethodLimit("~1orders/POST", 5000.0, 10000))))),
                wrong("stage-throttling", "no method settings", (Consumer<Seen>) s -> s.stage = Fact.of(new Throttling(null, null))));
    }

    @Test
    @DisplayName("a path parameter named otherwise, GET wanting the key too, extra fields in the answer and a stricter POST pass")
    void rightButDifferentPasses() {
        Seen seen = new Seen();
        seen.routes = Fact.of(List.of(
                new Route("POST", "/orders", "AWS_PROXY", FUNCTION, true),
                new Route("GET", "/orders/{orderId}", "AWS_PROXY", FUNCTION, true),
                new Route("OPTIONS", "/orders", "MOCK", "", false)));
        seen.get = new Answer(200, JSON, "{\"id\":\"dva-labs-verify-1-order\",\"item\":\"book\",\"quantity\":\"2\",\"createdAt\":\"now\"}");
        seen.post = new Answer(201, JSON, "{}");
        seen.stage = Fact.of(new Throttling(10.0, 20, List.of(new MethodLimit("~1orders/POST", 5.0, 10),
                new MethodLimit("~1orders~1{id}/GET", null, null))));
        assertThat(judge(seen).ids(Status.FAIL)).isEmpty();
    }

    @Test
    @DisplayName("a path parameter spanning segments is not /orders/{id}")
    void greedyPathIsNotTheRoute() {
        assertThat(ServerlessApiVerifier.proxied(List.of(new Route("GET", "/orders/{proxy+}/x", "AWS_PROXY", FUNCTION, false)),
                "GET", "/orders/{id}", FUNCTION)).isFalse();
        assertThat(ServerlessApiVerifier.proxied(List.of(new Route("GET", "/orders/{orderId}", "AWS_PROXY", FUNCTION, false)),
                "GET", "/orders/{id}", FUNCTION)).isTrue();
    }

    @Test
    @DisplayName("on moto, the HTML 500 of a function it cannot run SKIPs the behaviour checks, and a function failing in JSON still FAILs")
    void motoDeviationCoversOnlyItsOwnAnswers() {
        Map<String, Deviation> moto = Catalog.load().find(new ServerlessApi().id()).orElseThrow().deviationsOn("moto");
        Answer html = new Answer(500, "text/html; charset=utf-8", "<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>");
        Answer bucket = new Answer(404, "application/xml", "<Error><Code>NoSuchBucket</Code><BucketName>restapis</BucketName></Error>");
        Seen onMoto = new Seen();
        onMoto.withoutKey = html;
        onMoto.post = html;
        onMoto.get = bucket;
        onMoto.unknown = bucket;
        onMoto.inEnvironmentTable = false;
        Report skipped = Verification.judge("checks", checks(), onMoto.build(), "moto", moto);
        assertThat(skipped.ids(Status.SKIP)).containsExactlyInAnyOrder("order-roundtrip", "unknown-order-404",
                "table-from-environment", "post-needs-key");
        assertThat(skipped.ids(Status.FAIL)).isEmpty();

        Answer json = new Answer(502, JSON, "{\"message\": \"Internal server error\"}");
        Seen failing = new Seen();
        failing.withoutKey = json;
        failing.post = json;
        failing.get = new Answer(404, JSON, "{\"message\": \"no such order\"}");
        failing.unknown = json;
        failing.inEnvironmentTable = false;
        Report judged = Verification.judge("checks", checks(), failing.build(), "moto", moto);
        assertThat(judged.ids(Status.FAIL)).containsExactlyInAnyOrder("order-roundtrip", "unknown-order-404",
                "table-from-environment", "post-needs-key");
        assertThat(judged.ids(Status.SKIP)).isEmpty();
    }
}
