package dev.dvalabs.exercises.codecommitcodebuild;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.buildspec.BuildspecLinter;
import dev.dvalabs.testing.LinterCasesContract;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The learner's buildspecs as the linter judges them, in place of an emulator corpus (the stacks deploy on
 * no emulator): test/cases/right-*.yml lint clean, each wrong-RULE--what.yml fails in exactly one way.
 */
class BuildspecCasesTest extends LinterCasesContract {

    static final Path FOLDER = Path.of(new CodecommitCodebuild().id());

    BuildspecCasesTest() {
        super(FOLDER.resolve("test/cases"), new BuildspecLinter()::lint);
    }

    @Test
    @DisplayName("the solution's buildspec lints clean; the starter's has its four mistakes and an old version, each at its line")
    void solutionAndStarter() throws IOException {
        assertThat(new BuildspecLinter().lint(FOLDER.resolve("solution/buildspec.yml"))).isEmpty();
        assertThat(new BuildspecLinter().lint(FOLDER.resolve("starter-buildspec.yml")))
                .extracting(f -> f.line() + ":" + f.column() + " " + f.severity() + " " + f.ruleId())
                .containsExactly("2:10 WARNING version-0.1", "9:5 ERROR runtime-versions-phase", "11:15 ERROR commands-not-list",
                        "12:3 ERROR unknown-key", "16:1 ERROR artifacts-files");
    }
}
