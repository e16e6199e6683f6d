package dev.dvalabs.exercises.serverlessapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The function's resource policy, as GetPolicy returns what lambda add-permission wrote, judged for API Gateway's calls. */
class InvokePermissionTest {

    static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:dva-labs-orders-api";
    static final List<String> ROUTES = ServerlessApiVerifier.ROUTES;

    static String permission(String condition) {
        return "{\"Version\":\"2012-10-17\",\"Id\":\"default\",\"Statement\":[{\"Sid\":\"apigateway\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"Service\":\"apigateway.amazonaws.com\"},\"Action\":\"lambda:InvokeFunction\",\"Resource\":\""
                + FUNCTION + "\"" + condition + "}]}";
    }

    static String sourceArn(String arn) {
        return ",\"Condition\":{\"ArnLike\":{\"AWS:SourceArn\":\"" + arn + "\"}}";
    }

    @Test
    @DisplayName("a permission for the API's every stage and method lets both routes in")
    void apiWidePermission() {
        assertThat(InvokePermission.routesAllowed(permission(sourceArn("arn:aws:execute-api:us-east-1:123456789012:a1b2c3/*")),
                FUNCTION, "a1b2c3", "prod", ROUTES)).containsExactlyElementsOf(ROUTES);
    }

    @Test
    @DisplayName("a permission without a source ARN lets both routes in")
    void unscopedPermission() {
        assertThat(InvokePermission.routesAllowed(permission(""), FUNCTION, "a1b2c3", "prod", ROUTES)).containsExactlyElementsOf(ROUTES);
    }

    @Test
    @DisplayName("a permission for another API, or for POST alone, does not let the missing routes in")
    void narrowerPermissions() {
        assertThat(InvokePermission.routesAllowed(permission(sourceArn("arn:aws:execute-api:us-east-1:123456789012:zzzzzz/*")),
                FUNCTION, "a1b2c3", "prod", ROUTES)).isEmpty();
        assertThat(InvokePermission.routesAllowed(permission(sourceArn("arn:aws:execute-api:us-east-1:123456789012:a1b2c3/prod/POST/orders")),
                FUNCTION, "a1b2c3", "prod", ROUTES)).containsExactly("POST /orders");
    }

    @Test
    @DisplayName("a policy without statements (ministack's answer when there is none) lets no route in")
    void noStatement() {
        assertThat(InvokePermission.routesAllowed("{\"Version\":\"2012-10-17\",\"Id\":\"default\",\"Statement\":[]}",
                FUNCTION, "a1b2c3", "prod", ROUTES)).isEmpty();
    }

    @Test
    @DisplayName("a permission for another service lets API Gateway in by no route")
    void otherService() {
        assertThat(InvokePermission.routesAllowed(permission("").replace("apigateway.amazonaws.com", "s3.amazonaws.com"),
                FUNCTION, "a1b2c3", "prod", ROUTES)).isEmpty();
    }
}
