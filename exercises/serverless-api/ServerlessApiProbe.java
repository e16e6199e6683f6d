package dev.dvalabs.exercises.serverlessapi;

import dev.dvalabs.exercises.serverlessapi.ApiShape.Key;
import dev.dvalabs.exercises.serverlessapi.ApiShape.Plan;
import dev.dvalabs.exercises.serverlessapi.ApiShape.Route;
import dev.dvalabs.exercises.serverlessapi.ApiShape.Throttling;
import dev.dvalabs.exercises.serverlessapi.Http.Answer;
import dev.dvalabs.exercises.serverlessapi.ServerlessApiVerifier.Exchange;
import dev.dvalabs.exercises.serverlessapi.ServerlessApiVerifier.Expected;
import dev.dvalabs.exercises.serverlessapi.ServerlessApiVerifier.Observed;
import dev.dvalabs.exercises.serverlessapi.ServerlessApiVerifier.Permissions;
import dev.dvalabs.probe.Iam;
import dev.dvalabs.targets.Target;
import dev.dvalabs.probe.DynamoDb;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.RunMarker;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.arns.Arn;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;

/** One observation of the learner's serverless API: configuration read through the APIs, behaviour through HTTP. */
final class ServerlessApiProbe {

    /** How long CloudWatch Logs may take to show an invocation's lines (AWS: seconds, now and then more). */
    static final Duration LOGS_DEADLINE = Duration.ofSeconds(40);

    private final Target target;
    private final Map<String, String> names;
    private final OwnOrders orders;
    private final String run = RunMarker.start().value();

    ServerlessApiProbe(Target target, Map<String, String> names, OwnOrders orders) {
        this.target = target;
        this.names = names;
        this.orders = orders;
    }

    Observed observe() {
        String functionName = names.get("function");
        try (LambdaClient lambda = target.client(LambdaClient.builder());
             ApiGatewayClient gateway = target.client(ApiGatewayClient.builder())) {
            Fact<FunctionConfiguration> function = Fact.about("function " + functionName,
                    () -> lambda.getFunction(r -> r.functionName(functionName)).configuration());
            Fact<Permissions> permissions = function.refused() ? function.as() : permissions(function.value());
            ApiShape shape = new ApiShape(gateway);
            Optional<String> apiId = shape.apiId(names.get("api"));
            String missing = "no REST API named " + names.get("api");
            Fact<List<Route>> routes = apiId.map(id -> Fact.about("API " + names.get("api"), () -> shape.routes(id)))
                    .orElse(Fact.refused(missing));
            Fact<Throttling> stage = apiId.map(id -> Fact.about("stage " + ServerlessApiVerifier.STAGE,
                    () -> ApiShape.throttling(shape.stage(id, ServerlessApiVerifier.STAGE)))).orElse(Fact.refused(missing));
            Fact<Plan> plan = usagePlan(shape);
            Optional<Key> key = shape.key(names.get("apiKey"));
            Fact<Key> keyFact = key.map(Fact::of).orElse(Fact.refused("no API key named " + names.get("apiKey")));
            Fact<Exchange> exchange = apiId.isEmpty() ? Fact.refused(missing)
                    : Fact.observe(() -> exchange(apiId.get(), key.map(Key::value), function));
            Fact<List<String>> invokers = function.refused() ? function.as() : apiId.isEmpty() ? Fact.refused(missing)
                    : Fact.about("function " + functionName + "'s resource policy", () -> InvokePermission.routesAllowed(
                            lambda.getPolicy(r -> r.functionName(functionName)).policy(), function.value().functionArn(),
                            apiId.get(), ServerlessApiVerifier.STAGE, ServerlessApiVerifier.ROUTES));
            Fact<List<String>> code = function.refused() ? function.as() : filesNamingTable(lambda, functionName);
            Fact<String> logs = function.refused() ? function.as() : Fact.about("log group /aws/lambda/" + functionName,
                    () -> logs(lambda, functionName));
            Expected expected = new Expected(functionName, names.get("table"), names.get("apiKey"),
                    apiId.orElse("(no API)") + ":" + ServerlessApiVerifier.STAGE);
            return new Observed(expected, function, permissions, routes, stage, plan, exchange, logs, invokers, keyFact, code);
        } finally {
            orders.removeAll();
        }
    }

