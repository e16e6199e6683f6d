package dev.dvalabs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@DisplayName("labs ebextensions lint and labs buildspec lint")
class LintCommandsTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Object command, String... args) {
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    @DisplayName("ebextensions lint exits 0 for a bundle whose .ebextensions is right")
    void bundleClean() throws Exception {
        Files.createDirectories(dir.resolve(".ebextensions"));
        Files.writeString(dir.resolve(".ebextensions/a.config"), "option_settings:\n  aws:elasticbeanstalk:command:\n    DeploymentPolicy: Immutable\n");
        assertThat(run(new EbextensionsCommand(), "lint", dir.toString())).isZero();
        assertThat(out.toString()).contains("no problems found");
    }

    @Test
    @DisplayName("ebextensions lint exits 1 and names the file, line and column of a misspelled option")
    void bundleErrors() throws Exception {
        Files.createDirectories(dir.resolve(".ebextensions"));
        Files.writeString(dir.resolve(".ebextensions/a.config"), "option_settings:\n  aws:elasticbeanstalk:command:\n    DeploymentPolcy: Immutable\n");
        assertThat(run(new EbextensionsCommand(), "lint", dir.toString())).isEqualTo(1);
        assertThat(out.toString()).containsPattern("(?m)^" + Pattern.quote(dir + "/.ebextensions/a.config")
                + ":3:5: ERROR unknown-option: .*did you mean DeploymentPolicy\\?.*$");
    }

    @Test
    @DisplayName("ebextensions lint of something that is not there exits 2 with one sentence")
    void bundleMissing() {
        assertThat(run(new EbextensionsCommand(), "lint", dir.resolve("nope").toString())).isEqualTo(2);
        assertThat(err.toString().strip()).endsWith("give a source bundle's folder or .zip.").doesNotContain("Exception");
    }

    @Test
    @DisplayName("buildspec lint exits 1 and names runtime-versions outside install with its line and column")
    void buildspecErrors() throws Exception {
        Path file = Files.writeString(dir.resolve("buildspec.yml"),
                "version: 0.2\nphases:\n  build:\n    runtime-versions:\n      python: 3.12\n    commands:\n      - make\n");
        assertThat(run(new BuildspecCommand(), "lint", file.toString())).isEqualTo(1);
        assertThat(out.toString()).containsPattern("(?m)^" + Pattern.quote(file.toString()) + ":4:5: ERROR runtime-versions-phase: .*$");
    }

    @Test
    @DisplayName("buildspec lint exits 0 for a clean file and 2 for a missing one")
    void buildspecCleanAndMissing() throws Exception {
        Path file = Files.writeString(dir.resolve("buildspec.yml"), "version: 0.2\nphases:\n  build:\n    commands:\n      - make\n");
        assertThat(run(new BuildspecCommand(), "lint", file.toString())).isZero();
        assertThat(run(new BuildspecCommand(), "lint", dir.resolve("none.yml").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("Cannot read").doesNotContain("Exception");
    }

    @Test
    @DisplayName("ebextensions lint of a bundle whose config links out of it exits 2 with one sentence and nothing of the target")
    void bundleLinkOut() throws Exception {
        Path target = Files.writeString(dir.resolve("secret.txt"), "root:*:20228:0:99999:7:::\n");
        Path bundle = Files.createDirectories(dir.resolve("bundle/.ebextensions")).getParent();
        Files.createSymbolicLink(bundle.resolve(".ebextensions/x.config"), target);
        assertThat(run(new EbextensionsCommand(), "lint", bundle.toString())).isEqualTo(2);
        assertThat(out.toString()).doesNotContain("root:");
        assertThat(err.toString().strip()).doesNotContain("root:").doesNotContain("secret.txt").doesNotContain("\n")
                .endsWith("put the file itself in the bundle.");
    }
}
