package dev.dvalabs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.verify.CheckResult;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** labs hint --one-at-a-time begins where the learner's work does not pass yet, not at the checks that do. */
@ExtendWith(OwnStateDirectory.class)
class HintOneAtATimeTest {

    private final InputStream before = HintCommand.input;

    @AfterEach
    void restoreInput() {
        HintCommand.input = before;
    }

    private static LabsTest.Ran hints(String answers) {
        HintCommand.input = new ByteArrayInputStream(answers.getBytes(StandardCharsets.UTF_8));
        return LabsTest.run("hint", "practice-table", "--one-at-a-time");
    }

    @Test
    @DisplayName("after a verify that passed composite-key, the first hint shown is ttl-enabled's, and composite-key's is left out")
    void startsAtTheFirstCheckThatDoesNotPass() throws Exception {
        Progress.ofUser().record(ProgressTest.report(CheckResult.pass("id HASH, at RANGE"), CheckResult.fail("DISABLED", "ENABLED")),
                Instant.now());
        LabsTest.Ran ran = hints("\n");
        assertThat(ran.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(ran.out()).contains("From ttl-enabled, the first check your last verify (local) did not pass; 1 passed")
                .contains("ttl-enabled: TTL is enabled on expiresAt").doesNotContain("composite-key:");
    }

    @Test
    @DisplayName("without a verify on record it starts at the first check, and q stops after it")
    void withoutAVerifyFromTheFirst() {
        LabsTest.Ran ran = hints("q\n");
        assertThat(ran.out()).contains("No verify of practice-table on record yet")
                .contains("composite-key: The table has a partition and a sort key").doesNotContain("ttl-enabled:");
    }

    @Test
    @DisplayName("when the last verify passed every check, it says so instead of showing hints")
    void everythingPassed() throws Exception {
        Progress.ofUser().record(ProgressTest.report(CheckResult.pass("id HASH, at RANGE"), CheckResult.pass("ENABLED")),
                Instant.now());
        assertThat(hints("").out()).contains("passed every check it could judge").doesNotContain("hint:");
    }
}
