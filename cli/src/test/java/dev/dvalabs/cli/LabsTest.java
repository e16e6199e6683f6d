package dev.dvalabs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import static dev.dvalabs.contract.Leftovers.assertNothingLeft;

import dev.dvalabs.deploy.StackProgress;
import dev.dvalabs.targets.LocalEmulator;
import dev.dvalabs.testing.LocalEmulatorExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The labs command line as a learner types it, against the test run's emulator as an endpoint. */
@ExtendWith(LocalEmulatorExtension.class)
class LabsTest {

    record Ran(int exitCode, String out, String err) {}

    @TempDir
    Path state;

    private String endpoint;

    @BeforeEach
    void isolateFromALearnersEmulator(LocalEmulator emulator) {
        // A test must never attach to (or stop) an emulator a learner kept on this machine.
        System.setProperty("dva-labs.state-dir", state.toString());
        endpoint = emulator.endpoint().orElseThrow().toString();
    }

    @AfterEach
    void cleanUp() {
        run("destroy", "practice-table", "--target", "endpoint", "--endpoint", endpoint);
        System.clearProperty("dva-labs.state-dir");
    }

    static Ran run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Labs.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Ran(code, out.toString(), err.toString());
    }

    private String[] onEmulator(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--target", "endpoint", "--endpoint", endpoint));
        return all.toArray(String[]::new);
    }

    @ParameterizedTest(name = "labs {0} exits 2 with one sentence")
    @CsvSource(delimiter = '|', value = {
            "deploy nope|Unknown exercise 'nope'; the exercises are: ",
            "show nope|Unknown exercise 'nope'",
            "deploy practice-table --target mars|Invalid value for option '--target'",
            "deploy practice-table --variant best|'best' is not a variant; use starter or solution",
            "frobnicate|Unmatched argument",
            "verify practice-table --target localstack --port 4566|--port is for --target local or moto only"})
    void badInput(String line, String message) {
        Ran ran = run(line.split(" "));
        assertThat(ran.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(ran.err()).contains(message).doesNotContain("\tat ");
        assertThat(ran.err().lines().filter(l -> l.startsWith("labs: ")).count()).isEqualTo(1);
    }

    @ParameterizedTest(name = "labs {0} refuses a name the exercise does not have before anything is written")
    @ValueSource(strings = {"verify", "deploy", "run"})
    void unknownNameRefused(String command) {
        Ran ran = run(onEmulator(command, "practice-table", "--name", "queue=x"));
        assertThat(ran.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(ran.err()).containsPattern("--name queue is not a resource of practice-table; its names are: (table, owner|owner, table)\\.");
    }

    @Test
    @DisplayName("labs run deploys the solution, prints an all-PASS checklist and leaves nothing behind; --timings says each phase apart")
    void runEndToEnd(LocalEmulator emulator) {
        Ran ran = run(onEmulator("run", "practice-table", "--timings"));
        assertThat(ran.exitCode()).as(ran.err()).isEqualTo(ExitCode.OK);
        assertThat(ran.err()).containsPattern("timings: start-up \\d+\\.\\d\\d s, deploy \\d+\\.\\d\\d s, verify \\d+\\.\\d\\d s,"
                + " destroy \\d+\\.\\d\\d s, ");
        assertThat(ran.out()).contains("CREATE_COMPLETE", "PASS  composite-key", "All checks pass.",
                "SKIP  ttl-enabled", "the practice exercise's stacks never enable TTL",
                "Nothing of practice-table is left");
        assertNothingLeft(emulator, "practice-table");
    }

    @Test
    @DisplayName("deploy the starter, verify: exit 1 with hints; destroy: nothing left")
    void starterFailsWithHints(LocalEmulator emulator) {
        assertThat(run(onEmulator("deploy", "practice-table", "--variant", "starter")).exitCode()).isEqualTo(ExitCode.OK);
        Ran verified = run(onEmulator("verify", "practice-table"));
        assertThat(verified.exitCode()).isEqualTo(ExitCode.CHECKS_FAILED);
        assertThat(verified.out()).contains("FAIL  composite-key", "hint:", "observed:", "expected:",
                "Some checks do not pass yet");
        Ran destroyed = run(onEmulator("destroy", "practice-table"));
        assertThat(destroyed.exitCode()).isEqualTo(ExitCode.OK);
        assertNothingLeft(emulator, "practice-table");
        assertThat(run(onEmulator("destroy", "practice-table")).exitCode()).as("destroy twice").isEqualTo(ExitCode.OK);
    }

    @Test
    @DisplayName("deploying the solution over the starter says to destroy first")
    void otherVariantDeployed() {
        run(onEmulator("deploy", "practice-table"));
        Ran ran = run(onEmulator("deploy", "practice-table", "--variant", "solution"));
        assertThat(ran.exitCode()).isEqualTo(ExitCode.DEPLOY_FAILED);
        assertThat(ran.err()).contains("The starter of practice-table is deployed (DvaLabs-PracticeTable-Starter);"
                + " run labs destroy practice-table before deploying the solution.");
    }

    @Test
    @DisplayName("deploying again with no change says it is up to date")
    void redeployIsUpToDate() {
        run(onEmulator("deploy", "practice-table"));
        Ran again = run(onEmulator("deploy", "practice-table"));
        assertThat(again.exitCode()).as(again.err()).isEqualTo(ExitCode.OK);
        assertThat(again.out()).contains("Updating DvaLabs-PracticeTable-Starter", "is already up to date");
    }

    @Test
    @DisplayName("a stack an earlier deploy left in ROLLBACK_COMPLETE is cleaned before deploying")
    void rollbackCompleteIsCleaned(LocalEmulator emulator) {
        try (CloudFormationClient cloudFormation = emulator.client(CloudFormationClient.builder())) {
            // An SQS queue name ending in .fifo without FifoQueue fails, and the create rolls back.
            cloudFormation.createStack(r -> r.stackName("DvaLabs-PracticeTable-Solution").templateBody(
                    "{\"Resources\":{\"Q\":{\"Type\":\"AWS::SQS::Queue\",\"Properties\":{\"QueueName\":\"broken.fifo\"}}}}"));
            assertThat(cloudFormation.describeStacks(r -> r.stackName("DvaLabs-PracticeTable-Solution")).stacks().get(0)
                    .stackStatus()).isEqualTo(StackStatus.ROLLBACK_COMPLETE);
        }
        Ran ran = run(onEmulator("deploy", "practice-table", "--variant", "solution"));
        assertThat(ran.exitCode()).as(ran.err()).isEqualTo(ExitCode.OK);
        assertThat(ran.out()).contains("left in ROLLBACK_COMPLETE by an earlier deploy; deleting it first", "CREATE_COMPLETE");
    }

    @Test
    @DisplayName("a failed create names the failing resource and the reason, and destroy then ends clean")
    void failedCreateNamesTheResource(LocalEmulator emulator) {
        try (CloudFormationClient cloudFormation = emulator.client(CloudFormationClient.builder())) {
            String stackId = cloudFormation.createStack(r -> r.stackName("DvaLabs-PracticeTable-Starter").templateBody(
                    "{\"Resources\":{\"Q\":{\"Type\":\"AWS::SQS::Queue\",\"Properties\":{\"QueueName\":\"broken.fifo\"}}}}"))
                    .stackId();
            StackProgress progress = StackProgress.on(emulator, cloudFormation, new PrintWriter(new StringWriter()));
            assertThat(progress.await(stackId, Set.of()).orElseThrow().stackStatus()).isEqualTo(StackStatus.ROLLBACK_COMPLETE);
            assertThat(progress.firstFailure(stackId, Set.of())).hasValueSatisfying(failure ->
                    assertThat(failure).startsWith("Q (AWS::SQS::Queue): ").contains("alphanumeric"));
        }
        Ran destroyed = run(onEmulator("destroy", "practice-table"));
        assertThat(destroyed.exitCode()).isEqualTo(ExitCode.OK);
        assertNothingLeft(emulator, "practice-table");
    }

    @Test
    @DisplayName("destroy leaves an untagged table built by hand untouched")
    void untaggedSurvives(LocalEmulator emulator) {
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder())) {
            dynamo.createTable(r -> r.tableName("hand-made-orders").billingMode("PAY_PER_REQUEST")
                    .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                    .keySchema(k -> k.attributeName("id").keyType("HASH")));
            run(onEmulator("run", "practice-table"));
            assertThat(dynamo.listTables().tableNames()).contains("hand-made-orders");
            dynamo.deleteTable(r -> r.tableName("hand-made-orders"));
        }
    }

    @Test
    @DisplayName("an endpoint that does not answer is exit 3 with one sentence, without a hang")
    void unreachableEndpoint() {
        Ran ran = run("verify", "practice-table", "--target", "endpoint", "--endpoint", "http://127.0.0.1:9");
        assertThat(ran.exitCode()).isEqualTo(ExitCode.TARGET_UNAVAILABLE);
        assertThat(ran.err()).startsWith("labs: could not reach AWS").doesNotContain("\tat ");
    }

    @Test
    @DisplayName("verify on the local target with no emulator running says to deploy first")
    void verifyWithoutEmulator() {
        Ran ran = run("verify", "practice-table");
        assertThat(ran.exitCode()).isEqualTo(ExitCode.TARGET_UNAVAILABLE);
        assertThat(ran.err()).contains("No local emulator is running", "labs deploy practice-table");
    }

    @Test
    @DisplayName("every command has --help, with the exit codes")
    void helpEverywhere() {
        for (String command : List.of("list", "show", "deploy", "verify", "destroy", "run")) {
            Ran ran = run(command, "--help");
            assertThat(ran.exitCode()).as(command).isEqualTo(ExitCode.OK);
            assertThat(ran.out()).as(command).contains("Usage: labs " + command, "Exit codes:", "4     deploy or destroy");
        }
    }

    @Test
    @DisplayName("list and show read the catalog")
    void listAndShow() {
        assertThat(run("list").out()).contains("practice-table", "DynamoDB keys, indexes, TTL and streams");
        Ran shown = run("show", "practice-table");
        assertThat(shown.out()).contains("Your tasks\n─", "Notes: DynamoDB", "Cost: about $0.00 an hour").doesNotContain("## ");
        assertThat(run("show", "practice-table", "--markdown").out()).contains("## Your tasks");
    }

    @Test
    @DisplayName("hint shows the resources by the names in force, the instructions' or --name's, never as {key}")
    void hintFillsNames() {
        Ran hints = run("hint", "dynamodb-caching");
        assertThat(hints.out()).contains("dva-labs-products-cache").doesNotContainPattern("\\{(table|cache|function|dax)}");
        assertThat(run("hint", "dynamodb-caching", "cache-engine", "--name", "cache=my-cache").out())
                .contains("The cache my-cache is", "replication group my-cache").doesNotContain("{cache}");
        assertThat(run("hint", "dynamodb-caching", "--name", "nope=x").exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    }

    @Test
    @DisplayName("deploy --dry-run shows the plan and writes nothing")
    void dryRunWritesNothing(LocalEmulator emulator) {
        Ran ran = run(onEmulator("deploy", "practice-table", "--dry-run"));
        assertThat(ran.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(ran.out()).contains("Would create DvaLabs-PracticeTable-Starter", "1 AWS::DynamoDB::Table");
        assertNothingLeft(emulator, "practice-table");
    }

    @Test
    @DisplayName("status lists what is deployed; destroy --older-than spares younger stacks; destroy --all removes them")
    void statusAndDestroyAll(LocalEmulator emulator) {
        run(onEmulator("deploy", "practice-table"));
        assertThat(run(onEmulator("status")).out()).contains("practice-table", "starter", "DvaLabs-PracticeTable-Starter", "ago");
        Ran dry = run(onEmulator("destroy", "--all", "--dry-run"));
        assertThat(dry.out()).contains("Would delete stack DvaLabs-PracticeTable-Starter");
        Ran spared = run(onEmulator("destroy", "--older-than", "1d"));
        assertThat(spared.out()).contains("Nothing of the toolkit's older than 1d is deployed");
        assertThat(run(onEmulator("status")).out()).contains("DvaLabs-PracticeTable-Starter");
        Ran all = run(onEmulator("destroy", "--all"));
        assertThat(all.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(run(onEmulator("status")).out()).contains("nothing deployed.");
        assertNothingLeft(emulator, "practice-table");
    }

    @ParameterizedTest(name = "destroy {0} exits 2")
    @CsvSource(delimiter = '|', value = {
            "--older-than 2y|'2y' is not an age",
            "practice-table --all|Name an exercise or use --all / --older-than, not both."})
    void destroyBadInput(String line, String message) {
        List<String> args = new ArrayList<>(List.of("destroy"));
        args.addAll(List.of(line.split(" ")));
        Ran ran = run(onEmulator(args.toArray(String[]::new)));
        assertThat(ran.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(ran.err()).contains(message);
    }

    @Test
    @DisplayName("a table the stack retained is swept by its tags, and destroy ends with nothing left")
    void retainedResourceIsSwept(LocalEmulator emulator) {
        try (CloudFormationClient cloudFormation = emulator.client(CloudFormationClient.builder())) {
            cloudFormation.createStack(r -> r.stackName("DvaLabs-PracticeTable-Starter")
                    .tags(t -> t.key("dva-labs:exercise").value("practice-table"))
                    .templateBody("{\"Resources\":{\"T\":{\"Type\":\"AWS::DynamoDB::Table\",\"DeletionPolicy\":\"Retain\","
                            + "\"Properties\":{\"TableName\":\"dva-labs-practice\",\"BillingMode\":\"PAY_PER_REQUEST\","
                            + "\"AttributeDefinitions\":[{\"AttributeName\":\"customerId\",\"AttributeType\":\"S\"}],"
                            + "\"KeySchema\":[{\"AttributeName\":\"customerId\",\"KeyType\":\"HASH\"}]}}}}"));
        }
        Ran destroyed = run(onEmulator("destroy", "practice-table"));
        assertThat(destroyed.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(destroyed.out()).contains("removed arn:aws:dynamodb:us-east-1:000000000000:table/dva-labs-practice (tagged dva-labs:exercise=practice-table)");
        assertNothingLeft(emulator, "practice-table");
    }

    @Test
    @DisplayName("verify --report writes JSON, JUnit XML and HTML beside the checklist, which has no colour when piped")
    void reportsWritten(@TempDir Path reports) {
        run(onEmulator("deploy", "practice-table"));
        Ran ran = run(onEmulator("verify", "practice-table", "--report", "json,junit", "--report", "html",
                "--report-dir", reports.toString()));
        assertThat(ran.exitCode()).isEqualTo(ExitCode.CHECKS_FAILED);
        assertThat(reports.resolve("practice-table-report.json")).isNotEmptyFile();
        assertThat(reports.resolve("practice-table-junit.xml")).isNotEmptyFile();
        assertThat(reports.resolve("practice-table-report.html")).isNotEmptyFile();
        assertThat(ran.out()).contains("Wrote " + reports.resolve("practice-table-junit.xml")).doesNotContain("\u001B[");
    }

    @Test
    @DisplayName("status shows a role a gone stack left (a RestApi's retained CloudWatch role) with the command that removes it")
    void statusShowsRetainedRoles(LocalEmulator emulator) {
        String role = "DvaLabs-PracticeTable-Solution-ApiCloudWatchRoleA1B2";
        try (software.amazon.awssdk.services.iam.IamClient iam = emulator.client(software.amazon.awssdk.services.iam.IamClient.builder())) {
            iam.createRole(r -> r.roleName(role).assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[]}")
                    .tags(t -> t.key("dva-labs:exercise").value("practice-table")));
            assertThat(run(onEmulator("status")).out()).contains("left by a stack that is gone",
                    "role " + role + " of practice-table: labs destroy practice-table removes it");
            assertThat(run(onEmulator("destroy", "practice-table")).out()).contains("removed arn:aws:iam::");
            assertThat(run(onEmulator("status")).out()).doesNotContain(role);
        }
    }

    @Test
    @DisplayName("status shows a learner's role tagged with no exercise of the toolkit escaped, and offers no destroy command for it")
    void statusShowsAStrangelyTaggedRoleEscaped(LocalEmulator emulator) {
        String role = "dva-labs-learners-own";
        try (software.amazon.awssdk.services.iam.IamClient iam = emulator.client(software.amazon.awssdk.services.iam.IamClient.builder())) {
            iam.createRole(r -> r.roleName(role).assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[]}")
                    .tags(t -> t.key("dva-labs:exercise").value("x\u009B2J other")));
            try {
                String out = run(onEmulator("status")).out();
                assertThat(out).contains("role " + role + ", tagged for 'x\\x9B2J other', which is no exercise").doesNotContain("\u009B")
                        .doesNotContain("destroy x");
            } finally {
                iam.deleteRole(r -> r.roleName(role));
            }
        }
    }

    @Test
    @DisplayName("destroy leaves a table the learner made by hand under the exercise's name, and says so and how to remove it")
    void destroySaysWhatWasMadeByHand(LocalEmulator emulator) {
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder())) {
            dynamo.createTable(r -> r.tableName(dev.dvalabs.cli.practice.PracticeTable.TABLE).billingMode("PAY_PER_REQUEST")
                    .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                    .keySchema(k -> k.attributeName("id").keyType("HASH")));
            try {
                Ran destroyed = run(onEmulator("destroy", "practice-table"));
                // On AWS it may bill: a destroy that leaves it has not finished, whoever made it.
                assertThat(destroyed.exitCode()).isEqualTo(ExitCode.DEPLOY_FAILED);
                assertThat(destroyed.out()).contains("made by hand under the exercise's names",
                        "DynamoDB table " + dev.dvalabs.cli.practice.PracticeTable.TABLE + ": remove it with labs aws dynamodb delete-table",
                        "Destroy did not finish").doesNotContain("is left");
                assertThat(dynamo.describeTable(r -> r.tableName(dev.dvalabs.cli.practice.PracticeTable.TABLE)).table()).isNotNull();
            } finally {
                dynamo.deleteTable(r -> r.tableName(dev.dvalabs.cli.practice.PracticeTable.TABLE));
            }
        }
    }
}
