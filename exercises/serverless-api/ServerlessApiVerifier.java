package dev.dvalabs.exercises.serverlessapi;

import static dev.dvalabs.verify.Matcher.containsExactlyInAnyOrder;
import static dev.dvalabs.verify.Matcher.empty;
import static dev.dvalabs.verify.Matcher.eq;
import static dev.dvalabs.verify.Matcher.exists;
import static dev.dvalabs.verify.Matcher.isTrue;
import static dev.dvalabs.verify.Matcher.satisfies;

import dev.dvalabs.probe.ApiKey;
import dev.dvalabs.probe.Http.Answer;
import dev.dvalabs.probe.Json;
import dev.dvalabs.probe.RestApi.Route;
import dev.dvalabs.probe.RestApi.Stage;
import dev.dvalabs.probe.RestApi.Throttling;
import dev.dvalabs.probe.UsagePlan;
import dev.dvalabs.verify.Check;
import dev.dvalabs.verify.CheckResult;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Matcher;
import dev.dvalabs.verify.Session;
import dev.dvalabs.verify.Verifier;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;

/**
 * serverless-api: a REST API whose {@code POST /orders} (API key required) and {@code GET /orders/{id}}
 * reach one function through Lambda proxy integration, the function storing orders in the table its
 * environment names, under a role allowed exactly that. It calls the API as a client would, and reads
 * the function, its role, its logs, the stage and the usage plan. The orders it posts are journaled writes
 * of the session, removed however verify ends.
 */
public final class ServerlessApiVerifier implements Verifier<ServerlessApiVerifier.Observed> {

    static final String TABLE_VARIABLE = "TABLE_NAME";
    static final String STAGE = "prod";
    static final int TIMEOUT_SECONDS = 10;
    static final int MEMORY_MB = 256;
    static final int RATE_LIMIT = 10;
    static final int BURST_LIMIT = 20;
    static final List<String> TABLE_ACTIONS = List.of("dynamodb:GetItem", "dynamodb:PutItem");
    static final List<String> LOG_ACTIONS = List.of("logs:CreateLogStream", "logs:PutLogEvents");
    static final List<String> ROUTES = List.of("POST /orders", "GET /orders/{id}");
    /** How long a call to the API may take: API Gateway itself gives up on an integration after 29 s. */
    static final Duration API_TIMEOUT = Duration.ofSeconds(30);

    private final Duration apiTimeout;

    public ServerlessApiVerifier() {
        this(API_TIMEOUT);
    }

    /** A verifier that waits {@code apiTimeout} for an answer of the API, for a slow function in tests. */
    ServerlessApiVerifier(Duration apiTimeout) {
        this.apiTimeout = apiTimeout;
    }

    /** What the checks compare with: the names in force, and the API stage the plan should cover. */
    public record Expected(String function, String table, String apiKey, String apiStage) {}

    /** What the verifier saw; each fact is a value or what AWS answered instead. */
    public record Observed(
            Expected expected,
            Fact<FunctionConfiguration> function,
            Fact<Permissions> permissions,
            Fact<List<Route>> routes,
            Fact<Stage> stage,
            Fact<UsagePlan> plan,
            Fact<Exchange> exchange,
            Fact<LogSighting> logs,
            Fact<List<String>> invokers,
            Fact<ApiKey> key,
            Fact<List<String>> filesNamingTable) {}

    /**
     * What the execution role's policies allow, by the policy evaluator: which DynamoDB actions on the
     * table, which others on the table, its indexes and streams or {@code *}, which on any other table
     * (another name, a name that starts like it, another region), and which log-writing actions on the
     * function's log group.
     */
    public record Permissions(List<String> onTable, List<String> otherActions, List<String> elsewhere, List<String> logs) {}

