package dev.dvalabs.exercises.serverlessapi;

import dev.dvalabs.exercises.serverlessapi.ServerlessApiVerifier.Expected;
import dev.dvalabs.exercises.serverlessapi.ServerlessApiVerifier.LogSighting;
import dev.dvalabs.exercises.serverlessapi.ServerlessApiVerifier.Observed;
import dev.dvalabs.exercises.serverlessapi.ServerlessApiVerifier.Permissions;
import dev.dvalabs.probe.ApiKey;
import dev.dvalabs.probe.LogGroup;
import dev.dvalabs.probe.RestApi;
import dev.dvalabs.probe.Role;
import dev.dvalabs.probe.UsagePlan;
import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Session;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.arns.Arn;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;

/** One observation of the learner's serverless API: configuration read through the APIs, behaviour through HTTP. */
final class ServerlessApiProbe {

    /** How long CloudWatch Logs may take to show an invocation's lines (AWS: seconds, now and then more). */
    static final Duration LOGS_DEADLINE = Duration.ofSeconds(40);
    /** START lines read at most: a quarter hour of a busy learner's function, not its whole history. */
    static final int STARTS_READ = 10_000;

    private final Session session;
    private final Duration apiTimeout;

    ServerlessApiProbe(Session session, Duration apiTimeout) {
        this.session = session;
        this.apiTimeout = apiTimeout;
    }

    Observed observe() {
        String functionName = session.name("function");
        LambdaClient lambda = session.client(LambdaClient.class);
        ApiGatewayClient gateway = session.client(ApiGatewayClient.class);
        Fact<FunctionConfiguration> function = Fact.about("function " + functionName,
                () -> lambda.getFunction(r -> r.functionName(functionName)).configuration());
        Fact<Permissions> permissions = function.then(this::permissions);
        Fact<RestApi> api = RestApi.named(gateway, session.name("api"));
        Fact<RestApi.Stage> stage = api.then(a -> a.stage(gateway, ServerlessApiVerifier.STAGE));
        Fact<ApiKey> key = ApiKey.named(gateway, session.name("apiKey"));
        String environmentTable = function.map(ServerlessApiProbe::environmentTable).orElse(null);
        Fact<ServerlessApiVerifier.Exchange> exchange = api.then(a -> Fact.observe(() -> new Orders(session, apiTimeout)
                .exchange(a.id(), Optional.ofNullable(key.map(ApiKey::value).orElse(null)), environmentTable)));
        Fact<List<String>> invokers = function.then(f -> api.then(a -> Fact.about("function " + functionName + "'s resource policy",
                () -> InvokePermission.routesAllowed(lambda.getPolicy(r -> r.functionName(functionName)).policy(),
                        f.functionArn(), a.id(), ServerlessApiVerifier.STAGE, ServerlessApiVerifier.ROUTES))));
        Fact<List<String>> code = function.then(f -> filesNamingTable(lambda, functionName));
        Fact<LogSighting> logs = function.then(f -> Fact.about("log group /aws/lambda/" + functionName,
                () -> logs(lambda, functionName)));
        Expected expected = new Expected(functionName, session.name("table"), session.name("apiKey"),
                api.map(RestApi::id).orElse("(no API)") + ":" + ServerlessApiVerifier.STAGE);
        return new Observed(expected, function, permissions, api.map(RestApi::routes), stage,
                UsagePlan.named(gateway, session.name("usagePlan")), exchange, logs, invokers, key, code);
    }

    private static String environmentTable(FunctionConfiguration function) {
        return function.environment() == null || function.environment().variables() == null ? null
                : function.environment().variables().get(ServerlessApiVerifier.TABLE_VARIABLE);
    }

    /** The files of the function's zip package that contain the table's name; a package that cannot be read is said so. */
    private Fact<List<String>> filesNamingTable(LambdaClient lambda, String functionName) {
        String subject = "function " + functionName + "'s code";
        return Fact.about(subject, () -> Optional.ofNullable(lambda.getFunction(r -> r.functionName(functionName)).code().location()))
                .then(location -> {
                    if (location.isEmpty()) {
                        return Fact.missing(subject + ": not a zip package (a container image?), so it cannot be read for the table's name");
                    }
                    try {
                        return Fact.of(DeploymentPackage.filesNaming(URI.create(location.get()), session.name("table")));
                    } catch (UncheckedIOException | IllegalStateException e) {
                        return Fact.refused(subject + ": " + e.getMessage());
                    }
                });
    }

    private Fact<Permissions> permissions(FunctionConfiguration function) {
        String table = session.name("table");
        Fact<String> tableArn = Fact.about("table " + table,
                () -> session.client(DynamoDbClient.class).describeTable(r -> r.tableName(table)).table().tableArn());
        return Role.ofArn(session.client(IamClient.class), function.role()).then(role -> tableArn.map(arn -> {
            TableGrants grants = new TableGrants(role.policies(), role.arn());
            Arn parsed = Arn.fromString(arn);
            String logStream = "arn:" + parsed.partition() + ":logs:" + parsed.region().orElse(session.target().region().id()) + ":"
                    + parsed.accountId().orElse("") + ":log-group:/aws/lambda/" + function.functionName()
                    + ":log-stream:2026/01/01/[$LATEST]0123456789abcdef";
            return new Permissions(grants.onTable(arn), grants.otherActions(arn, ServerlessApiVerifier.TABLE_ACTIONS),
                    grants.elsewhere(arn, session.marker().value()), grants.logs(logStream, ServerlessApiVerifier.LOG_ACTIONS));
        }));
    }

    /**
     * Invokes the function directly, with an API Gateway GET of an id nobody stored (it writes nothing),
     * and waits for the START line of an invocation the log group did not hold before the call. Not by
     * the call's request id: ministack answers Invoke with a request id of its own, not the function's.
     * Any new invocation's lines prove the same thing, that the function's logs reach the group.
     */
    private LogSighting logs(LambdaClient lambda, String functionName) {
        String group = "/aws/lambda/" + functionName;
        Instant since = session.now().minus(Duration.ofMinutes(15));
        Set<String> before = starts(group, since);
        String id = session.marker().value() + "-logs";
        String event = "{\"httpMethod\":\"GET\",\"resource\":\"/orders/{id}\",\"path\":\"/orders/" + id + "\","
                + "\"pathParameters\":{\"id\":\"" + id + "\"},\"headers\":{},\"body\":null}";
        lambda.invoke(r -> r.functionName(functionName).payload(SdkBytes.fromUtf8String(event)));
        Optional<String> fresh = session.poll(LOGS_DEADLINE, Duration.ofMillis(500))
                .until(() -> starts(group, since).stream().filter(request -> !before.contains(request)).findFirst());
        return new LogSighting(group, fresh.orElse(null), LOGS_DEADLINE);
    }

    /** The request ids of the START lines in the group since then; none when the group does not exist yet. */
    private Set<String> starts(String group, Instant since) {
        return LogGroup.events(session, group, since, "START", STARTS_READ).stream().map(LogGroup.Event::message)
                .filter(m -> m.startsWith("START RequestId: "))
                .map(m -> m.substring("START RequestId: ".length()).split("\\s")[0]).collect(Collectors.toSet());
    }
}
