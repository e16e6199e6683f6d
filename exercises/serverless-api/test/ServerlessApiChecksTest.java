package dev.dvalabs.exercises.serverlessapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.probe.ApiKey;
import dev.dvalabs.probe.Http.Answer;
import dev.dvalabs.probe.RestApi.MethodLimit;
import dev.dvalabs.probe.RestApi.Route;
import dev.dvalabs.probe.RestApi.Stage;
import dev.dvalabs.probe.RestApi.Throttling;
import dev.dvalabs.probe.UsagePlan;
import dev.dvalabs.exercises.serverlessapi.ServerlessApiVerifier.Exchange;
import dev.dvalabs.exercises.serverlessapi.ServerlessApiVerifier.LogSighting;
import dev.dvalabs.exercises.serverlessapi.ServerlessApiVerifier.Expected;
import dev.dvalabs.exercises.serverlessapi.ServerlessApiVerifier.Observed;
import dev.dvalabs.exercises.serverlessapi.ServerlessApiVerifier.Permissions;
import dev.dvalabs.exercise.Catalog;
import dev.dvalabs.testing.ChecksContract;
import dev.dvalabs.verify.Deviation;
import dev.dvalabs.verify.Report;
import dev.dvalabs.verify.Verification;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Names;
import dev.dvalabs.verify.Status;
import java.time.Duration;
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
        Fact<ApiKey> key = Fact.of(new ApiKey("k1", "dva-labs-orders-key", "k3y-value", true));
        Fact<List<String>> filesNamingTable = Fact.of(List.of());
        List<String> logs = List.of("logs:CreateLogStream", "logs:PutLogEvents");
        Fact<List<Route>> routes = Fact.of(List.of(
                new Route("POST", "/orders", "AWS_PROXY", FUNCTION, true),
                new Route("GET", "/orders/{id}", "AWS_PROXY", FUNCTION, false)));
        Fact<Stage> stage = Fact.of(stage(10.0, 20));
        Fact<UsagePlan> plan = Fact.of(plan(List.of("a1b2c3:prod"), List.of("dva-labs-orders-key")));
        Answer withoutKey = Answer.of(403, JSON, "{\"message\":\"Forbidden\"}");
        Answer post = Answer.of(201, JSON, ORDER);
        Answer get = Answer.of(200, JSON, ORDER);
        Answer unknown = Answer.of(404, JSON, "{\"message\":\"no such order\"}");
        String orderId = "dva-labs-verify-1-order";
        String environmentTable = TABLE;
        boolean inEnvironmentTable = true;
        Fact<Exchange> exchange;
        Fact<LogSighting> logLines = Fact.of(new LogSighting("/aws/lambda/" + FUNCTION, "1", Duration.ofSeconds(40)));

        Observed build() {
            FunctionConfiguration function = FunctionConfiguration.builder().functionName(FUNCTION).timeout(timeout)
                    .memorySize(memory).environment(e -> e.variables(Map.of("TABLE_NAME", TABLE))).build();
            Fact<Exchange> made = exchange != null ? exchange : Fact.of(new Exchange(withoutKey, post, get, unknown, ORDER,
                    orderId, environmentTable, inEnvironmentTable));
            return new Observed(expected, Fact.of(function), Fact.of(new Permissions(onTable, otherActions, elsewhere, logs)),
                    routes, stage, plan, made, logLines, invokers, key, filesNamingTable);
        }
    }

    static Stage stage(Double rate, Integer burst) {
        return new Stage("prod", new Throttling(rate, burst), List.of());
    }

    static UsagePlan plan(List<String> stages, List<String> keys) {
        return new UsagePlan("p1", "dva-labs-orders-plan", stages, keys);
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
                        s.get = Answer.of(200, JSON, "{\"id\":\"dva-labs-verify-1-order\"}")),
                wrong("order-roundtrip", "POST answering 200, not the 201 asked for", (Consumer<Seen>) s ->
                        s.post = Answer.of(200, JSON, ORDER)),
                wrong("order-roundtrip", "POST failing in the function", (Consumer<Seen>) s -> {
                    s.post = Answer.of(502, JSON, "{\"message\":\"Internal server error\"}");
                    s.inEnvironmentTable = false;
                }, "table-from-environment", "post-needs-key"),
                wrong("order-roundtrip", "a function too slow for the API to answer", (Consumer<Seen>) s -> {
                    s.post = Answer.none("http://api/orders", "the API did not answer within 30 s");
                    s.get = Answer.of(404, JSON, "{\"message\":\"no such order\"}");
                    s.inEnvironmentTable = false;
                }, "table-from-environment", "post-needs-key"),
                wrong("order-roundtrip", "GET answering the order as text, not JSON", (Consumer<Seen>) s ->
                        s.get = Answer.of(200, "text/plain", "order dva-labs-verify-1-order")),
                wrong("unknown-order-404", "an unknown id answering 200 with null", (Consumer<Seen>) s ->
                        s.unknown = Answer.of(200, JSON, "null")),
                wrong("unknown-order-404", "an unknown id answering 404 with text", (Consumer<Seen>) s ->
                        s.unknown = Answer.of(404, "text/plain", "not found")),
                wrong("unknown-order-404", "an unknown id crashing the function", (Consumer<Seen>) s ->
                        s.unknown = Answer.of(502, JSON, "{\"message\":\"Internal server error\"}")),
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
                        s.logLines = Fact.of(new LogSighting("/aws/lambda/" + FUNCTION, null, Duration.ofSeconds(40)))),
                wrong("logs-reach-cloudwatch", "the log group deleted", (Consumer<Seen>) s ->
                        s.logLines = Fact.refused("log group /aws/lambda/" + FUNCTION + ": ResourceNotFoundException: The specified log group does not exist.")),
                wrong("function-settings", "the default timeout", (Consumer<Seen>) s -> s.timeout = 3),
                wrong("function-settings", "the default memory", (Consumer<Seen>) s -> s.memory = 128),
                wrong("post-needs-key", "the key disabled (ministack still accepts it)", (Consumer<Seen>) s ->
                        s.key = Fact.of(new ApiKey("k1", "dva-labs-orders-key", "k3y-value", false))),
                wrong("post-needs-key", "POST open to anyone", (Consumer<Seen>) s -> s.withoutKey = Answer.of(201, JSON, ORDER)),
                wrong("usage-plan", "the key not in the plan", (Consumer<Seen>) s ->
                        s.plan = Fact.of(plan(List.of("a1b2c3:prod"), List.of()))),
                wrong("usage-plan", "the plan on another stage", (Consumer<Seen>) s ->
                        s.plan = Fact.of(plan(List.of("a1b2c3:dev"), List.of("dva-labs-orders-key")))),
                wrong("usage-plan", "no plan", (Consumer<Seen>) s -> s.plan = Fact.refused("no usage plan named dva-labs-orders-plan")),
                wrong("stage-throttling", "rate and burst swapped", (Consumer<Seen>) s -> s.stage = Fact.of(stage(20.0, 10))),
                wrong("stage-throttling", "POST's own setting loosening the stage's", (Consumer<Seen>) s -> s.stage = Fact.of(
                        new Stage("prod", new Throttling(10.0, 20), List.of(new MethodLimit("~1orders/POST", 5000.0, 10000))))),
                wrong("stage-throttling", "no method settings", (Consumer<Seen>) s -> s.stage = Fact.of(stage(null, null))));
    }

    @Test
    @DisplayName("a path parameter named otherwise, GET wanting the key too, extra fields in the answer and a stricter POST pass")
    void rightButDifferentPasses() {
        Seen seen = new Seen();
        seen.routes = Fact.of(List.of(
                new Route("POST", "/orders", "AWS_PROXY", FUNCTION, true),
                new Route("GET", "/orders/{orderId}", "AWS_PROXY", FUNCTION, true),
                new Route("OPTIONS", "/orders", "MOCK", "", false)));
        seen.get = Answer.of(200, JSON, "{\"id\":\"dva-labs-verify-1-order\",\"item\":\"book\",\"quantity\":\"2\",\"createdAt\":\"now\"}");
        seen.post = Answer.of(201, JSON, "{}");
        seen.stage = Fact.of(new Stage("prod", new Throttling(10.0, 20), List.of(new MethodLimit("~1orders/POST", 5.0, 10),
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
        Answer html = Answer.of(500, "text/html; charset=utf-8", "<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>");
        Answer bucket = Answer.of(404, "application/xml", "<Error><Code>NoSuchBucket</Code><BucketName>restapis</BucketName></Error>");
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

        Answer json = Answer.of(502, JSON, "{\"message\": \"Internal server error\"}");
        Seen failing = new Seen();
        failing.withoutKey = json;
        failing.post = json;
        failing.get = Answer.of(404, JSON, "{\"message\": \"no such order\"}");
        failing.unknown = json;
        failing.inEnvironmentTable = false;
        Report judged = Verification.judge("checks", checks(), failing.build(), "moto", moto);
        assertThat(judged.ids(Status.FAIL)).containsExactlyInAnyOrder("order-roundtrip", "unknown-order-404",
                "table-from-environment", "post-needs-key");
        assertThat(judged.ids(Status.SKIP)).isEmpty();
    }

    @Test
    @DisplayName("an API that does not answer in time FAILs order-roundtrip saying it did not answer within the wait, never ERROR")
    void slowApiIsAFailThatSaysSo() {
        Seen seen = new Seen();
        seen.post = Answer.none("http://api/orders", "the API did not answer within 30 s");
        seen.withoutKey = Answer.none("http://api/orders", "the API did not answer within 30 s");
        Report report = judge(seen);
        assertThat(report.ids(Status.ERROR)).isEmpty();
        assertThat(report.outcome("order-roundtrip").status()).isEqualTo(Status.FAIL);
        assertThat(report.outcome("order-roundtrip").result().observed()).contains("the API did not answer within 30 s");
        assertThat(report.outcome("post-needs-key").result().observed()).contains("without the key the API did not answer within 30 s");
    }

    @Test
    @DisplayName("a function that gives the order an id of its own passes order-roundtrip when the GET of that id answers the order")
    void ownIdsPass() {
        Seen seen = new Seen();
        String stored = "{\"id\":\"7f3c\",\"item\":\"book\",\"quantity\":\"2\"}";
        seen.post = Answer.of(201, JSON, stored);
        seen.get = Answer.of(200, JSON, stored);
        seen.orderId = "7f3c";
        assertThat(judge(seen).ids(Status.FAIL)).isEmpty();
        seen.get = Answer.of(200, JSON, "{\"id\":\"7f3c\"}");
        assertThat(judge(seen).ids(Status.FAIL)).containsExactly("order-roundtrip");
    }

    @Test
    @DisplayName("hints and titles name the resources in force: --name table=orders-b puts orders-b in the hints, not the default")
    void hintsUseTheNamesInForce() {
        Map<String, String> declared = Catalog.load().find(new ServerlessApi().id()).orElseThrow().names();
        Seen seen = new Seen();
        seen.expected = new Expected(FUNCTION, "orders-b", "key-b", "a1b2c3:prod");
        seen.filesNamingTable = Fact.of(List.of("index.py"));
        Report report = Verification.judge("serverless-api", checks(), seen.build(), "local", Map.of(),
                Names.of(declared, Map.of("table", "orders-b", "apiKey", "key-b", "function", FUNCTION)));
        assertThat(report.outcome("table-from-environment").hint()).contains("TABLE_NAME to orders-b").doesNotContain("{table}");
        assertThat(report.outcome("role-only-that-table").hint()).contains("ARN of orders-b");
        assertThat(report.outcome("post-needs-key").hint()).contains("API key key-b");
        assertThat(report.outcome("usage-plan").hint()).contains("usage plan dva-labs-orders-plan").contains("API key key-b");
        assertThat(report.outcome("table-from-environment").result().expected()).contains("TABLE_NAME=orders-b");
    }
}
