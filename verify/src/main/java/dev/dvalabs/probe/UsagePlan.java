package dev.dvalabs.probe;

import dev.dvalabs.verify.Fact;
import java.util.List;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;

/** An API Gateway usage plan: the API stages it covers ("api-id:stage") and the names of the keys it holds. */
public record UsagePlan(String id, String name, List<String> stages, List<String> keys) {

    /** The plan of that name; refused "no usage plan named ..." when there is none. */
    public static Fact<UsagePlan> named(ApiGatewayClient api, String name) {
        return Fact.about("usage plans", () -> api.getUsagePlansPaginator(r -> r.limit(500)).items().stream()
                        .filter(p -> name.equals(p.name())).findFirst()
                        .map(p -> new UsagePlan(p.id(), name,
                                p.apiStages().stream().map(s -> s.apiId() + ":" + s.stage()).toList(),
                                api.getUsagePlanKeysPaginator(r -> r.usagePlanId(p.id()).limit(500)).items().stream()
                                        .map(k -> k.name()).toList())))
                .then(found -> found.map(Fact::of).orElse(Fact.missing("no usage plan named " + name)));
    }

    @Override
    public String toString() {
        return "stages " + stages + ", keys " + keys;
    }
}
