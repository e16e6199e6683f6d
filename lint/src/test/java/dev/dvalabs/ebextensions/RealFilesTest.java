package dev.dvalabs.ebextensions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.appspec.Finding;
import dev.dvalabs.testing.RealFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The .ebextensions linter on the configuration files AWS publishes for Elastic Beanstalk
 * (real-files/ebextensions/valid), each linted as the one config of a bundle: none draws an ERROR, warnings
 * allowed. Each broken variant (real-files/ebextensions/broken) draws exactly the one ERROR its second line
 * names, at that line and column.
 */
class RealFilesTest {

    static Stream<Path> valid() {
        return RealFiles.valid("ebextensions");
    }

    static Stream<Path> broken() {
        return RealFiles.broken("ebextensions");
    }

    private static List<Finding> lintAsBundle(Path config) throws IOException {
        return new BundleLinter().lint(Map.of(".ebextensions/" + config.getFileName(), Files.readAllBytes(config)))
                .stream().map(BundleLinter.Located::finding).toList();
    }

    @ParameterizedTest(name = "{0} has no ERROR")
    @MethodSource("valid")
    void validFilesHaveNoError(Path file) throws IOException {
        assertThat(lintAsBundle(file)).filteredOn(Finding::isError).isEmpty();
        assertThat(RealFiles.namesItsSource(file)).as("names its repository, path and commit").isTrue();
    }

    @ParameterizedTest(name = "{0} draws its one ERROR")
    @MethodSource("broken")
    void brokenVariantsDrawTheirError(Path file) throws IOException {
        List<Finding> errors = lintAsBundle(file).stream().filter(Finding::isError).toList();
        assertThat(errors).as(errors.toString()).singleElement().matches(RealFiles.expected(file)::matches,
                RealFiles.expected(file).toString());
        assertThat(lintAsBundle(RealFiles.validOf(file))).filteredOn(Finding::isError).isEmpty();
    }

    @Test
    @DisplayName("the corpus has at least 20 valid configs and 10 broken variants")
    void enough() {
        assertThat(valid().count()).isGreaterThanOrEqualTo(20);
        assertThat(broken().count()).isGreaterThanOrEqualTo(10);
    }
}
