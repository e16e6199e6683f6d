package dev.dvalabs.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.appspec.Finding;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every folder of {@link LinterCases} proves, written once: each right case lints clean, each wrong
 * case fails in exactly its one way (one error, of the rule its name gives), and there are enough of both.
 * An exercise's cases test extends this with its folder and its linter, and adds its own tests:
 *
 * <pre>{@code
 * class BuildspecCasesTest extends LinterCasesContract {
 *     BuildspecCasesTest() {
 *         super(Path.of(new CodecommitCodebuild().id(), "test/cases"), new BuildspecLinter()::lint);
 *     }
 * }
 * }</pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class LinterCasesContract {

    /** The linter as the cases judge it: one case file in, its findings out. */
    @FunctionalInterface
    public interface CaseLinter {
        List<Finding> lint(Path file) throws IOException;
    }

    private final Path cases;
    private final CaseLinter linter;

    protected LinterCasesContract(Path cases, CaseLinter linter) {
        this.cases = cases;
        this.linter = linter;
    }

    protected Stream<Path> right() {
        return LinterCases.right(cases);
    }

    protected Stream<Path> wrong() {
        return LinterCases.wrong(cases);
    }

    @ParameterizedTest(name = "{0} lints clean")
    @MethodSource("right")
    void rightCasesPass(Path file) throws IOException {
        assertThat(linter.lint(file)).isEmpty();
    }

    @ParameterizedTest(name = "{0} fails in exactly its one way")
    @MethodSource("wrong")
    void wrongCasesFailOnce(Path file) throws IOException {
        List<Finding> findings = linter.lint(file);
        assertThat(findings).as(findings.toString()).hasSize(1);
        assertThat(findings.get(0).ruleId()).isEqualTo(LinterCases.rule(file));
        assertThat(findings.get(0).isError()).isTrue();
    }

    @Test
    @DisplayName("there are at least eight wrong cases and four right ones")
    void enoughCases() {
        assertThat(wrong().count()).isGreaterThanOrEqualTo(8);
        assertThat(right().count()).isGreaterThanOrEqualTo(4);
    }
}
