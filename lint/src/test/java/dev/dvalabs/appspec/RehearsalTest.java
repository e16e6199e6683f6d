package dev.dvalabs.appspec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static dev.dvalabs.appspec.TestBundles.event;
import static dev.dvalabs.appspec.TestBundles.listing;
import static dev.dvalabs.appspec.TestBundles.statuses;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.dvalabs.appspec.Rehearsal.EventResult;
import dev.dvalabs.appspec.Rehearsal.Status;

@DisplayName("A rehearsal")
class RehearsalTest {

    @TempDir
    Path work;

    private Path bundle(String appspec, Map<String, String> files) throws IOException {
        return TestBundles.bundle(work.resolve("bundle"), appspec, files);
    }

    private static final String HEAD = TestBundles.HEAD;

    @Test
    @DisplayName("gives each hook the agent's environment variables and the scratch root")
    void setsEnvironment() throws Exception {
        Path scratch = work.resolve("scratch");
        Path bundle = bundle(HEAD + "hooks:\n  AfterInstall:\n    - location: env.sh\n",
                Map.of("env.sh", "#!/bin/sh\necho \"$LIFECYCLE_EVENT|$APPLICATION_NAME|$DEPLOYMENT_GROUP_NAME|$DVA_LABS_SCRATCH_ROOT|$(pwd)\"\n"
                        + "test -n \"$DEPLOYMENT_ID\" && test -n \"$DEPLOYMENT_GROUP_ID\"\n"));

        Rehearsal.Result result = new Rehearsal(scratch, "shop", "staging").run(bundle);

        EventResult afterInstall = event(result, "AfterInstall");
        assertThat(afterInstall.status()).isEqualTo(Status.Succeeded);
        String real = scratch.toRealPath().toString();
        assertThat(afterInstall.output()).contains("AfterInstall|shop|staging|" + scratch.toAbsolutePath().normalize() + "|" + real);
    }

    @Test
    @DisplayName("stops at a failing AfterInstall and skips the events after it")
    void failingHookStopsRehearsal() throws Exception {
        Path bundle = bundle(HEAD + """
                hooks:
                  BeforeInstall:
                    - location: ok.sh
                  AfterInstall:
                    - location: fail.sh
                  ApplicationStart:
                    - location: ok.sh
                """, Map.of("ok.sh", "#!/bin/sh\necho fine\n", "fail.sh", "#!/bin/sh\necho broken >&2\nexit 1\n"));

        Rehearsal.Result result = new Rehearsal(work.resolve("scratch")).run(bundle);

        assertThat(statuses(result)).containsExactly(
                Map.entry("BeforeBlockTraffic", Status.Skipped), Map.entry("AfterBlockTraffic", Status.Skipped),
                Map.entry("ApplicationStop", Status.Skipped), Map.entry("BeforeInstall", Status.Succeeded),
                Map.entry("Install", Status.Succeeded), Map.entry("AfterInstall", Status.Failed),
                Map.entry("ApplicationStart", Status.Skipped), Map.entry("ValidateService", Status.Skipped),
                Map.entry("BeforeAllowTraffic", Status.Skipped), Map.entry("AfterAllowTraffic", Status.Skipped));
        EventResult afterInstall = event(result, "AfterInstall");
        assertThat(afterInstall.exitCode()).hasValue(1);
        assertThat(afterInstall.output()).contains("broken");
        assertThat(event(result, "ApplicationStart").output()).contains("AfterInstall did not succeed");
        assertThat(result.succeeded()).isFalse();
    }

