package dev.dvalabs.exercises.dynamodbstreamslambda;

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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** dynamodb-streams-lambda end to end on the local emulator, where the function really runs. */
@ExtendWith(LocalEmulatorExtension.class)
class DynamodbStreamsLambdaTest {

    static final String ID = new DynamodbStreamsLambda().id();

    @RegisterExtension
    final EndToEnd lab = new EndToEnd(ID);

    @Test
    @DisplayName("a filter that lets MODIFY through fails modify-filtered and nothing else: the REMOVE's audit proves the MODIFY came")
    void modifyLetThroughFailsOnlyItsCheck(LocalEmulator emulator) {
        lab.deploy(emulator, Variant.SOLUTION);
        try (LambdaClient lambda = emulator.client(LambdaClient.builder())) {
            String uuid = lambda.listEventSourceMappings(r -> r.functionName(DynamodbStreamsLambdaStack.FUNCTION))
                    .eventSourceMappings().get(0).uuid();
            lambda.updateEventSourceMapping(r -> r.uuid(uuid).filterCriteria(f -> f.filters(
                    p -> p.pattern("{\"eventName\": [\"INSERT\", \"MODIFY\", \"REMOVE\"]}"))));
        }
        Report report = lab.verify(emulator);
        assertThat(report.ids(Status.FAIL)).containsExactly("modify-filtered");
        assertThat(report.outcome("modify-filtered").result().observed()).isEqualTo("MODIFY audited");
    }

    @Test
    @DisplayName("the verifier removes its order and every audit item the function wrote for it")
    void verifierCleansUp(LocalEmulator emulator) {
        lab.deploy(emulator, Variant.SOLUTION);
        Report report = lab.verify(emulator);
        assertThat(report.outcome("insert-audited").status()).isEqualTo(Status.PASS);
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder())) {
            assertThat(dynamo.scan(r -> r.tableName(DynamodbStreamsLambdaStack.ORDERS)).items()).isEmpty();
            assertThat(dynamo.scan(r -> r.tableName(DynamodbStreamsLambdaStack.AUDIT)).items()).isEmpty();
        }
    }

    @Test
    @DisplayName("a verify removes the orders and audit items a killed verify left, and keeps a running one's and the learner's")
    void leftoversOfAKilledVerify(LocalEmulator emulator) {
        lab.deploy(emulator, Variant.STARTER);
        String killed = RunMarker.startedAt(Instant.now().minus(RunMarker.LIVE_FOR).minusSeconds(60)).value();
        String running = RunMarker.start().value();
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder())) {
            for (String order : List.of(killed, running, "alice")) {
                dynamo.putItem(p -> p.tableName(DynamodbStreamsLambdaStack.ORDERS).item(Map.of(
                        "orderId", AttributeValue.fromS(order))));
                dynamo.putItem(p -> p.tableName(DynamodbStreamsLambdaStack.AUDIT).item(Map.of(
                        "orderId", AttributeValue.fromS(order), "eventId", AttributeValue.fromS("e-1"))));
            }
            lab.verify(emulator);
            for (String table : List.of(DynamodbStreamsLambdaStack.ORDERS, DynamodbStreamsLambdaStack.AUDIT)) {
                assertThat(dynamo.scan(r -> r.tableName(table)).items()).as(table).map(i -> i.get("orderId").s())
                        .containsExactlyInAnyOrder(running, "alice");
            }
        }
    }

    @Test
    @DisplayName("a verifier closed before it observes writes nothing, and closing it again is harmless")
    void closedVerifierWritesNothing(LocalEmulator emulator) {
        DynamodbStreamsLambdaVerifier verifier = new DynamodbStreamsLambdaVerifier();
        verifier.close();
        assertThatThrownBy(() -> verifier.observe(Sessions.open(emulator, "test", lab.exercise().names()))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("writes no more");
        verifier.close();
    }

    @Test
    @DisplayName("destroy removes the mapping the learner made by hand on the starter and the log group the function wrote")
    void destroyRemovesHandMadeMappingAndLogGroup(LocalEmulator emulator) {
        lab.deploy(emulator, Variant.STARTER);
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder());
             LambdaClient lambda = emulator.client(LambdaClient.builder())) {
            String stream = dynamo.updateTable(r -> r.tableName(DynamodbStreamsLambdaStack.ORDERS)
                    .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)))
                    .tableDescription().latestStreamArn();
            lambda.createEventSourceMapping(r -> r.functionName(DynamodbStreamsLambdaStack.FUNCTION).eventSourceArn(stream)
                    .startingPosition("LATEST"));
            lambda.invoke(r -> r.functionName(DynamodbStreamsLambdaStack.FUNCTION).payload(SdkBytes.fromUtf8String("{\"ping\": 1}")));
        }
        Teardown.Result result = new Teardown(emulator, lab.out()).destroy(ID);
        assertThat(result.removed()).anyMatch(r -> r.startsWith("event source mapping "))
                .anyMatch(r -> r.startsWith("log group /aws/lambda/" + DynamodbStreamsLambdaStack.FUNCTION));
        Leftovers.assertNothingLeft(emulator, ID);
    }
}