    /**
     * The API called as a client would: a POST without the key, a POST with it, a GET of the order by the id
     * the POST answered (the id posted when it answered none), a GET of an id nobody stored; then the table
     * the function's environment names, read for the order.
     */
    public record Exchange(Answer withoutKey, Answer post, Answer get, Answer unknown, String postedOrder, String orderId,
                           String environmentTable, boolean inEnvironmentTable) {

        /**
         * Whether the POST answered 201 (Created, as the instructions ask), and the GET 200 with every field of
         * the order posted, as posted; the id excepted when the function gave the order one of its own.
         */
        RoundTrip roundTrip() {
            var posted = Json.object(postedOrder).orElseThrow();
            var got = Json.object(get.body());
            boolean ok = post.status() == 201 && get.status() == 200 && got.isPresent() && posted.properties().stream()
                    .filter(field -> !field.getKey().equals("id") || orderId.equals(field.getValue().asText()))
                    .allMatch(field -> field.getValue().equals(got.get().get(field.getKey())));
            if (!post.answered()) {
                return new RoundTrip("POST " + postedOrder + ": " + post, false);
            }
            return new RoundTrip("POST " + postedOrder + " answered " + post + ", then GET "
                    + (orderId.equals(posted.path("id").asText()) ? "" : "of " + orderId + " ") + "answered " + get, ok);
        }

        String keys() {
            return "without the key " + brief(withoutKey) + ", with it " + brief(post);
        }

        boolean keyRequired() {
            return withoutKey.status() == 403 && post.status() / 100 == 2;
        }

        String environment() {
            return environmentTable == null ? TABLE_VARIABLE + " not set"
                    : TABLE_VARIABLE + "=" + environmentTable + ", the order posted through the API "
                    + (inEnvironmentTable ? "is in it" : "is not in it (the POST answered " + brief(post) + ")");
        }

        /** A status, with the content type when the server failed: who failed shows in it (API Gateway answers JSON). */
        private static String brief(Answer answer) {
            return !answer.answered() ? answer.error()
                    : answer.status() + (answer.status() >= 500 ? " (" + answer.contentType() + ")" : "");
        }
    }

    /** A POST and the GET of what it posted, in words, and whether the order came back. */
    public record RoundTrip(String text, boolean ok) {
        @Override
        public String toString() {
            return text;
        }
    }

    /** Whether a new invocation's START line reached the log group within the wait; request null when none did. */
    public record LogSighting(String group, String request, Duration waited) {
        boolean found() {
            return request != null;
        }

        @Override
        public String toString() {
            return found() ? "the lines of the invocation (request " + request + ") in " + group
                    : "no line of the invocation in " + group + " after " + waited.toSeconds() + " s";
        }
    }

