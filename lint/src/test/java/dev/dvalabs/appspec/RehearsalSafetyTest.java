package dev.dvalabs.appspec;

import static dev.dvalabs.appspec.TestBundles.HEAD;
import static dev.dvalabs.appspec.TestBundles.awaitPid;
import static dev.dvalabs.appspec.TestBundles.event;
import static dev.dvalabs.appspec.TestBundles.listing;
import static dev.dvalabs.appspec.TestBundles.awaitDeath;
import static dev.dvalabs.appspec.TestBundles.statuses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.dvalabs.appspec.Rehearsal.Status;

/** What a hostile bundle tried, with real links and processes in a temporary directory. */
@DisplayName("A rehearsal, against a hostile bundle,")
class RehearsalSafetyTest {

    @TempDir
    Path work;

    private Path outside() throws Exception {
        return Files.createDirectories(work.resolve("outside"));
    }

    @Test
    @DisplayName("refuses a files source that is a symlink to /etc and writes nothing")
    void sourceLinkToEtcRefused() throws Exception {
        Path bundle = TestBundles.bundle(work.resolve("bundle"), HEAD + "files:\n  - source: site\n    destination: /srv\n", Map.of());
        Files.createSymbolicLink(bundle.resolve("site"), Path.of("/etc"));
        Path scratch = work.resolve("scratch");

        Rehearsal.Result result = new Rehearsal(scratch).run(bundle);

        assertThat(result.refusal()).isPresent();
        assertThat(result.findings()).extracting(Finding::ruleId).contains("files-source-outside-bundle");
        assertThat(scratch).doesNotExist();
    }

