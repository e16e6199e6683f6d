package dev.dvalabs.exercises.serverlessapi;

import dev.dvalabs.policy.Caller;
import dev.dvalabs.policy.Policies;
import dev.dvalabs.policy.Request;
import dev.dvalabs.probe.Json;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.arns.Arn;

/**
 * Whether the function's resource policy lets API Gateway invoke it for each route, by the policy
 * evaluator: ministack runs the integration whatever the policy says, AWS answers 500 without it.
 */
final class InvokePermission {

    static final String API_GATEWAY = "apigateway.amazonaws.com";
    /** The routes a call arrives by, as API Gateway names them in aws:SourceArn (method/path with an id). */
    static final Map<String, String> ROUTES = Map.of("POST /orders", "POST/orders", "GET /orders/{id}", "GET/orders/dva-labs-verify");

    private InvokePermission() {}

    /**
     * The routes of the API's stage by which API Gateway may invoke the function, in the order of
     * {@code routes}: a call comes as the service principal with the source ARN of the method called
     * ({@code arn:aws:execute-api:region:account:api/stage/METHOD/path}) and the account.
     */
    static List<String> routesAllowed(String policyJson, String functionArn, String apiId, String stage, List<String> routes) {
        // ministack answers GetPolicy of a function nobody gave a permission with no statement (AWS: ResourceNotFoundException).
        boolean empty = Json.object(policyJson).map(p -> p.path("Statement").isEmpty()).orElse(false);
        if (empty) {
            return List.of();
        }
        Arn function = Arn.fromString(functionArn);
        String account = function.accountId().orElse("");
        String api = "arn:" + function.partition() + ":execute-api:" + function.region().orElse("") + ":" + account + ":"
                + apiId + "/" + stage + "/";
        Policies policy = Policies.of(policyJson);
        return routes.stream().filter(route -> policy.decide(Request.of(Caller.service(API_GATEWAY), "lambda:InvokeFunction",
                functionArn).with("aws:SourceArn", api + ROUTES.get(route)).with("aws:SourceAccount", account)).allowed()).toList();
    }
}
