package dev.dvalabs.destroy;

import dev.dvalabs.targets.Target;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.Op;

/**
 * API Gateway REST APIs, usage plans and API keys, by {@code arn:aws:apigateway:region::/restapis/id},
 * {@code /usageplans/id} and {@code /apikeys/id}. A usage plan gives up its API stages before it goes,
 * since AWS will not delete a stage, nor so its API, that a plan still names.
 */
public final class ApiGatewaySweeper implements Sweeper {

    @Override
    public String service() {
        return "apigateway";
    }

    /** An id is generated: a new API of the same name gets another ARN, so no tags pass to it. */
    @Override
    public boolean arnComesFromAName() {
        return false;
    }

    @Override
    public Optional<Map<String, String>> tags(Target target, String arn) {
        try (ApiGatewayClient api = target.client(ApiGatewayClient.builder())) {
            // The resource's own description carries its tags (and tells a gone one: GetTags answers for any
            // ARN of the right shape); GetTags adds those tagged after creation. ministack 1.5.33 keeps a key's
            // and a usage plan's creation tags only in their description, which is why both are read.
            Map<String, String> tags = new HashMap<>(Resource.of(arn).tags(api));
            tags.putAll(api.getTags(r -> r.resourceArn(arn)).tags());
            return Optional.of(Map.copyOf(tags));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public Swept delete(Target target, String arn) {
        try (ApiGatewayClient api = target.client(ApiGatewayClient.builder())) {
            Resource.of(arn).delete(api);
            return Swept.deleted();
        } catch (NotFoundException e) {
            return Swept.alreadyGone();
        }
    }

    /** Which of the three an ARN names, and its id. */
    private record Resource(String kind, String id) {

        static Resource of(String arn) {
            String[] path = arn.split(":", 6)[5].split("/");
            if (path.length != 3 || !path[0].isEmpty()) {
                throw new IllegalArgumentException(arn + " is not a REST API, usage plan or API key");
            }
            return new Resource(path[1], path[2]);
        }

        Map<String, String> tags(ApiGatewayClient api) {
            return switch (kind) {
                case "restapis" -> api.getRestApi(r -> r.restApiId(id)).tags();
                case "usageplans" -> api.getUsagePlan(r -> r.usagePlanId(id)).tags();
                case "apikeys" -> api.getApiKey(r -> r.apiKey(id)).tags();
                default -> throw unknown();
            };
        }

        void delete(ApiGatewayClient api) {
            switch (kind) {
                case "restapis" -> api.deleteRestApi(r -> r.restApiId(id));
                case "usageplans" -> {
                    api.getUsagePlan(r -> r.usagePlanId(id)).apiStages().forEach(stage -> api.updateUsagePlan(r -> r
                            .usagePlanId(id).patchOperations(p -> p.op(Op.REMOVE).path("/apiStages")
                                    .value(stage.apiId() + ":" + stage.stage()))));
                    api.deleteUsagePlan(r -> r.usagePlanId(id));
                }
                case "apikeys" -> api.deleteApiKey(r -> r.apiKey(id));
                default -> throw unknown();
            }
        }

        private IllegalArgumentException unknown() {
            return new IllegalArgumentException("/" + kind + "/" + id
                    + " is not a REST API, usage plan or API key; the toolkit tags no other API Gateway resource");
        }
    }
}
