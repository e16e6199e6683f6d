package dev.dvalabs.probe;

import dev.dvalabs.verify.Fact;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;

/** An API Gateway API key: the value a caller sends as {@code x-api-key}, and whether API Gateway accepts it. */
public record ApiKey(String id, String name, String value, boolean enabled) {

    /** The key of that name, with its value; refused "no API key named ..." when there is none. */
    public static Fact<ApiKey> named(ApiGatewayClient api, String name) {
        return Fact.about("API keys", () -> api.getApiKeysPaginator(r -> r.nameQuery(name).includeValues(true).limit(500))
                        .items().stream().filter(k -> name.equals(k.name())).findFirst()
                        .map(k -> new ApiKey(k.id(), name, k.value(), Boolean.TRUE.equals(k.enabled()))))
                .then(found -> found.map(Fact::of).orElse(Fact.missing("no API key named " + name)));
    }

    @Override
    public String toString() {
        return name + (enabled ? " (enabled)" : " (disabled)");
    }
}
