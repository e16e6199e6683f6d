package dev.dvalabs.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.CodeDeployException;

@DisplayName("The loopback stubs judged by botocore's models")
class BotocoreModelsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final BotocoreModels models = BotocoreModels.installed();

    @Test
    @DisplayName("a JSON request without a required member, with one the operation lacks, or a value outside its enum is refused")
    void jsonRequests() throws Exception {
        var codeDeploy = models.byTargetPrefix("CodeDeploy_20141006").orElseThrow();
        assertThat(BotocoreModels.jsonRequestProblems(codeDeploy, "GetDeployment", JSON.readTree("{\"deploymentId\":\"d-1\"}"))).isEmpty();
        assertThat(BotocoreModels.jsonRequestProblems(codeDeploy, "GetDeployment", JSON.readTree("{}")))
                .containsExactly("GetDeployment lacks the required deploymentId");
        assertThat(BotocoreModels.jsonRequestProblems(codeDeploy, "GetDeployment", JSON.readTree("{\"deploymentId\":\"d\",\"id\":1}")))
                .containsExactly("GetDeployment has no member id in GetDeploymentInput");
        assertThat(BotocoreModels.jsonRequestProblems(codeDeploy, "ListDeployments",
                JSON.readTree("{\"includeOnlyStatuses\":[\"Done\"]}"))).singleElement().asString().contains("not one of");
        assertThat(BotocoreModels.jsonRequestProblems(codeDeploy, "GetDeploymentz", JSON.readTree("{}"))).containsExactly("no operation GetDeploymentz");
    }

    @Test
    @DisplayName("an answer a test sets up must fit the operation's output shape")
    void jsonAnswers() throws Exception {
        var codeDeploy = models.byTargetPrefix("CodeDeploy_20141006").orElseThrow();
        assertThat(BotocoreModels.jsonAnswerProblems(codeDeploy, "GetDeployment",
                JSON.readTree("{\"deploymentInfo\":{\"deploymentId\":\"d-1\",\"status\":\"Succeeded\"}}"))).isEmpty();
        assertThat(BotocoreModels.jsonAnswerProblems(codeDeploy, "GetDeployment",
                JSON.readTree("{\"deploymentInfo\":{\"deploymentId\":7,\"state\":\"Succeeded\"}}")))
                .contains("GetDeployment answer.deploymentInfo.deploymentId must be a string (DeploymentId)")
                .anyMatch(p -> p.contains("has no member state"));
    }

    @Test
    @DisplayName("a query request names an Action and parameters its service has")
    void queryRequests() {
        var beanstalk = models.service("elasticbeanstalk");
        assertThat(BotocoreModels.queryRequestProblems(beanstalk, "DescribeEnvironments",
                List.of("Action", "Version", "ApplicationName", "EnvironmentNames.member.1"))).isEmpty();
        assertThat(BotocoreModels.queryRequestProblems(beanstalk, "DescribeEnvironments", List.of("Action", "EnvironmentName")))
                .containsExactly("DescribeEnvironments has no parameter EnvironmentName");
        assertThat(BotocoreModels.queryRequestProblems(beanstalk, "DescribeEnvironment", List.of())).containsExactly("no operation DescribeEnvironment");
    }

    @Test
    @DisplayName("the stub refuses with 400, as AWS would, what the model does not accept, and answers a fitting request")
    void stubRefuses() throws Exception {
        try (AwsStub stub = new AwsStub(); CodeDeployClient codeDeploy = CodeDeployClient.builder()
                .endpointOverride(URI.create(stub.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create()).build()) {
            stub.json.put("CodeDeploy_20141006.GetDeployment", AwsStub.Answer.json("{\"deploymentInfo\":{\"deploymentId\":\"d-1\"}}"));
            assertThat(codeDeploy.getDeployment(r -> r.deploymentId("d-1")).deploymentInfo().deploymentId()).isEqualTo("d-1");
            assertThat(stub.modelProblems).isEmpty();
            assertThatThrownBy(() -> codeDeploy.getDeployment(r -> {})).isInstanceOf(CodeDeployException.class)
                    .hasMessageContaining("lacks the required deploymentId");
            assertThat(stub.modelProblems).containsExactly("GetDeployment lacks the required deploymentId");
        }
    }
}
