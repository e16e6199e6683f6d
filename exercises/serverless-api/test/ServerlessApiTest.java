package dev.dvalabs.exercises.serverlessapi;

import dev.dvalabs.testing.Sessions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dvalabs.cdk.Variant;
import dev.dvalabs.contract.EndToEnd;
import dev.dvalabs.contract.Leftovers;
import dev.dvalabs.destroy.Teardown;
import dev.dvalabs.targets.LocalEmulator;
import dev.dvalabs.testing.LocalEmulatorExtension;
import dev.dvalabs.verify.Report;
import dev.dvalabs.verify.RunMarker;
import dev.dvalabs.verify.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** serverless-api end to end on the local emulator: what the verifier writes it removes, and destroy leaves nothing. */
@ExtendWith(LocalEmulatorExtension.class)
class ServerlessApiTest {

    static final String ID = new ServerlessApi().id();

    @RegisterExtension
    final EndToEnd lab = new EndToEnd(ID);

    @Test
    @DisplayName("the solution passes, the verifier removes every order it posted and those a killed verify left, keeps"
            + " the learner's, and destroy leaves no API, plan, key, function, role, log group or table")
    void solutionPassesAndLeavesNothing(LocalEmulator emulator) {
        lab.deploy(emulator, Variant.SOLUTION);
        Map<String, AttributeValue> learners = Map.of("id", AttributeValue.fromS("order-1"));
        Map<String, AttributeValue> leftover = Map.of("id", AttributeValue.fromS(
                RunMarker.startedAt(Instant.now().minus(Duration.ofHours(1))).value() + "-order"));
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder())) {
            dynamo.putItem(p -> p.tableName(ServerlessApiStack.TABLE).item(learners));
            dynamo.putItem(p -> p.tableName(ServerlessApiStack.TABLE).item(leftover));
        }
        Report report = lab.verify(emulator);
        assertThat(report.outcomes()).allSatisfy(o -> assertThat(o.status()).as(o.id() + ": " + o.result()).isEqualTo(Status.PASS));
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder())) {
            assertThat(dynamo.scan(r -> r.tableName(ServerlessApiStack.TABLE)).items()).containsExactly(learners);
        }
        assertThat(new Teardown(emulator, lab.out()).destroy(ID).clean()).isTrue();
        Leftovers.assertNothingLeft(emulator, ID);
        try (IamClient iam = emulator.client(IamClient.builder())) {
            assertThat(iam.listRoles().roles()).noneMatch(r -> r.roleName().equals(ServerlessApiStack.ROLE));
        }
    }

    @Test
    @DisplayName("a verifier closed before it observes posts nothing, and closing it again is harmless")
    void closedVerifierPostsNothing(LocalEmulator emulator) {
        lab.deploy(emulator, Variant.SOLUTION);
        ServerlessApiVerifier verifier = new ServerlessApiVerifier();
        verifier.close();
        assertThatThrownBy(() -> verifier.observe(Sessions.open(emulator, "test", lab.exercise().names()))).hasMessageContaining("writes no more");
        verifier.close();
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder())) {
            assertThat(dynamo.scan(r -> r.tableName(ServerlessApiStack.TABLE)).items()).isEmpty();
        }
    }

    @Test
    @DisplayName("close from another thread during a post removes that order once it is stored, and lets no other follow")
    void closeDuringAPostRemovesIt(LocalEmulator emulator) throws InterruptedException {
        lab.deploy(emulator, Variant.STARTER);
        OwnOrders orders = new OwnOrders();
        orders.in(emulator, ServerlessApiStack.TABLE);
        Thread closer = new Thread(orders::close);
        Map<String, AttributeValue> order = Map.of("id", AttributeValue.fromS("dva-labs-verify-race"));
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder())) {
            orders.post("dva-labs-verify-race", () -> {
                closer.start();
                return dynamo.putItem(p -> p.tableName(ServerlessApiStack.TABLE).item(order));
            });
            closer.join();
            assertThat(dynamo.scan(r -> r.tableName(ServerlessApiStack.TABLE)).items()).isEmpty();
            assertThatThrownBy(() -> orders.post("dva-labs-verify-late", () -> "sent")).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    @DisplayName("the starter's function answers, but no check of the API passes: the verifier reads no API and writes nothing")
    void starterHasNoApi(LocalEmulator emulator) {
        lab.deploy(emulator, Variant.STARTER);
        Report report = lab.verify(emulator);
        assertThat(report.outcome("api-routes").result().observed()).contains("no REST API named dva-labs-orders-api");
        assertThat(report.outcome("logs-reach-cloudwatch").status()).isEqualTo(Status.PASS);
        try (LambdaClient lambda = emulator.client(LambdaClient.builder());
             DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder())) {
            assertThat(lambda.getFunction(r -> r.functionName(ServerlessApiStack.FUNCTION)).configuration().timeout()).isEqualTo(3);
            assertThat(dynamo.scan(r -> r.tableName(ServerlessApiStack.TABLE)).items()).isEmpty();
        }
    }
}
