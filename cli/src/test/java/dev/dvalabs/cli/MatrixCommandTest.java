package dev.dvalabs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.targets.Emulator;
import dev.dvalabs.verify.CheckResult;
import dev.dvalabs.verify.Outcome;
import dev.dvalabs.verify.Report;
import java.util.LinkedHashMap;
import dev.dvalabs.exercise.Catalog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MatrixCommandTest {

    @Test
    @DisplayName("the table has a row an exercise, a column a target, SKIP and FAIL named, and every deviation with its reason")
    void rendersTheTable() {
        Report report = new Report("ex", "local", List.of(
                new Outcome("a", "A", "n", "h", CheckResult.pass("ok")),
                new Outcome("b", "B", "n", "h", CheckResult.skip("deviation")),
                new Outcome("c", "C", "n", "h", CheckResult.fail("x", "y"))));
        Map<Emulator, MatrixCommand.Cell> cells = new LinkedHashMap<>();
        cells.put(Emulator.MINISTACK, new MatrixCommand.Cell(report, null, null));
        cells.put(Emulator.MOTO, new MatrixCommand.Cell(null, "Template format error | bad", "The vpc has dependencies"));
        String page = MatrixCommand.render(Catalog.load().all(), Map.of("ex", cells), false);
        assertThat(page).contains("| exercise | local (ministack 1.5.33) | moto (moto 5.2.5) | localstack 4.14.0 | floci | aws |")
                .contains("| ex | 1 of 3 pass; SKIP `b`; FAIL `c` | does not deploy: Template format error \\| bad;"
                        + " destroy on this emulator fails: The vpc has dependencies |")
                .contains("not measured here (no Docker engine)", "not measured here (no AWS account)")
                .contains("### ministack", "`practice-table/ttl-enabled`", "### moto", "## Other things seen on the emulators")
                .contains("## Compensations", "AWS::DynamoDB::Table: TimeToLiveSpecification applied with UpdateTimeToLive");
    }

    @Test
    @DisplayName("a refusal without a message reads as such, never as the word null")
    void refusalWithoutMessage() {
        assertThat(MatrixCommand.firstLine(new RuntimeException((String) null))).isEqualTo("refused without saying why");
        assertThat(MatrixCommand.firstLine(new RuntimeException("ministack refused the starter stack of x: Bad (Service: Cfn)")))
                .isEqualTo("Bad");
    }
}
