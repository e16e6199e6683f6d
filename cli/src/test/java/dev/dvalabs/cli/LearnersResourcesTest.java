package dev.dvalabs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.cli.practice.PracticeTable;
import dev.dvalabs.deploy.StackProgress;
import dev.dvalabs.targets.LocalEmulator;
import dev.dvalabs.testing.LocalEmulatorExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * A learner's own work is never modified or deleted: not by {@code run} over a deployment, not by
 * {@code deploy} over a table of the same name built by hand, not by {@code destroy} after an earlier one.
 */
@ExtendWith(LocalEmulatorExtension.class)
class LearnersResourcesTest {

    private static final String TABLE = PracticeTable.TABLE;

    @TempDir
    Path state;

    private LocalEmulator emulator;

    @BeforeEach
    void isolateFromALearnersEmulator(LocalEmulator emulator) {
        System.setProperty("dva-labs.state-dir", state.toString());
        this.emulator = emulator;
    }

    @AfterEach
    void cleanUp() {
        LabsTest.run(onEmulator("destroy", PracticeTable.ID));
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder())) {
            dynamo.deleteTable(r -> r.tableName(TABLE));
        } catch (ResourceNotFoundException e) {
            // the test left no hand-made table
        }
        System.clearProperty("dva-labs.state-dir");
    }

    private String[] onEmulator(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--target", "endpoint", "--endpoint", emulator.endpoint().orElseThrow().toString()));
        return all.toArray(String[]::new);
    }

    @ParameterizedTest(name = "run with the {0} deployed refuses in one sentence and leaves it and its items as they are")
    @CsvSource({"starter,DvaLabs-PracticeTable-Starter", "solution,DvaLabs-PracticeTable-Solution"})
    void runNeverTouchesADeployment(String variant, String stack) {
        assertThat(LabsTest.run(onEmulator("deploy", PracticeTable.ID, "--variant", variant)).exitCode()).isEqualTo(ExitCode.OK);
        putLearnersItem();

        LabsTest.Ran ran = LabsTest.run(onEmulator("run", PracticeTable.ID, "--variant", "solution"));

        assertThat(ran.exitCode()).as(ran.out() + ran.err()).isEqualTo(ExitCode.DEPLOY_FAILED);
        assertThat(ran.err()).contains(stack, "labs verify practice-table", "labs destroy practice-table").doesNotContain("\tat ");
        assertThat(ran.err().lines().filter(l -> l.startsWith("labs: ")).count()).isEqualTo(1);
        assertThat(ran.out()).doesNotContain("Deleting", "removed");
        assertThat(stackExists(stack)).as("the deployment is still there").isTrue();
        assertThat(learnersItem()).as("the learner's item is still there").isTrue();
    }

    @Test
    @DisplayName("deploy refuses a learner's untagged table with the exercise's name and writes nothing")
    void deployRefusesALookAlike() {
        createLearnersTable();
        putLearnersItem();

        LabsTest.Ran ran = LabsTest.run(onEmulator("deploy", PracticeTable.ID));

        assertThat(ran.exitCode()).as(ran.out() + ran.err()).isEqualTo(ExitCode.DEPLOY_FAILED);
        assertThat(ran.err()).contains("DynamoDB table " + TABLE, "--name", "labs verify practice-table").doesNotContain("\tat ");
        assertThat(ran.err().lines().filter(l -> l.startsWith("labs: ")).count()).isEqualTo(1);
        assertThat(stackExists("DvaLabs-PracticeTable-Starter")).as("no stack was created").isFalse();
        assertThat(learnersKey()).as("the learner's key schema").isEqualTo("pk");
        assertThat(learnersItem()).as("the learner's item is still there").isTrue();
    }

    @Test
    @DisplayName("run refuses a learner's untagged table too, and its destroy afterwards leaves the table alone")
    void runRefusesALookAlike() {
        createLearnersTable();
        putLearnersItem();

        LabsTest.Ran ran = LabsTest.run(onEmulator("run", PracticeTable.ID));

        assertThat(ran.exitCode()).as(ran.out() + ran.err()).isEqualTo(ExitCode.DEPLOY_FAILED);
        assertThat(ran.err()).contains("DynamoDB table " + TABLE);
        assertThat(learnersKey()).isEqualTo("pk");
        assertThat(learnersItem()).isTrue();
    }

    @Test
    @DisplayName("a table the toolkit left behind, tagged with the exercise, is not a look-alike: deploy goes ahead")
    void toolkitsOwnLeftoverIsNotALookAlike() {
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder())) {
            dynamo.createTable(r -> r.tableName(TABLE).billingMode("PAY_PER_REQUEST")
                    .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                    .keySchema(k -> k.attributeName("id").keyType("HASH"))
                    .tags(t -> t.key("dva-labs:exercise").value(PracticeTable.ID)));
        }

        LabsTest.Ran ran = LabsTest.run(onEmulator("deploy", PracticeTable.ID));

        assertThat(ran.exitCode()).as(ran.out() + ran.err()).isEqualTo(ExitCode.OK);
        assertThat(stackExists("DvaLabs-PracticeTable-Starter")).isTrue();
    }

    @Test
    @DisplayName("destroy leaves a learner's untagged table made after an earlier destroy of the same exercise")
    void destroyAfterAnEarlierDestroySparesTheLearnersTable() {
        assertThat(LabsTest.run(onEmulator("deploy", PracticeTable.ID)).exitCode()).isEqualTo(ExitCode.OK);
        assertThat(LabsTest.run(onEmulator("destroy", PracticeTable.ID)).exitCode()).isEqualTo(ExitCode.OK);
        createLearnersTable();
        putLearnersItem();

        LabsTest.Ran destroyed = LabsTest.run(onEmulator("destroy", PracticeTable.ID));

        // Spared, and listed as standing under the exercise's name: a destroy that leaves it has not finished.
        assertThat(destroyed.exitCode()).as(destroyed.out() + destroyed.err()).isEqualTo(ExitCode.DEPLOY_FAILED);
        assertThat(destroyed.out()).doesNotContain("removed arn:aws:dynamodb").contains("DynamoDB table dva-labs-practice: remove it with");
        assertThat(learnersKey()).isEqualTo("pk");
        assertThat(learnersItem()).as("the learner's item is still there").isTrue();
    }

    @Test
    @DisplayName("deploy refuses a learner's table made after an earlier destroy, whose ARN the emulator remembers tagged")
    void deployRefusesALookAlikeWithRememberedTags() {
        assertThat(LabsTest.run(onEmulator("deploy", PracticeTable.ID)).exitCode()).isEqualTo(ExitCode.OK);
        assertThat(LabsTest.run(onEmulator("destroy", PracticeTable.ID)).exitCode()).isEqualTo(ExitCode.OK);
        createLearnersTable();
        putLearnersItem();

        LabsTest.Ran ran = LabsTest.run(onEmulator("deploy", PracticeTable.ID));

        assertThat(ran.exitCode()).as(ran.out() + ran.err()).isEqualTo(ExitCode.DEPLOY_FAILED);
        assertThat(ran.err()).contains("DynamoDB table " + TABLE);
        assertThat(learnersKey()).isEqualTo("pk");
        assertThat(learnersItem()).isTrue();
    }

    @Test
    @DisplayName("destroy refuses to delete a stack whose table the learner rebuilt by hand, and the table keeps its items")
    void destroyRefusesAStackWhoseTableTheLearnerRebuilt() {
        assertThat(LabsTest.run(onEmulator("deploy", PracticeTable.ID)).exitCode()).isEqualTo(ExitCode.OK);
        // A learner rebuilds the table later than the moment the stack made it (RebuiltByHand allows a second).
        long deployed = java.time.Instant.now().getEpochSecond();
        while (java.time.Instant.now().getEpochSecond() <= deployed + 1) {
            Thread.onSpinWait();
        }
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder())) {
            dynamo.deleteTable(r -> r.tableName(TABLE));
        }
        createLearnersTable();
        putLearnersItem();

        LabsTest.Ran destroyed = LabsTest.run(onEmulator("destroy", PracticeTable.ID));

        assertThat(destroyed.exitCode()).as(destroyed.out() + destroyed.err()).isEqualTo(ExitCode.DEPLOY_FAILED);
        assertThat(destroyed.err().lines().filter(l -> l.startsWith("labs: ")))
                .singleElement().asString().contains("DynamoDB table " + TABLE, "DvaLabs-PracticeTable-Starter");
        assertThat(learnersKey()).isEqualTo("pk");
        assertThat(learnersItem()).as("the learner's item is still there").isTrue();
        assertThat(stackExists("DvaLabs-PracticeTable-Starter")).as("nothing was deleted").isTrue();
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder())) {
            dynamo.deleteTable(r -> r.tableName(TABLE)); // the learner's way out, then destroy goes ahead
        }
        assertThat(LabsTest.run(onEmulator("destroy", PracticeTable.ID)).exitCode()).isEqualTo(ExitCode.OK);
    }

    private void createLearnersTable() {
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder())) {
            // A key the exercise's stack does not have, so a take-over would show in the key schema.
            dynamo.createTable(r -> r.tableName(TABLE).billingMode("PAY_PER_REQUEST")
                    .attributeDefinitions(a -> a.attributeName("pk").attributeType("S"))
                    .keySchema(k -> k.attributeName("pk").keyType("HASH")));
        }
    }

    private String learnersKey() {
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder())) {
            return dynamo.describeTable(r -> r.tableName(TABLE)).table().keySchema().get(0).attributeName();
        } catch (ResourceNotFoundException e) {
            return "(no table)";
        }
    }

    private void putLearnersItem() {
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder())) {
            Map<String, AttributeValue> item = new HashMap<>();
            dynamo.describeTable(r -> r.tableName(TABLE)).table().keySchema()
                    .forEach(k -> item.put(k.attributeName(), AttributeValue.fromS("learners-own")));
            dynamo.putItem(r -> r.tableName(TABLE).item(item));
        }
    }

    private boolean learnersItem() {
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder())) {
            return dynamo.scan(r -> r.tableName(TABLE)).items().stream()
                    .anyMatch(item -> item.values().contains(AttributeValue.fromS("learners-own")));
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }

    private boolean stackExists(String stackName) {
        try (CloudFormationClient cloudFormation = emulator.client(CloudFormationClient.builder())) {
            return StackProgress.on(emulator, cloudFormation, new PrintWriter(new StringWriter())).find(stackName).isPresent();
        }
    }
}
