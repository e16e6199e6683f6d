package dev.dvalabs.exercises.elasticbeanstalkdeployments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.ebextensions.BundleLinter;
import dev.dvalabs.ebextensions.ConfigLinter;
import dev.dvalabs.testing.LinterCasesContract;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The learner's configs as the linter judges them, in place of an emulator corpus (the stacks deploy on
 * no emulator): test/cases/right-*.config are right, some differently from the solution, and lint clean;
 * each test/cases/wrong-RULE--what.config is wrong in exactly one way, RULE. The bundles' layouts too.
 */
class EbextensionsCasesTest extends LinterCasesContract {

    static final Path FOLDER = Path.of(new ElasticBeanstalkDeployments().id());

    EbextensionsCasesTest() {
        super(FOLDER.resolve("test/cases"), file -> new ConfigLinter().lint(Files.readString(file)));
    }

    @Test
    @DisplayName("the solution's bundle lints clean; the starter's has no .ebextensions")
    void bundles() throws BundleLinter.BadBundleException {
        assertThat(new BundleLinter().lint(FOLDER.resolve("solution/bundle"))).isEmpty();
        assertThat(new BundleLinter().lint(FOLDER.resolve("starter-bundle")))
                .extracting(l -> l.finding().ruleId()).containsExactly("ebextensions-missing");
    }

    @Test
    @DisplayName("a bundle zipped with its folder has .ebextensions one level down, which Elastic Beanstalk does not read")
    void nestedFolder() {
        List<BundleLinter.Located> found = new BundleLinter().lint(files("bundle/.ebextensions/app.config", "bundle/application.py"));
        assertThat(found).extracting(l -> l.finding().ruleId()).containsExactly("ebextensions-not-top-level");
        assertThat(found.get(0).finding().message()).contains("inside bundle/");
    }

    @Test
    @DisplayName("a .yml in .ebextensions is skipped by Elastic Beanstalk, so the linter says so")
    void notAConfig() {
        assertThat(new BundleLinter().lint(files(".ebextensions/options.yml", "application.py")))
                .extracting(l -> l.finding().ruleId()).containsExactly("not-a-config");
    }

    @Test
    @DisplayName("several .config files are all read, each finding named by its file")
    void severalConfigs() {
        Map<String, byte[]> bundle = new java.util.TreeMap<>(files("application.py"));
        bundle.put(".ebextensions/01-env.config", "option_settings:\n  aws:elasticbeanstalk:application:environment:\n    A: b\n"
                .getBytes(StandardCharsets.UTF_8));
        bundle.put(".ebextensions/02-cmd.config", "commands:\n  x:\n    cwd: /\n".getBytes(StandardCharsets.UTF_8));
        assertThat(new BundleLinter().lint(bundle)).extracting(l -> l.format("app.zip"))
                .containsExactly("app.zip/.ebextensions/02-cmd.config:2:3: ERROR command-incomplete: The command 'x': Give the command a 'command:' to run.");
    }

    private static Map<String, byte[]> files(String... paths) {
        Map<String, byte[]> bundle = new java.util.TreeMap<>();
        for (String path : paths) {
            bundle.put(path, (path.endsWith(".py") ? "def application(e, s): pass\n"
                    : "option_settings:\n  aws:elasticbeanstalk:command:\n    DeploymentPolicy: Immutable\n").getBytes(StandardCharsets.UTF_8));
        }
        return bundle;
    }
}
