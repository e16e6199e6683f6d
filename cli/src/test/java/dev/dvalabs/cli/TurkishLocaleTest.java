package dev.dvalabs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.exercise.Exercise;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A learner whose machine speaks Turkish (LANG=tr_TR.UTF-8): lower-casing "I" gives a dotless "ı", and
 * numbers take a decimal comma. What the toolkit shows as an identifier or a figure must not change.
 */
class TurkishLocaleTest {

    private Locale original;

    @BeforeEach
    void turkish() {
        original = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("tr-TR"));
    }

    @AfterEach
    void restore() {
        Locale.setDefault(original);
    }

    @Test
    @DisplayName("an exercise's cost and the timings line are written with a decimal point under a Turkish locale")
    void figuresKeepTheirPoint() {
        assertThat("I".toLowerCase()).as("the locale is in effect").isEqualTo("ı");
        assertThat(new Exercise.Cost(0.0014, false, "a key").describe()).startsWith("about $0.0014 an hour");
        assertThat(new Exercise.Cost(1.5, true, "a table").describe()).startsWith("about $1.50 an hour");
        assertThat(new Timings().line()).containsPattern("total \\d+\\.\\d\\d s");
        assertThat(LabsTest.run("show", "practice-table").out()).contains("Cost: about $0.00 an hour");
    }
}
