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
 * What a linter's corpus of {@link RealFiles} proves, written once: no valid file (a file people run, copied
 * with its source named) draws an ERROR, warnings allowed; each broken variant draws exactly the one ERROR its
 * second line names, at that line and column, while the file it varies draws none; and there are enough of both.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class RealFilesContract {

    private final String linterName;
    private final LinterCasesContract.CaseLinter linter;

    protected RealFilesContract(String linterName, LinterCasesContract.CaseLinter linter) {
        this.linterName = linterName;
        this.linter = linter;
    }

    Stream<Path> valid() {
        return RealFiles.valid(linterName);
    }

    Stream<Path> broken() {
        return RealFiles.broken(linterName);
    }

    @ParameterizedTest(name = "{0} has no ERROR and names its source")
    @MethodSource("valid")
    void validFilesHaveNoError(Path file) throws IOException {
        assertThat(linter.lint(file)).filteredOn(Finding::isError).isEmpty();
        assertThat(RealFiles.namesItsSource(file)).as("names its repository, path and commit").isTrue();
    }

    @ParameterizedTest(name = "{0} draws its one ERROR")
    @MethodSource("broken")
    void brokenVariantsDrawTheirError(Path file) throws IOException {
        List<Finding> errors = linter.lint(file).stream().filter(Finding::isError).toList();
        RealFiles.Expected expected = RealFiles.expected(file);
        assertThat(errors).as(errors.toString()).singleElement().matches(expected::matches, expected.toString());
        assertThat(linter.lint(RealFiles.validOf(file))).filteredOn(Finding::isError).isEmpty();
    }

    @Test
    @DisplayName("the corpus has at least 20 valid files and 10 broken variants")
    void enough() {
        assertThat(valid().count()).isGreaterThanOrEqualTo(20);
        assertThat(broken().count()).isGreaterThanOrEqualTo(10);
    }
}
