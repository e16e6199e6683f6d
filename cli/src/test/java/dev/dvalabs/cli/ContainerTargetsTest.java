package dev.dvalabs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dvalabs.targets.ContainerTarget;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same end-to-end run on the Docker targets. Skipped where no Docker engine answers (as on the
 * machine this project is built on); the code these targets share with the local one is covered by
 * the emulator tests.
 */
class ContainerTargetsTest {

    @ParameterizedTest(name = "labs run practice-table --target {0} ends all-PASS and clean")
    @ValueSource(strings = {"localstack", "floci"})
    void runOnContainer(String target) {
        assumeTrue(ContainerTarget.dockerAvailable(), "no Docker engine answers here");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Labs.run(new PrintWriter(out, true), new PrintWriter(err, true),
                "run", "practice-table", "--target", target);
        assertThat(code).as(out + "\n" + err).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).contains("All checks pass.", "Nothing of practice-table is left");
    }
}
