package dev.dvalabs.exercises.serverlessapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dvalabs.cdk.Variant;
import dev.dvalabs.contract.EndToEnd;
import dev.dvalabs.contract.Leftovers;
import dev.dvalabs.probe.Poll;
import dev.dvalabs.destroy.Teardown;
import dev.dvalabs.targets.LocalEmulator;
import dev.dvalabs.testing.LocalEmulatorExtension;
import dev.dvalabs.verify.Names;
import dev.dvalabs.verify.Report;
import dev.dvalabs.verify.RunMarker;
import dev.dvalabs.verify.Session;
import dev.dvalabs.verify.Status;
import dev.dvalabs.verify.Verification;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** serverless-api end to end on the local emulator: what the verifier writes it removes, and destroy leaves nothing. */
@ExtendWith(LocalEmulatorExtension.class)
class ServerlessApiTest {

    static final String ID = new ServerlessApi().id();

    @TempDir
    static Path state;

    @RegisterExtension
    final EndToEnd lab = new EndToEnd(ID).isolatedIn(() -> state);

    String table() {
        return lab.exercise().names().get("table");
    }

    String function() {
        return lab.exercise().names().get("function");
    }

    Session session(LocalEmulator emulator) {
        return Session.on(emulator, ID, Names.declared(lab.exercise().names())).state(state).open();
    }