    @Test
    @Timeout(60)
    @DisplayName("marks a hook that outlives its timeout TimedOut and kills it")
    void timeoutKillsHook() throws Exception {
        Path bundle = bundle(HEAD + """
                hooks:
                  ApplicationStart:
                    - location: slow.sh
                      timeout: 1
                  ValidateService:
                    - location: slow.sh
                """, Map.of("slow.sh", "#!/bin/sh\necho starting\necho $$ > \"$DVA_LABS_SCRATCH_ROOT/slow.pid\"\nsleep 30\necho never\n"));

        Rehearsal.Result result = new Rehearsal(work.resolve("scratch")).run(bundle);

        assertThat(statuses(result)).containsEntry("ApplicationStart", Status.TimedOut).containsEntry("ValidateService", Status.Skipped);
        assertThat(event(result, "ApplicationStart").output()).contains("starting").doesNotContain("never").contains("timed out after 1 s");
        long pid = Long.parseLong(Files.readString(work.resolve("scratch/slow.pid")).strip());
        TestBundles.awaitDeath(pid);
    }

    @Test
    @DisplayName("refuses a files destination that climbs out with '..' and runs nothing")
    void refusesDotDotDestination() throws Exception {
        Path scratch = work.resolve("scratch");
        Path bundle = bundle(HEAD + "files:\n  - source: a.txt\n    destination: /../../escape\nhooks:\n  BeforeInstall:\n    - location: touch.sh\n",
                Map.of("a.txt", "x", "touch.sh", "#!/bin/sh\ntouch \"$DVA_LABS_SCRATCH_ROOT/ran\"\n"));

        Rehearsal.Result result = new Rehearsal(scratch).run(bundle);

        assertThat(result.refusal()).hasValueSatisfying(r -> assertThat(r).contains("/../../escape"));
        assertThat(result.events()).isEmpty();
        assertThat(listing(work)).containsExactlyInAnyOrder("", "bundle", "bundle/appspec.yml", "bundle/a.txt", "bundle/touch.sh");
    }

    @Test
    @DisplayName("refuses a bundle whose appspec.yml has lint errors")
    void refusesLintErrors() throws Exception {
        Path bundle = bundle(HEAD + "hooks:\n  Install:\n    - location: a.sh\n", Map.of("a.sh", "#!/bin/sh\n"));

        Rehearsal.Result result = new Rehearsal(work.resolve("scratch")).run(bundle);

        assertThat(result.refusal()).isPresent();
        assertThat(result.findings()).extracting(Finding::ruleId).contains("hook-reserved");
        assertThat(result.succeeded()).isFalse();
    }

