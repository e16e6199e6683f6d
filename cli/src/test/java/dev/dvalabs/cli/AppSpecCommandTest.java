package dev.dvalabs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

@DisplayName("labs appspec")
class AppSpecCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new AppSpecCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private Path appspec(String content) throws Exception {
        return Files.writeString(dir.resolve("appspec.yml"), content);
    }

    @Test
    @DisplayName("lint exits 0 for a clean file")
    void lintClean() throws Exception {
        Path file = appspec("version: 0.0\nos: linux\n");

        assertThat(run("lint", file.toString())).isZero();
        assertThat(out.toString()).contains("no problems found");
    }

    @Test
    @DisplayName("lint exits 1 and prints file:line:col: ERROR rule-id: sentence for an error")
    void lintErrors() throws Exception {
        Path file = appspec("version: 0.0\nos: linux\nhooks:\n  Install:\n    - location: a.sh\n");

        assertThat(run("lint", file.toString())).isEqualTo(1);
        assertThat(out.toString()).containsPattern(
                "(?m)^" + java.util.regex.Pattern.quote(file.toString()) + ":4:3: ERROR hook-reserved: Install is run by CodeDeploy itself.*\\.$");
    }

    @Test
    @DisplayName("lint exits 0 when there are only warnings")
    void lintWarnings() throws Exception {
        Path file = appspec("version: 0.0\nos: linux\nextra: 1\n");

        assertThat(run("lint", file.toString())).isZero();
        assertThat(out.toString()).contains(":3:1: WARNING unknown-key: ");
    }

    @Test
    @DisplayName("lint exits 2 with one sentence and no stack trace for a missing file")
    void lintMissing() {
        assertThat(run("lint", dir.resolve("nope.yml").toString())).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("Cannot read").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(err.toString().strip().lines()).hasSize(1);
    }

    @Test
    @DisplayName("rehearse exits 0 for a working bundle and prints each event")
    void rehearseWorks() throws Exception {
        Path bundle = Files.createDirectories(dir.resolve("bundle"));
        Files.writeString(bundle.resolve("appspec.yml"), "version: 0.0\nos: linux\nhooks:\n  ValidateService:\n    - location: ok.sh\n");
        Files.writeString(bundle.resolve("ok.sh"), "#!/bin/sh\necho all good\n");

        assertThat(run("rehearse", bundle.toString(), "--scratch", dir.resolve("scratch").toString())).isZero();
        assertThat(out.toString()).containsPattern("ValidateService +Succeeded +exit 0").contains("    all good").contains("Rehearsal succeeded.");
    }

    @Test
    @DisplayName("rehearse exits 1 when a hook fails and 2 for a directory without appspec.yml")
    void rehearseFailures() throws Exception {
        Path bundle = Files.createDirectories(dir.resolve("bundle"));
        Files.writeString(bundle.resolve("appspec.yml"), "version: 0.0\nos: linux\nhooks:\n  BeforeInstall:\n    - location: no.sh\n");
        Files.writeString(bundle.resolve("no.sh"), "#!/bin/sh\nexit 3\n");

        assertThat(run("rehearse", bundle.toString())).isEqualTo(1);
        assertThat(out.toString()).containsPattern("BeforeInstall +Failed +exit 3").containsPattern("ValidateService +Skipped");
        assertThat(run("rehearse", Files.createDirectories(dir.resolve("empty")).toString())).isEqualTo(2);
    }

    @Test
    @DisplayName("rehearse refuses an empty or blank --scratch with one sentence and exit 2, installing nothing")
    void rehearseBlankScratch() throws Exception {
        Path bundle = Files.createDirectories(dir.resolve("bundle"));
        Files.writeString(bundle.resolve("appspec.yml"), "version: 0.0\nos: linux\nfiles:\n  - source: a.txt\n    destination: /srv\n");
        Files.writeString(bundle.resolve("a.txt"), "a");

        assertThat(run("rehearse", bundle.toString(), "--scratch", "")).isEqualTo(2);
        assertThat(run("rehearse", bundle.toString(), "--scratch", "   ")).isEqualTo(2);
        assertThat(err.toString().strip().lines()).hasSize(2).allSatisfy(line -> assertThat(line).startsWith("Give --scratch a directory"));
        assertThat(Path.of("srv")).doesNotExist();
        assertThat(Path.of("   ")).doesNotExist();
    }

    @Test
    @DisplayName("rehearse --help says hooks run unconfined as the current user, which of their children escape, and offers --previous")
    void rehearseHelpWarns() {
        // --help is inherited from the top labs command (picocli scope INHERIT), so ask through it.
        assertThat(Labs.run(new PrintWriter(out, true), new PrintWriter(err, true), "appspec", "rehearse", "--help")).isZero();
        assertThat(out.toString().replaceAll("\\s+", " ")).contains("not confined").contains("run as you").contains("--previous")
                .contains("clears its environment and leaves the group escapes");
    }

    @Test
    @DisplayName("rehearse --previous runs ApplicationStop from the previous bundle, and without it reports the event skipped")
    void rehearsePrevious() throws Exception {
        Path old = Files.createDirectories(dir.resolve("old"));
        Files.writeString(old.resolve("appspec.yml"), "version: 0.0\nos: linux\nhooks:\n  ApplicationStop:\n    - location: stop.sh\n");
        Files.writeString(old.resolve("stop.sh"), "#!/bin/sh\necho stopping the old one\n");
        Path current = Files.createDirectories(dir.resolve("new"));
        Files.writeString(current.resolve("appspec.yml"), "version: 0.0\nos: linux\n");

        assertThat(run("rehearse", current.toString())).isZero();
        assertThat(out.toString()).containsPattern("ApplicationStop +Skipped").contains("no previous revision");
        assertThat(run("rehearse", current.toString(), "--previous", old.toString())).isZero();
        assertThat(out.toString()).containsPattern("ApplicationStop +Succeeded +exit 0").contains("    stopping the old one");
    }
}
