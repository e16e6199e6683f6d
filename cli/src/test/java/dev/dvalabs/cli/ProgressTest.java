package dev.dvalabs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.targets.LocalEmulator;
import dev.dvalabs.testing.LocalEmulatorExtension;
import dev.dvalabs.verify.CheckResult;
import dev.dvalabs.verify.Outcome;
import dev.dvalabs.verify.Report;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Every verify remembered, and what labs progress and labs list make of it. */
@ExtendWith({LocalEmulatorExtension.class, OwnStateDirectory.class})
class ProgressTest {

    static final String TABLE = "dva-labs-progress-test";

    static Report report(CheckResult key, CheckResult ttl) {
        return new Report("practice-table", "local", List.of(
                new Outcome("composite-key", "Keys", "Composite Key", "add a sort key", key),
                new Outcome("ttl-enabled", "TTL", "TTL", "turn TTL on", ttl)));
    }

    @Test
    @DisplayName("the best verify is the one with no failure and most passes, the last is the latest, what is left is the last's failures")
    void bestAndLast() throws Exception {
        Progress progress = Progress.ofUser();
        Instant t = Instant.parse("2026-12-06T10:00:00Z");
        progress.record(report(CheckResult.fail("id HASH", "id HASH, at RANGE"), CheckResult.pass("ENABLED")), t);
        progress.record(report(CheckResult.pass("id HASH, at RANGE"), CheckResult.skip("deviation")), t.plusSeconds(60));
        progress.record(report(CheckResult.fail("id HASH", "id HASH, at RANGE"), CheckResult.fail("DISABLED", "ENABLED")),
                t.plusSeconds(120));
        Progress.Summary summary = progress.summary("practice-table").orElseThrow();
        assertThat(summary.best().at()).isEqualTo(t.plusSeconds(60));
        assertThat(summary.best().done()).isTrue();
        assertThat(summary.last().at()).isEqualTo(t.plusSeconds(120));
        assertThat(summary.last().left()).containsExactly("composite-key", "ttl-enabled");
        assertThat(progress.mark("practice-table")).isEqualTo("done");
        assertThat(progress.mark("another")).isEmpty();
        assertThat(Files.readAllLines(Progress.ofUser().dir().resolve("practice-table.jsonl"))).as("a line a verify").hasSize(3)
                .allSatisfy(line -> assertThat(line).startsWith("{\"exercise\":\"practice-table\",\"target\":\"local\""));
    }

    @Test
    @DisplayName("a line cut short by a killed verify is passed over, the others still count")
    void cutLineSkipped() throws Exception {
        Progress progress = Progress.ofUser();
        progress.record(report(CheckResult.fail("id HASH", "id HASH, at RANGE"), CheckResult.skip("deviation")), Instant.now());
        Files.writeString(Progress.ofUser().dir().resolve("practice-table.jsonl"), "{\"exercise\":\"practice-ta", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        assertThat(progress.of("practice-table")).hasSize(1);
        assertThat(progress.mark("practice-table")).isEqualTo("started");
    }

    @Test
    @DisplayName("labs verify remembers each verify: progress shows started and what is left, then done; list marks it")
    void verifyIsRemembered(LocalEmulator emulator) {
        String endpoint = emulator.endpoint().orElseThrow().toString();
        String[] verify = {"verify", "practice-table", "--name", "table=" + TABLE, "--target", "endpoint", "--endpoint", endpoint};
        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder())) {
            assertThat(LabsTest.run("progress").out()).containsPattern("practice-table +not verified yet");
            assertThat(LabsTest.run("list").out()).containsPattern("(?m)^practice-table +A practice table");

            WatchTest.createTable(dynamo, TABLE, false);
            assertThat(LabsTest.run(verify).exitCode()).isEqualTo(ExitCode.CHECKS_FAILED);
            LabsTest.Ran progress = LabsTest.run("progress");
            assertThat(progress.exitCode()).isEqualTo(ExitCode.OK);
            assertThat(progress.out()).containsPattern("practice-table +started +best 0 of 2 passed \\(.* UTC\\), last 0 of 2")
                    .containsPattern(" +left: composite-key\\n")
                    .contains("0 of " + dev.dvalabs.exercise.Catalog.load().all().size() + " exercises done");
            assertThat(LabsTest.run("list").out()).containsPattern("(?m)^practice-table +started  A practice table");

            WatchTest.createTable(dynamo, TABLE, true);
            assertThat(LabsTest.run(verify).exitCode()).isEqualTo(ExitCode.OK);
            assertThat(LabsTest.run("progress").out()).containsPattern("practice-table +done +best 1 of 2 passed")
                    .doesNotContain("left:");
            assertThat(LabsTest.run("list").out()).containsPattern("(?m)^practice-table +done     A practice table");
            assertThat(Progress.ofUser().of("practice-table")).hasSize(2)
                    .allSatisfy(v -> assertThat(v.target()).as("the target it ran on").isEqualTo("endpoint"));
        } finally {
            WatchTest.dropTable(emulator, TABLE);
        }
    }

    @Test
    @DisplayName("verify of an exercise that is not deployed says so first, in one line with how to deploy it, and progress does not count it")
    void notDeployedIsSaidAndNotCounted(LocalEmulator emulator) throws Exception {
        String endpoint = emulator.endpoint().orElseThrow().toString();
        LabsTest.Ran ran = LabsTest.run("verify", "practice-table", "--target", "endpoint", "--endpoint", endpoint);
        assertThat(ran.exitCode()).isEqualTo(ExitCode.CHECKS_FAILED);
        assertThat(ran.out().lines().findFirst().orElse(""))
                .contains("practice-table does not seem to be deployed", "labs deploy practice-table");
        assertThat(Progress.ofUser().of("practice-table")).as("a stray verify is no attempt").isEmpty();
    }
}
