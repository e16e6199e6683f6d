package dev.dvalabs.buildspec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.appspec.Finding;
import dev.dvalabs.testing.RealFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The buildspec linter on buildspecs that run in AWS's own public repositories (real-files/buildspec/valid):
 * none draws an ERROR, warnings allowed. Each broken variant (real-files/buildspec/broken) draws exactly the
 * one ERROR its second line names, at that line and column.
 */
class RealFilesTest {

    static Stream<Path> valid() {
        return RealFiles.valid("buildspec");
    }

    static Stream<Path> broken() {
        return RealFiles.broken("buildspec");
    }

    @ParameterizedTest(name = "{0} has no ERROR")
    @MethodSource("valid")
    void validFilesHaveNoError(Path file) throws IOException {
        assertThat(new BuildspecLinter().lint(file)).filteredOn(Finding::isError).isEmpty();
        assertThat(RealFiles.namesItsSource(file)).as("names its repository, path and commit").isTrue();
    }

    @ParameterizedTest(name = "{0} draws its one ERROR")
    @MethodSource("broken")
    void brokenVariantsDrawTheirError(Path file) throws IOException {
        List<Finding> errors = new BuildspecLinter().lint(file).stream().filter(Finding::isError).toList();
        assertThat(errors).as(errors.toString()).singleElement().matches(RealFiles.expected(file)::matches,
                RealFiles.expected(file).toString());
        assertThat(new BuildspecLinter().lint(RealFiles.validOf(file))).filteredOn(Finding::isError).isEmpty();
    }

    @Test
    @DisplayName("the corpus has at least 20 valid buildspecs and 10 broken variants")
    void enough() {
        assertThat(valid().count()).isGreaterThanOrEqualTo(20);
        assertThat(broken().count()).isGreaterThanOrEqualTo(10);
    }
}
