package dev.dvalabs.probe;

import dev.dvalabs.verify.Fact;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.GetMethodResponse;
import software.amazon.awssdk.services.apigateway.model.GetStageResponse;
import software.amazon.awssdk.services.apigateway.model.MethodSetting;
import software.amazon.awssdk.services.apigateway.model.Resource;

/**
 * An API Gateway REST API, read once by name (a learner's API gets an id of its own): its id and its routes,
 * each with its integration; its stages are read on demand ({@link #stage}).
 */
public record RestApi(String id, String name, List<Route> routes) {

    private static final Pattern FUNCTION = Pattern.compile(":function:([^:/]+)");

    /** One method: "POST /orders", its integration type, the Lambda function it invokes ("" when none) and whether it wants a key. */
    public record Route(String method, String path, String integration, String function, boolean keyRequired) {
        @Override
        public String toString() {
            return method + " " + path + " -> " + integration + (function.isEmpty() ? "" : " " + function)
                    + (keyRequired ? " (API key)" : "");
        }
    }

    /**
     * A stage: its throttling for every method (the method settings {@code *}{@code /*}: rate per second and
     * burst, null when not set) and the settings of single methods ("orders/POST"), which replace it for their method.
     */
    public record Stage(String name, Throttling all, List<MethodLimit> methods) {

        /** Every method's own setting that lets more through than that rate or burst. */
        public List<MethodLimit> looserThan(double rate, int burst) {
            return methods.stream().filter(m -> m.rate() != null && m.rate() > rate || m.burst() != null && m.burst() > burst)
                    .toList();
        }

        static Stage of(GetStageResponse stage) {
            Map<String, MethodSetting> settings = stage.methodSettings() == null ? Map.of() : stage.methodSettings();
            MethodSetting all = settings.get("*/*");
            List<MethodLimit> methods = settings.entrySet().stream().filter(e -> !e.getKey().equals("*/*"))
                    .sorted(Map.Entry.comparingByKey())
                    .map(e -> new MethodLimit(e.getKey(), e.getValue().throttlingRateLimit(), e.getValue().throttlingBurstLimit()))
                    .toList();
            return new Stage(stage.stageName(), all == null ? new Throttling(null, null)
                    : new Throttling(all.throttlingRateLimit(), all.throttlingBurstLimit()), methods);
        }
    }

    /** A rate per second and a burst; null where not set. */
    public record Throttling(Double rate, Integer burst) {
        @Override
        public String toString() {
            return "rate " + rate + ", burst " + burst;
        }
    }

    /** One method's own throttling in a stage, as "orders/POST" names it. */
    public record MethodLimit(String method, Double rate, Integer burst) {
        @Override
        public String toString() {
            return method + ": rate " + rate + ", burst " + burst;
        }
    }

    /** The REST API of that name with its routes; refused "no REST API named ..." when there is none. */
    public static Fact<RestApi> named(ApiGatewayClient api, String name) {
        return Fact.about("API " + name, () -> api.getRestApisPaginator(r -> r.limit(500)).items().stream()
                        .filter(a -> name.equals(a.name())).findFirst()
                        .map(a -> Fact.of(new RestApi(a.id(), name, routes(api, a.id())))))
                .then(found -> found.orElse(Fact.missing("no REST API named " + name)));
    }

    /** The stage of that name; refused as API Gateway refuses it when there is none. */
    public Fact<Stage> stage(ApiGatewayClient api, String stage) {
        return Fact.about("stage " + stage, () -> Stage.of(api.getStage(r -> r.restApiId(id).stageName(stage))));
    }

    private static List<Route> routes(ApiGatewayClient api, String apiId) {
        List<Route> routes = new ArrayList<>();
        for (Resource resource : api.getResourcesPaginator(r -> r.restApiId(apiId).limit(500)).items()) {
            if (resource.resourceMethods() == null) {
                continue;
            }
            for (String verb : resource.resourceMethods().keySet()) {
                GetMethodResponse method = api.getMethod(r -> r.restApiId(apiId).resourceId(resource.id()).httpMethod(verb));
                String type = method.methodIntegration() == null ? "no integration" : method.methodIntegration().typeAsString();
                String uri = method.methodIntegration() == null ? null : method.methodIntegration().uri();
                Matcher function = FUNCTION.matcher(uri == null ? "" : uri);
                routes.add(new Route(verb, resource.path(), type, function.find() ? function.group(1) : "",
                        Boolean.TRUE.equals(method.apiKeyRequired())));
            }
        }
        return List.copyOf(routes);
    }
}