    /** The files of the function's zip package that contain the table's name; a package that cannot be read is said so. */
    private Fact<List<String>> filesNamingTable(LambdaClient lambda, String functionName) {
        String subject = "function " + functionName + "'s code";
        Fact<String> location = Fact.about(subject, () -> lambda.getFunction(r -> r.functionName(functionName)).code().location());
        if (location.refused()) {
            return location.as();
        }
        if (location.value() == null) {
            return Fact.refused(subject + ": not a zip package (a container image?), so it cannot be read for the table's name");
        }
        try {
            return Fact.of(DeploymentPackage.filesNaming(URI.create(location.value()), names.get("table")));
        } catch (UncheckedIOException | IllegalStateException e) {
            return Fact.refused(subject + ": " + e.getMessage());
        }
    }

    private Fact<Plan> usagePlan(ApiShape shape) {
        String name = names.get("usagePlan");
        Fact<Optional<Plan>> plan = Fact.about("usage plans", () -> shape.plan(name));
        if (plan.refused()) {
            return plan.as();
        }
        return plan.value().map(Fact::of).orElse(Fact.refused("no usage plan named " + name));
    }

    private Fact<Permissions> permissions(FunctionConfiguration function) {
        String roleName = function.role().substring(function.role().lastIndexOf('/') + 1);
        String table = names.get("table");
        try (IamClient iam = target.client(IamClient.builder());
             DynamoDbClient dynamo = target.client(DynamoDbClient.builder())) {
            Fact<List<String>> documents = Fact.about("role " + roleName, () -> new Iam(iam).rolePolicies(roleName));
            Fact<String> tableArn = Fact.about("table " + table, () -> dynamo.describeTable(r -> r.tableName(table)).table().tableArn());
            if (documents.refused()) {
                return documents.as();
            }
            if (tableArn.refused()) {
                return tableArn.as();
            }
            TableGrants grants = new TableGrants(documents.value(), function.role());
            Arn arn = Arn.fromString(tableArn.value());
            String logStream = "arn:" + arn.partition() + ":logs:" + arn.region().orElse(target.region().id()) + ":"
                    + arn.accountId().orElse("") + ":log-group:/aws/lambda/" + function.functionName()
                    + ":log-stream:2026/01/01/[$LATEST]0123456789abcdef";
            return Fact.of(new Permissions(grants.onTable(tableArn.value()),
                    grants.otherActions(tableArn.value(), ServerlessApiVerifier.TABLE_ACTIONS),
                    grants.elsewhere(tableArn.value(), run), grants.logs(logStream, ServerlessApiVerifier.LOG_ACTIONS)));
        }
    }

    private Exchange exchange(String apiId, Optional<String> key, Fact<FunctionConfiguration> function) {
        String environmentTable = function.refused() || function.value().environment() == null ? null
                : function.value().environment().variables().get(ServerlessApiVerifier.TABLE_VARIABLE);
        orders.in(target, names.get("table"), environmentTable);
        removeLeftovers(names.get("table"), environmentTable);
        Http http = new Http();
        String stage = ServerlessApiVerifier.STAGE;
        String unkeyed = order(run + "-unkeyed");
        Answer withoutKey = orders.post(run + "-unkeyed", () -> http.post(target.executeApi(apiId, stage, "orders"),
                unkeyed, Optional.empty()));
        String posted = order(run + "-order");
        Answer post = orders.post(run + "-order", () -> http.post(target.executeApi(apiId, stage, "orders"), posted, key));
        Answer get = http.get(target.executeApi(apiId, stage, "orders/" + run + "-order"), key);
        Answer unknown = http.get(target.executeApi(apiId, stage, "orders/" + run + "-missing"), key);
        boolean stored = environmentTable != null && stored(environmentTable, run + "-order");
        return new Exchange(withoutKey, post, get, unknown, posted, environmentTable, stored);
    }