    @Test
    @DisplayName("refuses a hook that links to a script outside the bundle, which is neither made executable nor run")
    void hookLinkOutRefused() throws Exception {
        Path evil = Files.writeString(outside().resolve("evil.sh"), "#!/bin/sh\ntouch \"" + work.resolve("outside/ran") + "\"\n");
        Files.setPosixFilePermissions(evil, PosixFilePermissions.fromString("rw-r--r--"));
        Path bundle = TestBundles.bundle(work.resolve("bundle"), HEAD + "hooks:\n  BeforeInstall:\n    - location: run.sh\n", Map.of());
        Files.createSymbolicLink(bundle.resolve("run.sh"), evil);

        Rehearsal.Result result = new Rehearsal(work.resolve("scratch")).run(bundle);

        assertThat(result.refusal()).isPresent();
        assertThat(result.findings()).extracting(Finding::ruleId).contains("hook-location-outside-bundle");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(evil))).isEqualTo("rw-r--r--");
        assertThat(work.resolve("outside/ran")).doesNotExist();
    }

    @Test
    @DisplayName("neither chmods nor runs a script through an absolute link that leads back to the learner's bundle")
    void absoluteLinkInsideBundleNotFollowed() throws Exception {
        Path bundle = TestBundles.bundle(work.resolve("bundle"), HEAD + "hooks:\n  BeforeInstall:\n    - location: run.sh\n",
                Map.of("scripts/real.sh", "#!/bin/sh\necho ran\n"));
        Path real = bundle.resolve("scripts/real.sh");
        Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rw-r--r--"));
        Files.createSymbolicLink(bundle.resolve("run.sh"), real.toAbsolutePath());

        Rehearsal.Result result = new Rehearsal(work.resolve("scratch")).run(bundle);

        assertThat(statuses(result)).containsEntry("BeforeInstall", Status.Failed);
        assertThat(event(result, "BeforeInstall").output()).contains("leads outside the scratch root").doesNotContain("ran\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(real))).isEqualTo("rw-r--r--");
    }

    @Test
    @DisplayName("does not let a link the bundle installs carry a later files entry's directories outside the scratch root")
    void installedLinkNotWrittenThrough() throws Exception {
        Path outside = outside();
        Path bundle = TestBundles.bundle(work.resolve("bundle"), HEAD + """
                files:
                  - source: site
                    destination: /srv
                  - source: more
                    destination: /srv/sub/deep
                """, Map.of("site/index.html", "hi", "more/a.txt", "a"));
        Files.createSymbolicLink(bundle.resolve("site/sub"), outside);

        Rehearsal.Result result = new Rehearsal(work.resolve("scratch")).run(bundle);

        assertThat(statuses(result)).containsEntry("Install", Status.Failed);
        assertThat(event(result, "Install").output()).contains("refusing to write through the link /srv/sub");
        assertThat(listing(outside)).containsExactly("");
    }

    @Test
    @DisplayName("does not let a link a hook leaves in the scratch root carry Install outside it")
    void hookMadeLinkNotWrittenThrough() throws Exception {
        Path outside = outside();
        Path bundle = TestBundles.bundle(work.resolve("bundle"), HEAD + """
                files:
                  - source: site
                    destination: /srv/app
                hooks:
                  BeforeInstall:
                    - location: link.sh
                """, Map.of("site/index.html", "hi",
                "link.sh", "#!/bin/sh\nln -s \"" + outside + "\" \"$DVA_LABS_SCRATCH_ROOT/srv\"\n"));

        Rehearsal.Result result = new Rehearsal(work.resolve("scratch")).run(bundle);

        assertThat(statuses(result)).containsEntry("BeforeInstall", Status.Succeeded).containsEntry("Install", Status.Failed);
        assertThat(listing(outside)).containsExactly("");
    }

    @Test
    @Timeout(60)
    @DisplayName("kills a hook's background child, orphaned or not, when the hook ends")
    void backgroundChildKilled() throws Exception {
        Path bundle = TestBundles.bundle(work.resolve("bundle"), HEAD + "hooks:\n  ApplicationStart:\n    - location: start.sh\n",
                Map.of("start.sh", "#!/bin/sh\n( sleep 300 >/dev/null 2>&1 & echo $! > \"$DVA_LABS_SCRATCH_ROOT/child.pid\" )\n"
                        + "sleep 300 >/dev/null 2>&1 &\necho $! > \"$DVA_LABS_SCRATCH_ROOT/direct.pid\"\necho started\n"));
        Path scratch = work.resolve("scratch");

        Rehearsal.Result result = new Rehearsal(scratch).run(bundle);

        assertThat(statuses(result)).containsEntry("ApplicationStart", Status.Succeeded);
        awaitDeath(awaitPid(scratch.resolve("child.pid")));
        awaitDeath(awaitPid(scratch.resolve("direct.pid")));
    }

    /** A child that writes its pid, then sleeps a duration no other test uses, so a leftover is recognisably this test's. */
    private static String child(int seconds) {
        return "sh -c 'echo $$ > \"$DVA_LABS_SCRATCH_ROOT/child.pid\"; exec sleep " + seconds + "'";
    }

    static Stream<Arguments> escapes() {
        return Stream.of(
                Arguments.of("a new session (setsid)", "setsid " + child(3021) + " >/dev/null 2>&1 &"),
                Arguments.of("a new session that keeps the hook's output open", "setsid " + child(3051) + " &"),
                Arguments.of("a job's own process group (set -m)", "set -m\n" + child(3041) + " >/dev/null 2>&1 &"),
                Arguments.of("a double fork into a new session", "( setsid " + child(3081) + " >/dev/null 2>&1 & ) &"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escapes")
    @Timeout(60)
    @DisplayName("kills a hook's child that left its process group, found by the run's marker in its environment, when the hook ends:")
    void escapedChildKilled(String form, String launch) throws Exception {
        // The hook waits for its child's pid, so that the child has surely left the group before the hook ends.
        Path bundle = TestBundles.bundle(work.resolve("bundle"), HEAD + "hooks:\n  ApplicationStart:\n    - location: start.sh\n",
                Map.of("start.sh", "#!/bin/bash\n" + launch + "\nuntil [ -s \"$DVA_LABS_SCRATCH_ROOT/child.pid\" ]; do sleep 0.01; done\n"
                        + "echo started\n"));
        Path scratch = work.resolve("scratch");

        Rehearsal.Result result = new Rehearsal(scratch).run(bundle);

        assertThat(statuses(result)).containsEntry("ApplicationStart", Status.Succeeded);
        assertThat(event(result, "ApplicationStart").output()).contains("started");
        awaitDeath(awaitPid(scratch.resolve("child.pid")));
    }

    /**
     * A hook that waits on a child in its group, having orphaned another in a session of its own
     * (no longer its descendant, nor in its group).
     */
    private static final String WAITS_WITH_ESCAPED_CHILD = "#!/bin/sh\nsleep 300 >/dev/null 2>&1 &\necho $! > \"$DVA_LABS_SCRATCH_ROOT/child.pid\"\n"
            + "( setsid sh -c 'echo $$ > \"$DVA_LABS_SCRATCH_ROOT/escaped.pid\"; exec sleep 3071' >/dev/null 2>&1 & )\nwait\n";

    @Test
    @Timeout(60)
    @DisplayName("kills the running hook's process group, and its children that left it, when its thread is interrupted")
    void interruptionKillsGroup() throws Exception {
        Path bundle = TestBundles.bundle(work.resolve("bundle"), HEAD + "hooks:\n  ApplicationStart:\n    - location: wait.sh\n",
                Map.of("wait.sh", WAITS_WITH_ESCAPED_CHILD));
        Path scratch = work.resolve("scratch");
        AtomicReference<Rehearsal.Result> result = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                result.set(new Rehearsal(scratch).run(bundle));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        thread.start();
        long child = awaitPid(scratch.resolve("child.pid"));
        long escaped = awaitPid(scratch.resolve("escaped.pid"));
        thread.interrupt();
        thread.join();

        awaitDeath(child);
        awaitDeath(escaped);
        assertThat(statuses(result.get())).containsEntry("ApplicationStart", Status.Failed).containsEntry("ValidateService", Status.Skipped);
        assertThat(event(result.get(), "ApplicationStart").output()).contains("[interrupted");
    }

    @Test
    @Timeout(60)
    @DisplayName("on exit (Ctrl-C) kills the live hooks and their children that left the group, then removes the temporary scratch root it made, and starts no hook after")
    void exitCleansUp() throws Exception {
        OnExit exit = new OnExit(false);
        ScratchRoot root = ScratchRoot.temporary(false, exit);
        Path bundle = TestBundles.bundle(work.resolve("bundle"), HEAD + "hooks:\n  ApplicationStart:\n    - location: wait.sh\n",
                Map.of("wait.sh", WAITS_WITH_ESCAPED_CHILD));
        AtomicReference<Rehearsal.Result> result = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                result.set(new Rehearsal(root.path()).withOnExit(exit).run(bundle));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            thread.start();
            long child = awaitPid(root.path().resolve("child.pid"));
            long escaped = awaitPid(root.path().resolve("escaped.pid"));

            exit.run();
            thread.join();

            awaitDeath(child);
            awaitDeath(escaped);
            assertThat(root.path()).doesNotExist();
            assertThat(statuses(result.get())).containsEntry("ApplicationStart", Status.Failed);
            Rehearsal.Result after = new Rehearsal(work.resolve("after")).withOnExit(exit).run(bundle);
            assertThat(event(after, "ApplicationStart").output()).contains("not started");
        } finally {
            Rehearsal.deleteTree(root.path());
        }
    }

    @Test
    @Timeout(60)
    @DisplayName("stops an event at its limit even when the script's own timeout is longer")
    void eventLimitEnforced() throws Exception {
        Path bundle = TestBundles.bundle(work.resolve("bundle"), HEAD + """
                hooks:
                  ValidateService:
                    - location: slow.sh
                      timeout: 3600
                    - location: slow.sh
                """, Map.of("slow.sh", "#!/bin/sh\necho $$ > \"$DVA_LABS_SCRATCH_ROOT/slow.pid\"\nsleep 300\n"));
        Path scratch = work.resolve("scratch");

        Rehearsal.Result result = new Rehearsal(scratch).withEventLimit(Duration.ofMillis(1500)).run(bundle);

        assertThat(statuses(result)).containsEntry("ValidateService", Status.TimedOut);
        assertThat(event(result, "ValidateService").output()).contains("the event's limit of 1.5 s");
        assertThat(event(result, "ValidateService").scripts()).hasSize(1);
        awaitDeath(awaitPid(scratch.resolve("slow.pid")));
    }

    @Test
    @DisplayName("caps each event at CodeDeploy's 3600 seconds by default")
    void defaultLimitIsAnHour() {
        assertThat(Rehearsal.MAX_EVENT).isEqualTo(Duration.ofSeconds(3600));
    }

    @Test
    @DisplayName("refuses an empty or blank scratch path instead of installing into the current directory")
    void blankScratchRefused() {
        assertThatThrownBy(() -> ScratchRoot.named(Path.of(""))).isInstanceOf(ScratchRoot.BadScratchException.class)
                .hasMessageContaining("empty path");
        assertThatThrownBy(() -> ScratchRoot.named(Path.of("  "))).isInstanceOf(ScratchRoot.BadScratchException.class);
        assertThatThrownBy(() -> new Rehearsal(Path.of(""))).isInstanceOf(IllegalArgumentException.class);
        assertThat(Path.of("  ")).doesNotExist();
    }

    @Test
    @DisplayName("removes the temporary scratch root it made on close, and keeps one it was asked to keep")
    void temporaryRootRemoved() throws Exception {
        OnExit exit = new OnExit(false);
        ScratchRoot removed = ScratchRoot.temporary(false, exit);
        ScratchRoot kept = ScratchRoot.temporary(true, exit);
        try {
            Files.writeString(removed.path().resolve("a"), "x");

            removed.close();
            kept.close();

            assertThat(removed.path()).doesNotExist();
            assertThat(kept.path()).isDirectory();
        } finally {
            Rehearsal.deleteTree(kept.path());
        }
    }
}