    List<Map<String, AttributeValue>> items(LocalEmulator emulator) {
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder())) {
            return dynamo.scan(r -> r.tableName(table())).items();
        }
    }

    /** The solution's function with its handler changed: the code deployed as the corpus deploys it. */
    void replaceFunction(LocalEmulator emulator, String from, String to) throws IOException {
        String code;
        try (var in = getClass().getResourceAsStream("/exercises/" + ID + "/solution/function/orders.py")) {
            code = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace(from, to);
        }
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("index.py"));
            out.write(code.getBytes(StandardCharsets.UTF_8));
        }
        try (LambdaClient lambda = emulator.client(LambdaClient.builder())) {
            lambda.updateFunctionCode(r -> r.functionName(function()).zipFile(SdkBytes.fromByteArray(zip.toByteArray())));
            lambda.waiter().waitUntilFunctionUpdatedV2(r -> r.functionName(function()));
        }
    }

    @Test
    @DisplayName("the solution passes, the verifier removes every order it posted and nothing else (not an item that only"
            + " looks like a verifier's), and destroy leaves no API, plan, key, function, role, log group or table")
    void solutionPassesAndLeavesNothing(LocalEmulator emulator) {
        lab.deploy(emulator, Variant.SOLUTION);
        Map<String, AttributeValue> learners = Map.of("id", AttributeValue.fromS("order-1"));
        Map<String, AttributeValue> lookalike = Map.of("id", AttributeValue.fromS(
                RunMarker.startedAt(Instant.now().minus(Duration.ofHours(1))).value() + "-order"),
                "item", AttributeValue.fromS("dva-labs verify order"));
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder())) {
            dynamo.putItem(p -> p.tableName(table()).item(learners));
            dynamo.putItem(p -> p.tableName(table()).item(lookalike));
        }
        Report report = lab.verify(emulator);
        assertThat(report.outcomes()).allSatisfy(o -> assertThat(o.status()).as(o.id() + ": " + o.result()).isEqualTo(Status.PASS));
        assertThat(items(emulator)).containsExactlyInAnyOrder(learners, lookalike);
        assertThat(new Teardown(emulator, lab.out()).destroy(ID).clean()).isTrue();
        Leftovers.assertNothingLeft(emulator, ID);
        try (IamClient iam = emulator.client(IamClient.builder())) {
            assertThat(iam.listRoles().roles()).noneMatch(r -> r.roleName().equals(lab.exercise().names().get("role")));
        }
    }

    @Test
    @DisplayName("a function that gives each order an id of its own passes, and the verifier removes the orders under the ids it answered")
    void functionChoosingItsOwnIdsLeavesNoOrder(LocalEmulator emulator) throws IOException {
        lab.deploy(emulator, Variant.SOLUTION);
        replaceFunction(emulator, "        table.put_item(Item=order)",
                "        import uuid\n        order[\"id\"] = str(uuid.uuid4())\n        table.put_item(Item=order)");
        Report report = lab.verify(emulator);
        assertThat(report.ids(Status.FAIL)).isEmpty();
        assertThat(report.outcome("order-roundtrip").result().observed()).contains("then GET of ");
        assertThat(items(emulator)).isEmpty();
    }

    @Test
    @DisplayName("a function slower than the wait for the API FAILs saying the API did not answer in time (no ERROR), and the"
            + " order it stores after verify gave up is removed by the next verify")
    void slowFunctionIsAFailAndItsLateOrderIsRemoved(LocalEmulator emulator) throws IOException {
        lab.deploy(emulator, Variant.SOLUTION);
        replaceFunction(emulator, "    if event[\"httpMethod\"] == \"POST\":",
                "    if event[\"httpMethod\"] == \"POST\":\n        import time\n        time.sleep(4)");
        Report report;
        Session session = session(emulator);
        try {
            report = Verification.run(session, new ServerlessApiVerifier(Duration.ofSeconds(1)), Map.of());
        } finally {
            // The function is still storing: its orders stay in the journal for the next verify, and close says so.
            assertThatThrownBy(session::close).hasMessageContaining("the function may still store it");
        }
        assertThat(report.ids(Status.ERROR)).isEmpty();
        assertThat(report.outcome("order-roundtrip").status()).isEqualTo(Status.FAIL);
        assertThat(report.outcome("order-roundtrip").result().observed()).contains("the API did not answer within 1 s");
        assertThat(new Poll(Duration.ofSeconds(30), Duration.ofMillis(500)).until(() ->
                items(emulator).isEmpty() ? Optional.empty() : Optional.of(true))).isPresent();
        try (Session next = session(emulator)) {
            assertThat(next.recovered()).hasSize(1).allSatisfy(w -> assertThat(w).contains("posted through the API"));
        }
        assertThat(items(emulator)).isEmpty();
    }

    @Test
    @DisplayName("a session closed before observe posts nothing")
    void closedSessionPostsNothing(LocalEmulator emulator) {
        lab.deploy(emulator, Variant.SOLUTION);
        Session session = session(emulator);
        session.close();
        assertThatThrownBy(() -> new ServerlessApiVerifier().observe(session)).hasMessageContaining("writes no more");
        assertThat(items(emulator)).isEmpty();
    }

    @Test
    @DisplayName("close from another thread during a post removes that order under the id answered once it is stored, and lets no other follow")
    void closeDuringAPostRemovesIt(LocalEmulator emulator) throws InterruptedException {
        lab.deploy(emulator, Variant.STARTER);
        Session session = session(emulator);
        Thread closer = new Thread(session::close);
        PostedOrder before = new PostedOrder(List.of(table()), "dva-labs-verify-race", null, false, "mark-1", Instant.now().toString());
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder())) {
            session.write(before, () -> {
                closer.start();
                dynamo.putItem(p -> p.tableName(table()).item(Map.of("id", AttributeValue.fromS("chosen-by-the-function"),
                        "item", AttributeValue.fromS("mark-1"))));
                return "chosen-by-the-function";
            }, before::answered);
            closer.join();
            assertThat(items(emulator)).isEmpty();
            assertThatThrownBy(() -> session.write(before, () -> "sent", a -> before)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    @DisplayName("a POST whose answer was lost (kill -9) is found by its mark alone and removed, and a learner's order under the same id is kept")
    void lostAnswerIsFoundByItsMark(LocalEmulator emulator) {
        lab.deploy(emulator, Variant.STARTER);
        Map<String, AttributeValue> learners = Map.of("id", AttributeValue.fromS("dva-labs-verify-lost"),
                "item", AttributeValue.fromS("a learner's order"));
        Session session = session(emulator);
        PostedOrder before = new PostedOrder(List.of(table()), "dva-labs-verify-lost", null, false, "mark-2",
                Instant.now().minus(Duration.ofHours(1)).toString());
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder())) {
            dynamo.putItem(p -> p.tableName(table()).item(learners));
            assertThatThrownBy(() -> session.write(before, () -> {
                dynamo.putItem(p -> p.tableName(table()).item(Map.of("id", AttributeValue.fromS("f-42"),
                        "item", AttributeValue.fromS("mark-2"))));
                throw new IllegalStateException("killed before the answer");
            }, a -> before)).hasMessageContaining("killed");
        }
        session.close();
        assertThat(items(emulator)).containsExactly(learners);
    }

    @Test
    @DisplayName("the starter's function answers, but no check of the API passes: the verifier reads no API and writes nothing")
    void starterHasNoApi(LocalEmulator emulator) {
        lab.deploy(emulator, Variant.STARTER);
        Report report = lab.verify(emulator);
        assertThat(report.outcome("api-routes").result().observed()).contains("no REST API named dva-labs-orders-api")
                .as("nobody refused: the verifier found no API").doesNotContain("refused");
        assertThat(report.outcome("logs-reach-cloudwatch").status()).isEqualTo(Status.PASS);
        try (LambdaClient lambda = emulator.client(LambdaClient.builder())) {
            assertThat(lambda.getFunction(r -> r.functionName(function())).configuration().timeout()).isEqualTo(3);
        }
        assertThat(items(emulator)).isEmpty();
    }
}