    /** Removes the orders of an earlier verify that was killed before its own cleanup, so none stays for good. */
    private void removeLeftovers(String... tables) {
        try (DynamoDbClient dynamo = target.client(DynamoDbClient.builder())) {
            for (String table : new LinkedHashSet<>(Arrays.asList(tables))) {
                if (table == null) {
                    continue;
                }
                try {
                    DynamoDb.removeLeftovers(dynamo, dynamo.describeTable(r -> r.tableName(table)).table());
                } catch (AwsServiceException e) {
                    // Missing, or not allowed to scan or delete: the leftovers stay, and the checks judge only this run's orders.
                }
            }
        }
    }

    private static String order(String id) {
        return "{\"id\":\"" + id + "\",\"item\":\"dva-labs verify order\",\"quantity\":\"2\"}";
    }

    /** Whether the order is in the table; a table that is missing or keyed otherwise holds none. */
    private boolean stored(String table, String id) {
        try (DynamoDbClient dynamo = target.client(DynamoDbClient.builder())) {
            return dynamo.getItem(r -> r.tableName(table).key(Map.of("id", AttributeValue.fromS(id))).consistentRead(true))
                    .hasItem();
        } catch (AwsServiceException e) {
            return false;
        }
    }

    /**
     * Invokes the function directly, with an API Gateway GET of an id nobody stored (it writes nothing),
     * and waits for the START line of an invocation the log group did not hold before the call. Not by
     * the call's request id: ministack answers Invoke with a request id of its own, not the function's.
     * Any new invocation's lines prove the same thing, that the function's logs reach the group.
     */
    private String logs(LambdaClient lambda, String functionName) {
        String group = "/aws/lambda/" + functionName;
        try (CloudWatchLogsClient logs = target.client(CloudWatchLogsClient.builder())) {
            long since = Instant.now().minus(Duration.ofMinutes(15)).toEpochMilli();
            Set<String> before = starts(logs, group, since);
            String event = "{\"httpMethod\":\"GET\",\"resource\":\"/orders/{id}\",\"path\":\"/orders/" + run + "-logs\","
                    + "\"pathParameters\":{\"id\":\"" + run + "-logs\"},\"headers\":{},\"body\":null}";
            lambda.invoke(r -> r.functionName(functionName).payload(SdkBytes.fromUtf8String(event)));
            Instant deadline = Instant.now().plus(LOGS_DEADLINE);
            while (true) {
                Optional<String> fresh = starts(logs, group, since).stream().filter(id -> !before.contains(id)).findFirst();
                if (fresh.isPresent()) {
                    return "found the lines of the invocation (request " + fresh.get() + ") in " + group;
                }
                if (Instant.now().isAfter(deadline)) {
                    return "no line of the invocation in " + group + " after " + LOGS_DEADLINE.toSeconds() + " s";
                }
                sleep(Duration.ofMillis(500));
            }
        }
    }

    /** The request ids of the START lines in the group since then; none when the group does not exist yet. */
    private static Set<String> starts(CloudWatchLogsClient logs, String group, long since) {
        try {
            return logs.filterLogEventsPaginator(r -> r.logGroupName(group).startTime(since).filterPattern("START"))
                    .events().stream().map(e -> e.message().trim()).filter(m -> m.startsWith("START RequestId: "))
                    .map(m -> m.substring("START RequestId: ".length()).split("\\s")[0]).collect(Collectors.toSet());
        } catch (ResourceNotFoundException e) {
            return Set.of();
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the function's logs", e);
        }
    }
}