    @Override
    public List<Check<Observed>> checks() {
        return List.of(
                new Check<Observed>("api-routes", "POST /orders and GET /orders/{id} reach the function through Lambda proxy integration on stage prod",
                        "API Gateway: REST API, resources and methods, Lambda proxy integration, stages and deployments",
                        "Add to the API {api} the resource /orders with POST and /orders/{id} with GET, each integrated as LAMBDA_PROXY"
                                + " with the function {function}, and deploy the API to the stage prod. For each method: aws apigateway"
                                + " put-integration --rest-api-id API_ID --resource-id RESOURCE_ID --http-method POST --type AWS_PROXY"
                                + " --integration-http-method POST --uri arn:aws:apigateway:REGION:lambda:path/2015-03-31/functions/"
                                + "FUNCTION_ARN/invocations; in CDK, resource.addMethod(\"POST\", new LambdaIntegration(function))"
                                + " (proxy by default) and RestApiProps.deployOptions(StageOptions.stageName(\"prod\")).",
                        o -> {
                            CheckResult routes = o.routes().its("routes").should(satisfies("POST /orders and GET /orders/{id} -> AWS_PROXY "
                                    + o.expected().function(), r -> proxied(r, "POST", "/orders", o.expected().function())
                                    && proxied(r, "GET", "/orders/{id}", o.expected().function())));
                            // Without the API there is no stage to speak of: the API's absence is said once.
                            return o.routes().map(r -> CheckResult.all(routes, o.stage().its("stage " + STAGE).should(exists())))
                                    .orElse(routes);
                        })
                        .forTask(1),
                new Check<Observed>("api-may-invoke", "The function's resource policy lets API Gateway invoke it for both routes",
                        "Lambda: a resource-based policy says which services and accounts may invoke a function",
                        "Let only this API in: aws lambda add-permission --function-name {function} --statement-id apigateway"
                                + " --action lambda:InvokeFunction --principal apigateway.amazonaws.com --source-arn"
                                + " 'arn:aws:execute-api:REGION:ACCOUNT:API_ID/*'; in CDK, LambdaIntegration adds it, or"
                                + " Function.addPermission.",
                        o -> o.invokers().its("routes by which apigateway.amazonaws.com may invoke " + o.expected().function())
                                .should(containsExactlyInAnyOrder(ROUTES)))
                        .forTask(1),
                new Check<Observed>("order-roundtrip", "An order POSTed to /orders comes back from GET /orders/{id}",
                        "Lambda proxy integration: the function gets the whole request and answers statusCode, headers and body",
                        "POST stores the body (a JSON order with an id) with PutItem and answers 201; GET reads it with GetItem by the path's id and answers 200 with it as JSON.",
                        o -> o.exchange().its("", Exchange::roundTrip)
                                .should(satisfies("POST 201, then GET 200 with the order posted", RoundTrip::ok)))
                        .forTask(1),
                new Check<Observed>("unknown-order-404", "An id nobody stored answers 404 with a JSON body",
                        "Lambda proxy integration: the function chooses the status code",
                        "When GetItem finds no item, answer {\"statusCode\": 404, \"body\": json.dumps({...})}, not 200 or an error.",
                        o -> o.exchange().its("GET of an unknown id", Exchange::unknown)
                                .should(satisfies("404 with a JSON object", a -> a.status() == 404 && Json.object(a.body()).isPresent())))
                        .forTask(2),
                new Check<Observed>("table-from-environment", "The function finds its table through the environment variable TABLE_NAME",
                        "Lambda: environment variables keep configuration out of the code",
                        "Set the function's environment variable TABLE_NAME to {table} (aws lambda update-function-configuration"
                                + " --function-name {function} --environment Variables={TABLE_NAME={table}}; in CDK,"
                                + " FunctionProps.environment) and read os.environ[\"TABLE_NAME\"] in the code, with no table name"
                                + " written in it (not even as a default).",
                        o -> CheckResult.all(o.exchange().its("").should(new Matcher<>(TABLE_VARIABLE + "=" + o.expected().table()
                                        + ", the order posted through the API is in it", e -> o.expected().table().equals(e.environmentTable())
                                        && e.inEnvironmentTable(), Exchange::environment)),
                                o.filesNamingTable().its("files of the function's code naming " + o.expected().table()).should(empty())))
                        .forTask(3),
                new Check<Observed>("role-table-actions", "The execution role allows PutItem and GetItem on the table, and no other DynamoDB action",
                        "IAM: least privilege; a Lambda function acts with its execution role",
                        "Give the role one statement: Allow dynamodb:PutItem and dynamodb:GetItem on the ARN of {table}; not"
                                + " dynamodb:*, not ListTables or Query on an index, not a managed policy with more: aws iam"
                                + " put-role-policy --role-name {role} --policy-name orders-table --policy-document '{\"Version\":"
                                + "\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"dynamodb:PutItem\","
                                + "\"dynamodb:GetItem\"],\"Resource\":\"TABLE_ARN\"}]}'; in CDK, FunctionProps.initialPolicy"
                                + " or role.addToPolicy(PolicyStatement).",
                        o -> CheckResult.all(o.permissions().its("allowed on " + o.expected().table(), Permissions::onTable)
                                        .should(containsExactlyInAnyOrder(TABLE_ACTIONS)),
                                o.permissions().its("other DynamoDB actions allowed", Permissions::otherActions).should(empty())))
                        .forTask(4),
                new Check<Observed>("role-only-that-table", "The execution role allows no DynamoDB action on any other table",
                        "IAM: least privilege; a resource of * reaches every table in the account",
                        "Name the ARN of {table} as the Resource, not * and not a wildcard that other tables match.",
                        o -> o.permissions().its("allowed elsewhere", Permissions::elsewhere).should(empty()))
                        .forTask(4),
                new Check<Observed>("role-writes-logs", "The execution role may write the function's logs",
                        "Lambda: logs go to CloudWatch Logs when the execution role allows it",
                        "Attach AWSLambdaBasicExecutionRole, or allow logs:CreateLogStream and logs:PutLogEvents on the log group /aws/lambda/{function}.",
                        o -> o.permissions().its("logs actions on /aws/lambda/" + o.expected().function(), Permissions::logs)
                                .should(containsExactlyInAnyOrder(LOG_ACTIONS)))
                        .forTask(4),
                new Check<Observed>("logs-reach-cloudwatch", "An invocation's log lines reach CloudWatch Logs",
                        "CloudWatch Logs: a function's log group /aws/lambda/<function>, one stream per execution environment",
                        "Keep the log group /aws/lambda/{function} and let the role write to it; then read it with aws logs"
                                + " filter-log-events --log-group-name /aws/lambda/{function} --limit 20 (AWS CLI v1 has no logs tail).",
                        o -> o.logs().its("").should(satisfies("the invocation's lines in the log group", LogSighting::found)))
                        .forTask(4),
                new Check<Observed>("function-settings", "The function's timeout is 10 s and its memory 256 MB",
                        "Lambda: timeout (default 3 s, up to 15 min) and memory (128 MB to 10 GB, CPU grows with it)",
                        "Set Timeout to 10 and MemorySize to 256 on the function {function}: aws lambda"
                                + " update-function-configuration --function-name {function} --timeout 10 --memory-size 256;"
                                + " in CDK, FunctionProps.timeout(Duration.seconds(10)) and memorySize(256).",
                        o -> CheckResult.all(
                                o.function().its("timeout (s)", FunctionConfiguration::timeout).should(eq(TIMEOUT_SECONDS)),
                                o.function().its("memory (MB)", FunctionConfiguration::memorySize).should(eq(MEMORY_MB))))
                        .forTask(5),
                new Check<Observed>("post-needs-key", "POST /orders without an API key is refused with 403, and accepted with one",
                        "API Gateway: API keys, required per method",
                        "Set apiKeyRequired on the POST method (aws apigateway update-method --rest-api-id API_ID --resource-id"
                                + " RESOURCE_ID --http-method POST --patch-operations op=replace,path=/apiKeyRequired,value=true;"
                                + " in CDK, MethodOptions.apiKeyRequired(true)), create the API key {apiKey} enabled"
                                + " (aws apigateway create-api-key --name {apiKey} --enabled) and redeploy the stage.",
                        o -> CheckResult.all(o.exchange().its("POST").should(new Matcher<>("without the key 403, with it 2xx",
                                        Exchange::keyRequired, Exchange::keys)),
                                o.key().its("key " + o.expected().apiKey() + " enabled", ApiKey::enabled).should(isTrue())))
                        .forTask(6),
                new Check<Observed>("usage-plan", "A usage plan covers the API's prod stage and holds the key",
                        "API Gateway: usage plans tie API keys to stages, with throttling and quotas",
                        "Create the usage plan {usagePlan} with the stage prod of {api} (aws apigateway create-usage-plan --name"
                                + " {usagePlan} --api-stages apiId=API_ID,stage=prod) and add the API key {apiKey} to it (aws apigateway"
                                + " create-usage-plan-key --usage-plan-id PLAN_ID --key-id KEY_ID --key-type API_KEY); in CDK,"
                                + " UsagePlanProps.apiStages and UsagePlan.addApiKey.",
                        o -> o.plan().its("usage plan").should(satisfies("stages [" + o.expected().apiStage() + "], keys ["
                                + o.expected().apiKey() + "]", p -> p.stages().contains(o.expected().apiStage())
                                && p.keys().contains(o.expected().apiKey()))))
                        .forTask(6),
                new Check<Observed>("stage-throttling", "The prod stage throttles every method at 10 requests a second, bursts of 20",
                        "API Gateway: throttling, steady rate and burst; 429 Too Many Requests beyond them",
                        "In the stage prod's default method settings (*/*) set the rate limit 10 and the burst limit 20, and give"
                                + " no single method (orders/POST) a higher limit: aws apigateway update-stage --rest-api-id API_ID"
                                + " --stage-name prod --patch-operations 'op=replace,path=/*/*/throttling/rateLimit,value=10'"
                                + " 'op=replace,path=/*/*/throttling/burstLimit,value=20'; in CDK, StageOptions.throttlingRateLimit(10)"
                                + " and throttlingBurstLimit(20).",
                        o -> CheckResult.all(o.stage().its("*/* throttling", Stage::all)
                                        .should(eq(new Throttling((double) RATE_LIMIT, BURST_LIMIT))),
                                o.stage().its("methods throttled more loosely", t -> t.looserThan(RATE_LIMIT,
                                        BURST_LIMIT)).should(empty())))
                        .forTask(7));
    }

    /** Whether a route of that method, on that path (any name for the path parameter), proxies to the function. */
    static boolean proxied(List<Route> routes, String method, String path, String function) {
        String pattern = "\\Q" + path.replace("{id}", "\\E\\{[^/}]+\\}\\Q") + "\\E";
        return routes.stream().anyMatch(r -> r.method().equals(method) && r.path().matches(pattern)
                && r.integration().equals("AWS_PROXY") && r.function().equals(function));
    }

    @Override
    public Observed observe(Session session) {
        return new ServerlessApiProbe(session, apiTimeout).observe();
    }
}
