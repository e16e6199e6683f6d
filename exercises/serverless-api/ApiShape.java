package dev.dvalabs.exercises.serverlessapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.GetMethodResponse;
import software.amazon.awssdk.services.apigateway.model.MethodSetting;
import software.amazon.awssdk.services.apigateway.model.Resource;
import software.amazon.awssdk.services.apigateway.model.GetStageResponse;
import software.amazon.awssdk.services.apigateway.model.UsagePlan;

/**
 * A REST API as API Gateway describes it: its routes with their integration, the stage's throttling,
 * the usage plan and the key. Read by name, since a learner's API gets an id of its own.
 */
final class ApiShape {

    private static final Pattern FUNCTION = Pattern.compile(":function:([^:/]+)");

    /** One method: "POST /orders", its integration type, the function it invokes and whether it wants a key. */
    record Route(String method, String path, String integration, String function, boolean keyRequired) {
        @Override
        public String toString() {
            return method + " " + path + " -> " + integration + (function.isEmpty() ? "" : " " + function)
                    + (keyRequired ? " (API key)" : "");
        }
    }

    /**
     * The stage's throttling for every method (the method settings of all resources and methods, {@code *}{@code /*}):
     * rate per second and burst, null when not set; and the settings of single methods ("orders/POST"),
     * which replace it for their method.
     */
    record Throttling(Double rate, Integer burst, List<MethodLimit> methods) {
        Throttling(Double rate, Integer burst) {
            this(rate, burst, List.of());
        }

        /** Every method's own setting that lets more through than that rate or burst. */
        List<MethodLimit> looserThan(double rate, int burst) {
            return methods.stream().filter(m -> m.rate() != null && m.rate() > rate || m.burst() != null && m.burst() > burst)
                    .toList();
        }

        @Override
        public String toString() {
            return "rate " + rate + ", burst " + burst;
        }
    }

    /** One method's own throttling in the stage, as "orders/POST" names it. */
    record MethodLimit(String method, Double rate, Integer burst) {
        @Override
        public String toString() {
            return method + ": rate " + rate + ", burst " + burst;
        }
    }

    /** An API key: the value a caller sends as {@code x-api-key}, and whether API Gateway accepts it. */
    record Key(String value, boolean enabled) {}

    /** The usage plan: the API stages it covers ("api-id:stage") and the names of its keys. */
    record Plan(List<String> stages, List<String> keys) {
        @Override
        public String toString() {
            return "stages " + stages + ", keys " + keys;
        }
    }

    private final ApiGatewayClient api;

    ApiShape(ApiGatewayClient api) {
        this.api = api;
    }

    /** The id of the REST API of that name; empty when there is none. */
    Optional<String> apiId(String name) {
        return api.getRestApisPaginator(r -> r.limit(500)).items().stream().filter(a -> name.equals(a.name()))
                .map(a -> a.id()).findFirst();
    }

    List<Route> routes(String apiId) {
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

    GetStageResponse stage(String apiId, String stage) {
        return api.getStage(r -> r.restApiId(apiId).stageName(stage));
    }

    static Throttling throttling(GetStageResponse stage) {
        Map<String, MethodSetting> settings = stage.methodSettings() == null ? Map.of() : stage.methodSettings();
        MethodSetting all = settings.get("*/*");
        List<MethodLimit> methods = settings.entrySet().stream().filter(e -> !e.getKey().equals("*/*")).sorted(Map.Entry.comparingByKey())
                .map(e -> new MethodLimit(e.getKey(), e.getValue().throttlingRateLimit(), e.getValue().throttlingBurstLimit())).toList();
        return all == null ? new Throttling(null, null, methods)
                : new Throttling(all.throttlingRateLimit(), all.throttlingBurstLimit(), methods);
    }

    /** The key of that name; empty when there is none. */
    Optional<Key> key(String name) {
        return api.getApiKeysPaginator(r -> r.nameQuery(name).includeValues(true).limit(500)).items().stream()
                .filter(k -> name.equals(k.name())).map(k -> new Key(k.value(), Boolean.TRUE.equals(k.enabled()))).findFirst();
    }

    /** The usage plan of that name; empty when there is none. */
    Optional<Plan> plan(String name) {
        Optional<UsagePlan> plan = api.getUsagePlansPaginator(r -> r.limit(500)).items().stream()
                .filter(p -> name.equals(p.name())).findFirst();
        return plan.map(p -> new Plan(
                p.apiStages().stream().map(s -> s.apiId() + ":" + s.stage()).toList(),
                api.getUsagePlanKeysPaginator(r -> r.usagePlanId(p.id()).limit(500)).items().stream()
                        .map(k -> k.name()).toList()));
    }
}
