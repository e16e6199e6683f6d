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

    static final String EB = " xmlns=\"http://elasticbeanstalk.amazonaws.com/docs/2010-12-01/\"";

    static byte[] xml(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("a query service's XML answer fits its output shape: wrapper, members, lists of <member>, typed values")
    void xmlAnswers() {
        var beanstalk = models.service("elasticbeanstalk");
        assertThat(BotocoreModels.xmlAnswerProblems(beanstalk, "DescribeEnvironments", xml("<DescribeEnvironmentsResponse" + EB + ">"
                + "<DescribeEnvironmentsResult><Environments><member><EnvironmentName>dva-labs-eb-env</EnvironmentName>"
                + "<Status>Ready</Status><DateUpdated>2026-01-01T00:00:00Z</DateUpdated><AbortableOperationInProgress>false"
                + "</AbortableOperationInProgress><Tier><Name>WebServer</Name></Tier></member></Environments></DescribeEnvironmentsResult>"
                + "<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DescribeEnvironmentsResponse>"))).isEmpty();
        var sts = models.service("sts");
        assertThat(BotocoreModels.xmlAnswerProblems(sts, "GetCallerIdentity", xml("<GetCallerIdentityResponse><GetCallerIdentityResult>"
                + "<Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>"))).isEmpty();
    }

    @Test
    @DisplayName("an unknown element, a value of the wrong type, a missing <XResult> or a wrong root does not fit")
    void xmlAnswersThatDoNotFit() {
        var beanstalk = models.service("elasticbeanstalk");
        assertThat(BotocoreModels.xmlAnswerProblems(beanstalk, "DescribeEnvironments", xml("<DescribeEnvironmentsResponse" + EB + ">"
                + "<DescribeEnvironmentsResult><Environments><member><EnvironmentName>e</EnvironmentName><State>Ready</State>"
                + "</member></Environments></DescribeEnvironmentsResult></DescribeEnvironmentsResponse>")))
                .containsExactly("DescribeEnvironments answer.Environments[0] has no member State in EnvironmentDescription");
        assertThat(BotocoreModels.xmlAnswerProblems(beanstalk, "DescribeEnvironments", xml("<DescribeEnvironmentsResponse>"
                + "<DescribeEnvironmentsResult><Environments><member><AbortableOperationInProgress>no</AbortableOperationInProgress>"
                + "<DateUpdated>yesterday</DateUpdated></member></Environments></DescribeEnvironmentsResult></DescribeEnvironmentsResponse>")))
                .containsExactly("DescribeEnvironments answer.Environments[0].AbortableOperationInProgress must be true or false"
                                + " (AbortableOperationInProgress), not 'no'",
                        "DescribeEnvironments answer.Environments[0].DateUpdated must be an ISO 8601 timestamp (UpdateDate), not 'yesterday'");
        assertThat(BotocoreModels.xmlAnswerProblems(beanstalk, "DescribeEnvironments", xml("<DescribeEnvironmentsResponse>"
                + "<Environments><member><EnvironmentName>e</EnvironmentName></member></Environments></DescribeEnvironmentsResponse>")))
                .containsExactly("DescribeEnvironments answer lacks <DescribeEnvironmentsResult>");
        assertThat(BotocoreModels.xmlAnswerProblems(beanstalk, "DescribeEnvironments", xml("<DescribeEnvironmentsResponse>"
                + "<DescribeEnvironmentsResult><Environments><EnvironmentName>e</EnvironmentName></Environments>"
                + "</DescribeEnvironmentsResult></DescribeEnvironmentsResponse>")))
                .containsExactly("DescribeEnvironments answer.Environments must be a list of <member> (EnvironmentDescriptionsList),"
                        + " not <EnvironmentName>");
        assertThat(BotocoreModels.xmlAnswerProblems(beanstalk, "DescribeEnvironments", xml("<DescribeEnvironmentResponse/>")))
                .containsExactly("DescribeEnvironments answer's root is <DescribeEnvironmentResponse>, not <DescribeEnvironmentsResponse>");
        assertThat(BotocoreModels.xmlAnswerProblems(beanstalk, "DescribeEnvironments", xml("not xml")))
                .singleElement().asString().startsWith("DescribeEnvironments answer is not XML");
    }

    @Test
    @DisplayName("EC2's XML (no result wrapper, lists of <item>, members by locationName) is judged by its own rules")
    void ec2Answers() {
        var ec2 = models.service("ec2");
        assertThat(BotocoreModels.xmlAnswerProblems(ec2, "DescribeImages", xml("<DescribeImagesResponse><requestId>r</requestId>"
                + "<imagesSet><item><imageId>ami-1</imageId><name>al2023-ami</name></item></imagesSet></DescribeImagesResponse>"))).isEmpty();
        assertThat(BotocoreModels.xmlAnswerProblems(ec2, "DescribeImages", xml("<DescribeImagesResponse>"
                + "<imagesSet><member><imageId>ami-1</imageId></member></imagesSet></DescribeImagesResponse>")))
                .containsExactly("DescribeImages answer.Images must be a list of <item> (ImageList), not <member>");
    }

    @Test
    @DisplayName("the stub answers 500, not the malformed XML a test set up, and keeps what did not fit")
    void stubRefusesMalformedXml() throws Exception {
        try (AwsStub stub = new AwsStub(); software.amazon.awssdk.services.sts.StsClient sts = software.amazon.awssdk.services.sts.StsClient
                .builder().endpointOverride(URI.create(stub.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create()).build()) {
            stub.account("123456789012");
            assertThat(sts.getCallerIdentity().account()).isEqualTo("123456789012");
            assertThat(stub.modelProblems).isEmpty();
            stub.query.put("GetCallerIdentity", AwsStub.Answer.xml("<GetCallerIdentityResponse><GetCallerIdentityResult>"
                    + "<AccountId>123456789012</AccountId></GetCallerIdentityResult></GetCallerIdentityResponse>"));
            assertThatThrownBy(sts::getCallerIdentity).isInstanceOf(software.amazon.awssdk.services.sts.model.StsException.class)
                    .hasMessageContaining("has no member AccountId");
            // The SDK retries a 500: each attempt met the same misfit.
            assertThat(stub.modelProblems).isNotEmpty().containsOnly("GetCallerIdentity answer has no member AccountId in GetCallerIdentityResponse");
        }
    }
}