    @Test
    @DisplayName("writes nothing outside the scratch root and leaves the bundle as it was")
    void confinedToScratch() throws Exception {
        Path bundle = bundle(HEAD + """
                files:
                  - source: site
                    destination: /var/www/html
                  - source: conf/app.conf
                    destination: /etc/app
                hooks:
                  AfterInstall:
                    - location: write.sh
                """, Map.of("site/index.html", "<p>hi</p>", "site/css/a.css", "p{}", "conf/app.conf", "k=v",
                "write.sh", "#!/bin/sh\necho made > \"$DVA_LABS_SCRATCH_ROOT/made-by-hook\"\necho local > made-in-cwd\n"));
        List<String> bundleBefore = listing(bundle);
        Path scratch = work.resolve("scratch");

        Rehearsal.Result result = new Rehearsal(scratch).run(bundle);

        assertThat(result.succeeded()).as(result.events().toString()).isTrue();
        try (Stream<Path> top = Files.list(work)) {
            assertThat(top.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("bundle", "scratch");
        }
        assertThat(listing(bundle)).isEqualTo(bundleBefore);
        assertThat(listing(scratch)).contains("var/www/html/index.html", "var/www/html/css/a.css", "etc/app/app.conf", "made-by-hook");
        assertThat(scratch.resolve(".dva-labs/deployment-archive/made-in-cwd")).exists();
    }

    @Test
    @DisplayName("can run twice into the same scratch root, as a redeployment replaces its own files")
    void rerunsIntoSameScratch() throws Exception {
        Path bundle = bundle(HEAD + "files:\n  - source: site\n    destination: /srv\n", Map.of("site/a.txt", "one"));
        Path scratch = work.resolve("scratch");

        assertThat(new Rehearsal(scratch).run(bundle).succeeded()).isTrue();
        Files.writeString(bundle.resolve("site/a.txt"), "two");
        Rehearsal.Result second = new Rehearsal(scratch).run(bundle);

        assertThat(second.succeeded()).as(second.events().toString()).isTrue();
        assertThat(scratch.resolve("srv/a.txt")).hasContent("two");
    }

    @Test
    @DisplayName("fails Install on a file it did not put there when file_exists_behavior is the default DISALLOW")
    void disallowsForeignFiles() throws Exception {
        Path bundle = bundle(HEAD + "files:\n  - source: site\n    destination: /srv\n", Map.of("site/a.txt", "new"));
        Path scratch = work.resolve("scratch");
        Files.createDirectories(scratch.resolve("srv"));
        Files.writeString(scratch.resolve("srv/a.txt"), "already here");

        Rehearsal.Result result = new Rehearsal(scratch).run(bundle);

        assertThat(statuses(result)).containsEntry("Install", Status.Failed).containsEntry("AfterInstall", Status.Skipped);
        assertThat(scratch.resolve("srv/a.txt")).hasContent("already here");
    }

    @Test
    @Timeout(60)
    @DisplayName("keeps hook output bounded: its end, where its error is, and says how much came before")
    void keepsTailOfOutput() throws Exception {
        Path bundle = bundle(HEAD + "hooks:\n  BeforeInstall:\n    - location: noisy.sh\n",
                Map.of("noisy.sh", "#!/bin/sh\necho BEGIN\nhead -c 52428800 /dev/zero | tr '\\0' x\necho\necho END\nexit 3\n"));

        Rehearsal.Result result = new Rehearsal(work.resolve("scratch")).run(bundle);

        EventResult noisy = event(result, "BeforeInstall");
        assertThat(noisy.status()).isEqualTo(Status.Failed);
        assertThat(noisy.output()).endsWith("\nEND\n").doesNotContain("BEGIN")
                .contains("[... " + (6 + 52428800 + 1 + 4 - Rehearsal.MAX_OUTPUT_BYTES) + " earlier bytes of output dropped]\n");
        assertThat(noisy.output().length()).isLessThan(Rehearsal.MAX_OUTPUT_BYTES + 200);
    }

    @Test
    @Timeout(60)
    @DisplayName("keeps the end of an event whose scripts together print past its limit")
    void keepsTailOfEvent() throws Exception {
        String noisy = "#!/bin/sh\nhead -c 65000 /dev/zero | tr '\\0' x\necho\necho \"end of $(basename \"$0\")\"\n";
        Path bundle = bundle(HEAD + "hooks:\n  BeforeInstall:\n    - location: one.sh\n    - location: two.sh\n"
                        + "    - location: three.sh\n    - location: four.sh\n",
                Map.of("one.sh", noisy, "two.sh", noisy, "three.sh", noisy, "four.sh", noisy));

        Rehearsal.Result result = new Rehearsal(work.resolve("scratch")).run(bundle);

        String output = event(result, "BeforeInstall").output();
        assertThat(output).endsWith("end of four.sh\n").contains("end of three.sh\n").doesNotContain("end of one.sh")
                .containsPattern("\\[\\.\\.\\. \\d+ earlier characters of this event's output dropped]\n");
        assertThat(output.length()).isLessThan(Rehearsal.MAX_EVENT_OUTPUT_CHARS + 200);
    }

    @Test
    @DisplayName("rejects a directory without appspec.yml as bad input")
    void rejectsNonBundle() throws Exception {
        Files.createDirectories(work.resolve("empty"));

        assertThatThrownBy(() -> new Rehearsal(work.resolve("scratch")).run(work.resolve("empty")))
                .isInstanceOf(Rehearsal.BadBundleException.class).hasMessageContaining("No appspec.yml");
    }
}
