package dev.dvalabs.cli;

import dev.dvalabs.testing.Jvm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.targets.LocalEmulator;
import dev.dvalabs.testing.LocalEmulatorExtension;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** labs verify --watch on the test emulator: the learner changes their table between rounds. */
@ExtendWith({LocalEmulatorExtension.class, OwnStateDirectory.class})
class WatchTest {

    static final String TABLE = "dva-labs-watch-test";

    /** The learner's table made by hand: a partition key only, or with the sort key the practice exercise asks for. */
    static void createTable(DynamoDbClient dynamo, String table, boolean sortKey) {
        try {
            dynamo.deleteTable(r -> r.tableName(table));
        } catch (ResourceNotFoundException e) {
            // not there yet
        }
        dynamo.createTable(r -> {
            r.tableName(table).billingMode("PAY_PER_REQUEST");
            if (sortKey) {
                r.attributeDefinitions(a -> a.attributeName("id").attributeType("S"), a -> a.attributeName("at").attributeType("S"))
                        .keySchema(k -> k.attributeName("id").keyType("HASH"), k -> k.attributeName("at").keyType("RANGE"));
            } else {
                r.attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                        .keySchema(k -> k.attributeName("id").keyType("HASH"));
            }
        });
    }

    static void dropTable(LocalEmulator emulator, String table) {
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder())) {
            dynamo.deleteTable(r -> r.tableName(table));
        } catch (ResourceNotFoundException e) {
            // already gone
        }
    }

    private static void await(Supplier<String> output, String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!output.get().contains(text)) {
            assertThat(System.nanoTime()).as("waiting for '" + text + "' in:\n" + output.get()).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    @Test
    @DisplayName("a changed table prints only the check whose status changed and the new counts; a verify beside it is not kept waiting; interrupted, it exits 130")
    void printsOnlyTheChangedCheck(LocalEmulator emulator) throws Exception {
        String endpoint = emulator.endpoint().orElseThrow().toString();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicInteger code = new AtomicInteger(-1);
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder())) {
            createTable(dynamo, TABLE, false);
            List<String> tablesBefore = dynamo.listTables().tableNames();
            Thread watch = new Thread(() -> code.set(Labs.run(new PrintWriter(out, true), new PrintWriter(err, true),
                    "verify", "practice-table", "--name", "table=" + TABLE, "--watch", "--interval", "1",
                    "--target", "endpoint", "--endpoint", endpoint)), "labs verify --watch");
            watch.start();
            await(out::toString, "Ctrl-C stops.");
            assertThat(out.toString()).as("the first round prints the whole checklist")
                    .contains("FAIL  composite-key", "SKIP  ttl-enabled", "2 checks: 0 passed, 1 failed, 1 skipped, 0 errors");
            int watching = out.toString().length();
            System.setProperty(CommandLocks.WAIT_PROPERTY, "30");
            try {
                LabsTest.Ran beside = LabsTest.run("verify", "practice-table", "--name", "table=" + TABLE,
                        "--target", "endpoint", "--endpoint", endpoint);
                assertThat(beside.exitCode()).as("a verify beside the watch waits one round at most: " + beside.err())
                        .isEqualTo(ExitCode.CHECKS_FAILED);
            } finally {
                System.clearProperty(CommandLocks.WAIT_PROPERTY);
            }

            createTable(dynamo, TABLE, true);
            await(() -> out.toString().substring(watching), "All checks pass.");
            watch.interrupt();
            watch.join(TimeUnit.MINUTES.toMillis(2));

            assertThat(code.get()).as(err.toString()).isEqualTo(ExitCode.INTERRUPTED);
            String rounds = out.toString().substring(watching);
            assertThat(rounds).contains("1 check changed:", "PASS  composite-key", "2 checks: 1 passed, 0 failed, 1 skipped, 0 errors")
                    .doesNotContain("ttl-enabled").endsWith("Stopped watching practice-table.\n");
            assertThat(rounds.split("check changed:", -1)).as("one change, printed once").hasSize(2);
            assertThat(err.toString()).isEmpty();
            assertThat(dynamo.listTables().tableNames()).as("the watch leaves nothing of its own").isEqualTo(tablesBefore);
            assertThat(dynamo.scan(r -> r.tableName(TABLE)).count()).isZero();
            assertThat(Progress.ofUser().of("practice-table")).as("the first round, the verify beside it and the change remembered")
                    .hasSize(3);
        } finally {
            dropTable(emulator, TABLE);
        }
    }

    @Test
    @DisplayName("Ctrl-C stops a watching labs with exit 130, a sentence and no stack trace")
    void ctrlCStopsCleanly(LocalEmulator emulator) throws Exception {
        Assumptions.assumeFalse(Jvm.ignoresSigint(), Jvm.SIGINT_IGNORED);
        String endpoint = emulator.endpoint().orElseThrow().toString();
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder())) {
            createTable(dynamo, TABLE, false);
        }
        try {
            Process labs = new ProcessBuilder(Jvm.JAVA, Jvm.FIRST_TIER, Jvm.SERIAL_GC,
                    "-Ddva-labs.state-dir=" + OwnStateDirectory.current(), "-cp", System.getProperty("java.class.path"), Labs.class.getName(),
                    "verify", "practice-table", "--name", "table=" + TABLE, "--watch", "--interval", "1",
                    "--target", "endpoint", "--endpoint", endpoint).redirectErrorStream(true).start();
            StringBuilder output = new StringBuilder();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(labs.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null && !line.contains("Ctrl-C stops.")) {
                    output.append(line).append('\n');
                }
                Thread.sleep(1500); // into the next round
                new ProcessBuilder("kill", "-INT", Long.toString(labs.pid())).start().waitFor();
                lines.lines().forEach(l -> output.append(l).append('\n'));
            }
            assertThat(labs.waitFor(2, TimeUnit.MINUTES)).as("stopped").isTrue();
            assertThat(labs.exitValue()).as(output.toString()).isEqualTo(ExitCode.INTERRUPTED);
            assertThat(output.toString()).contains("Stopped watching practice-table.").doesNotContain("\tat ", "Exception");
        } finally {
            dropTable(emulator, TABLE);
        }
    }

    @Test
    @DisplayName("--interval below 1 and --watch with --accounts are bad input")
    void badInput(@TempDir Path dir) throws Exception {
        LabsTest.Ran ran = LabsTest.run("verify", "practice-table", "--watch", "--interval", "0");
        assertThat(ran.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(ran.err()).contains("--interval must be at least 1 second.");
        Path accounts = java.nio.file.Files.writeString(dir.resolve("class.yaml"), "learners:\n  - {name: a, endpoint: 'http://127.0.0.1:9'}\n");
        ran = LabsTest.run("verify", "practice-table", "--watch", "--accounts", accounts.toString());
        assertThat(ran.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(ran.err()).contains("--watch is for one learner's exercise");
    }
}
