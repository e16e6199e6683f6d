package dev.dvalabs.exercises.codecommitcodebuild;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.appspec.Finding;
import dev.dvalabs.buildspec.BuildspecLinter;
import dev.dvalabs.testing.LinterCases;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The learner's buildspecs as the linter judges them, in place of an emulator corpus (the stacks deploy on
 * no emulator): test/cases/right-*.yml lint clean, each wrong-RULE--what.yml fails in exactly one way.
 */
class BuildspecCasesTest {

    static final Path FOLDER = Path.of(new CodecommitCodebuild().id());
    static final Path CASES = FOLDER.resolve("test/cases");

    static Stream<Path> right() {
        return LinterCases.right(CASES);
    }

    static Stream<Path> wrong() {
        return LinterCases.wrong(CASES);
    }

    @ParameterizedTest(name = "{0} lints clean")
    @MethodSource("right")
    void rightBuildspecsPass(Path file) throws IOException {
        assertThat(new BuildspecLinter().lint(file)).isEmpty();
    }

    @ParameterizedTest(name = "{0} fails in exactly its one way")
    @MethodSource("wrong")
    void wrongBuildspecsFailOnce(Path file) throws IOException {
        List<Finding> findings = new BuildspecLinter().lint(file);
        assertThat(findings).as(findings.toString()).hasSize(1);
        assertThat(findings.get(0).ruleId()).isEqualTo(LinterCases.rule(file));
        assertThat(findings.get(0).isError()).isTrue();
    }

    @Test
    @DisplayName("there are at least eight wrong buildspecs and four right ones")
    void enoughCases() {
        assertThat(wrong().count()).isGreaterThanOrEqualTo(8);
        assertThat(right().count()).isGreaterThanOrEqualTo(4);
    }

    @Test
    @DisplayName("the solution's buildspec lints clean; the starter's has its four mistakes and an old version, each at its line")
    void solutionAndStarter() throws IOException {
        assertThat(new BuildspecLinter().lint(FOLDER.resolve("buildspec.yml"))).isEmpty();
        assertThat(new BuildspecLinter().lint(FOLDER.resolve("starter-buildspec.yml")))
                .extracting(f -> f.line() + ":" + f.column() + " " + f.severity() + " " + f.ruleId())
                .containsExactly("2:10 WARNING version-0.1", "9:5 ERROR runtime-versions-phase", "11:15 ERROR commands-not-list",
                        "12:3 ERROR unknown-key", "16:1 ERROR artifacts-files");
    }
}
