package dev.dvalabs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.dvalabs.cdk.Variant;
import dev.dvalabs.deploy.Deployer;
import dev.dvalabs.exercise.Catalog;
import dev.dvalabs.exercise.Exercise;
import dev.dvalabs.targets.LocalEmulator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An instructor verifying a class: one emulator per learner, some work correct, some broken. */
class ClassroomTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("each learner gets their own results in the CSV and HTML summary; an unreachable one is all ERROR")
    void classOfFour() throws Exception {
        Exercise exercise = Catalog.load().find("practice-table").orElseThrow();
        List<LocalEmulator> emulators = new ArrayList<>();
        try {
            for (Variant variant : List.of(Variant.SOLUTION, Variant.STARTER, Variant.SOLUTION)) {
                LocalEmulator emulator = LocalEmulator.start();
                emulators.add(emulator);
                new Deployer(emulator, new PrintWriter(new StringWriter())).deploy(exercise, variant);
            }
            Path accounts = Files.writeString(dir.resolve("class.yaml"), "learners:\n"
                    + "  - {name: alice, endpoint: '" + emulators.get(0).endpoint().orElseThrow() + "'}\n"
                    + "  - {name: bob, endpoint: '" + emulators.get(1).endpoint().orElseThrow() + "'}\n"
                    + "  - {name: carol, endpoint: '" + emulators.get(2).endpoint().orElseThrow() + "'}\n"
                    + "  - {name: dave, endpoint: 'http://127.0.0.1:9'}\n");
            LabsTest.Ran ran = LabsTest.run("verify", "practice-table", "--accounts", accounts.toString(),
                    "--parallel", "2", "--report-dir", dir.toString());
            assertThat(ran.exitCode()).as(ran.err()).isEqualTo(ExitCode.CHECKS_FAILED);
            assertThat(ran.out()).contains("alice", "bob", "carol", "dave");

            CsvMapper csv = new CsvMapper();
            List<Map<String, String>> rows = new ArrayList<>();
            try (MappingIterator<Map<String, String>> it = csv.readerForMapOf(String.class)
                    .with(CsvSchema.emptySchema().withHeader()).readValues(dir.resolve("practice-table-class.csv").toFile())) {
                it.forEachRemaining(rows::add);
            }
            assertThat(rows).extracting(r -> r.get("learner")).containsExactly("alice", "bob", "carol", "dave");
            assertThat(rows).extracting(r -> r.get("passed")).containsExactly("true", "false", "true", "false");
            assertThat(rows.get(0).get("composite-key")).isEqualTo("PASS");
            assertThat(rows.get(0).get("ttl-enabled")).isEqualTo("SKIP");
            assertThat(rows.get(1).get("composite-key")).isEqualTo("FAIL");
            assertThat(rows.get(1).get("ttl-enabled")).isEqualTo("SKIP");
            assertThat(rows.get(3).values()).filteredOn(v -> !v.equals("dave") && !v.equals("false")).containsOnly("ERROR");

            var page = Jsoup.parse(dir.resolve("practice-table-class.html").toFile(), "UTF-8");
            assertThat(page.select("tr[data-learner]")).hasSize(4);
            assertThat(page.selectFirst("tr[data-learner=bob]").select("td.fail")).hasSize(1);
        } finally {
            emulators.forEach(LocalEmulator::close);
        }
    }

    @Test
    @DisplayName("an accounts file without learners, or with a learner given two ways, is one sentence and exit 2")
    void badAccountsFile() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "learners: []\n");
        assertThat(LabsTest.run("verify", "practice-table", "--accounts", empty.toString()).err()).contains("lists no learners");
        Path twice = Files.writeString(dir.resolve("twice.yaml"), "learners:\n  - {name: eve, profile: p, endpoint: 'http://x:1'}\n");
        LabsTest.Ran ran = LabsTest.run("verify", "practice-table", "--accounts", twice.toString());
        assertThat(ran.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(ran.err()).contains("exactly one of profile, role or endpoint (eve does not)");
        Path real = Files.writeString(dir.resolve("real.yaml"), "learners:\n  - {name: eve, profile: eve-sandbox}\n");
        assertThat(LabsTest.run("verify", "practice-table", "--accounts", real.toString()).err()).contains("add --yes");
    }
}
