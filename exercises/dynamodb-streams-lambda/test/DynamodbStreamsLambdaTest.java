package dev.dvalabs.exercises.dynamodbstreamslambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dvalabs.cdk.Variant;
import dev.dvalabs.contract.EndToEnd;
import dev.dvalabs.contract.Leftovers;
import dev.dvalabs.destroy.Teardown;
import dev.dvalabs.targets.LocalEmulator;
import dev.dvalabs.testing.LocalEmulatorExtension;
import dev.dvalabs.testing.Sessions;
import dev.dvalabs.verify.Report;
import dev.dvalabs.verify.RunMarker;
import dev.dvalabs.verify.Session;
import dev.dvalabs.verify.Status;
import java.time.Duration;
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
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** dynamodb-streams-lambda end to end on the local emulator, where the function really runs. */
@ExtendWith(LocalEmulatorExtension.class)
class DynamodbStreamsLambdaTest {

    static final String ID = new DynamodbStreamsLambda().id();

    @RegisterExtension
    final EndToEnd lab = new EndToEnd(ID);

    private String name(String key) {
        return lab.exercise().names().get(key);
    }

    @Test
    @DisplayName("a filter that lets MODIFY through fails modify-filtered and nothing else: the REMOVE's audit proves the MODIFY came")
    void modifyLetThroughFailsOnlyItsCheck(LocalEmulator emulator) {
        lab.deploy(emulator, Variant.SOLUTION);
        String uuid;
        try (LambdaClient lambda = emulator.client(LambdaClient.builder())) {
            uuid = lambda.listEventSourceMappings(r -> r.functionName(name("function")))
                    .eventSourceMappings().get(0).uuid();
            lambda.updateEventSourceMapping(r -> r.uuid(uuid).filterCriteria(f -> f.filters(
                    p -> p.pattern("{\"eventName\": [\"INSERT\", \"MODIFY\", \"REMOVE\"]}"))));
        }
        Report report = lab.verify(emulator);
        assertThat(report.ids(Status.FAIL)).containsExactly("modify-filtered");
        // The mapping at fault is named with its filter, which lets MODIFY through.
        assertThat(report.outcome("modify-filtered").result().observed())
                .isEqualTo("MODIFY audited (mapping " + uuid + " filters [{\"eventName\": [\"INSERT\", \"MODIFY\", \"REMOVE\"]}])");
    }

    @Test
    @DisplayName("the verifier removes its order and every audit item the function wrote for it")
    void verifierCleansUp(LocalEmulator emulator) {
        lab.deploy(emulator, Variant.SOLUTION);
        Report report = lab.verify(emulator);
        assertThat(report.outcome("insert-audited").status()).isEqualTo(Status.PASS);
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder())) {
            assertThat(dynamo.scan(r -> r.tableName(name("orders"))).items()).isEmpty();
            assertThat(dynamo.scan(r -> r.tableName(name("audit"))).items()).isEmpty();
        }
    }

    @Test
    @DisplayName("a learner's items keyed like a verify's mark survive a verify, and so does the learner's message in the failures"
            + " queue, never received by the verify (its receive count is 1 at the first receive after it)")
    void learnerDataSurvives(LocalEmulator emulator) {
        lab.deploy(emulator, Variant.STARTER);
        String old = RunMarker.startedAt(Instant.now().minus(Duration.ofHours(1))).value();
        List<String> learner = List.of(old, "dva-labs-verify-deadbeef", "dva-labs-verify-20240115", "alice");
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder());
             SqsClient sqs = emulator.client(SqsClient.builder())) {
            for (String order : learner) {
                dynamo.putItem(p -> p.tableName(name("orders")).item(Map.of("orderId", AttributeValue.fromS(order))));
                dynamo.putItem(p -> p.tableName(name("audit")).item(Map.of(
                        "orderId", AttributeValue.fromS(order), "eventId", AttributeValue.fromS("e-1"))));
            }
            String queue = sqs.getQueueUrl(r -> r.queueName(name("failures"))).queueUrl();
            sqs.sendMessage(r -> r.queueUrl(queue).messageBody("a failed batch of mine, " + old));
            lab.verify(emulator);
            for (String table : List.of(name("orders"), name("audit"))) {
                assertThat(dynamo.scan(r -> r.tableName(table)).items()).as(table).map(i -> i.get("orderId").s())
                        .containsExactlyInAnyOrderElementsOf(learner);
            }
            var messages = sqs.receiveMessage(r -> r.queueUrl(queue).waitTimeSeconds(1)
                    .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
            assertThat(messages).singleElement().satisfies(m -> assertThat(
                    m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).isEqualTo("1"));
        }
    }

    @Test
    @DisplayName("the next verify removes the order and the audit items a killed verify journaled, and nothing else")
    void journalOfAKilledVerify(LocalEmulator emulator) throws Exception {
        lab.deploy(emulator, Variant.STARTER);
        String killed = RunMarker.startedAt(Instant.now().minus(Duration.ofHours(1))).value();
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder())) {
            for (String order : List.of(killed, killed + "-x")) {
                dynamo.putItem(p -> p.tableName(name("orders")).item(Map.of("orderId", AttributeValue.fromS(order))));
                dynamo.putItem(p -> p.tableName(name("audit")).item(Map.of(
                        "orderId", AttributeValue.fromS(order), "eventId", AttributeValue.fromS("e-1"))));
            }
            Sessions.killedVerify(emulator, ID, killed, new AuditTrail(name("orders"), name("audit"), killed));
            lab.verify(emulator);
            for (String table : List.of(name("orders"), name("audit"))) {
                assertThat(dynamo.scan(r -> r.tableName(table)).items()).as(table).map(i -> i.get("orderId").s())
                        .containsExactly(killed + "-x");
            }
        }
    }

    @Test
    @DisplayName("observe in a session already closed writes nothing, and says so")
    void closedSessionWritesNothing(LocalEmulator emulator) {
        lab.deploy(emulator, Variant.SOLUTION);
        Session session = Sessions.open(emulator, ID, lab.exercise().names());
        session.close();
        assertThatThrownBy(() -> new DynamodbStreamsLambdaVerifier().observe(session)).hasMessageContaining("writes no more");
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder())) {
            assertThat(dynamo.scan(r -> r.tableName(name("orders"))).items()).isEmpty();
        }
    }

    @Test
    @DisplayName("destroy removes the mapping the learner made by hand on the starter and the log group the function wrote")
    void destroyRemovesHandMadeMappingAndLogGroup(LocalEmulator emulator) {
        lab.deploy(emulator, Variant.STARTER);
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder());
             LambdaClient lambda = emulator.client(LambdaClient.builder())) {
            String stream = dynamo.updateTable(r -> r.tableName(name("orders"))
                    .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)))
                    .tableDescription().latestStreamArn();
            lambda.createEventSourceMapping(r -> r.functionName(name("function")).eventSourceArn(stream)
                    .startingPosition("LATEST"));
            lambda.invoke(r -> r.functionName(name("function")).payload(SdkBytes.fromUtf8String("{\"ping\": 1}")));
        }
        Teardown.Result result = new Teardown(emulator, lab.out()).destroy(ID);
        assertThat(result.removed()).anyMatch(r -> r.startsWith("event source mapping "))
                .anyMatch(r -> r.startsWith("log group /aws/lambda/" + name("function")));
        Leftovers.assertNothingLeft(emulator, ID);
    }
}
