package dev.dvalabs.appspec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.commons.io.file.PathUtils;

/**
 * Runs an EC2/On-Premises bundle's in-place lifecycle on this machine, the way AWS's
 * codedeploy-local does, but confined to a scratch root: every absolute path the AppSpec names is
 * mapped beneath it, so /var/www/html becomes &lt;scratch&gt;/var/www/html.
 *
 * <p>Events run in CodeDeploy's order; the first failing or timed-out event stops the rehearsal and
 * the events after it are Skipped, as a deployment to one instance stops. ApplicationStop,
 * BeforeBlockTraffic and AfterBlockTraffic run from the previous revision when one is given and
 * are Skipped otherwise, as on a first deployment.
 *
 * <p>The confinement covers what the rehearsal itself writes. Hook scripts are the learner's own
 * code and run unconfined with the current user's rights; they get DVA_LABS_SCRATCH_ROOT so that a
 * script written for both worlds can prefix the paths it writes.
 */
public final class Rehearsal {

    public enum Status { Succeeded, Failed, Skipped, TimedOut }

    /** One script of a hook; runas is what the AppSpec asked for, not who ran it. */
    public record ScriptRun(String location, Optional<String> runas, OptionalInt exitCode, boolean timedOut) {
    }

    /** One event; for a Skipped event, output says why it was skipped. */
    public record EventResult(String event, Status status, OptionalInt exitCode, Duration duration, String output,
                              List<ScriptRun> scripts) {
    }

    public record Result(Path scratchRoot, List<Finding> findings, Optional<String> refusal, List<EventResult> events) {
        /** Skipped events do not count against a rehearsal: a first deployment skips ApplicationStop. */
        public boolean succeeded() {
            return refusal.isEmpty() && events.stream().noneMatch(e -> e.status() == Status.Failed || e.status() == Status.TimedOut);
        }
    }

    /** Thrown for input that is not a bundle at all: no directory, no appspec.yml. */
    public static final class BadBundleException extends Exception {
        public BadBundleException(String message) {
            super(message);
        }
    }

    /** A script keeps the last this many bytes of its output. */
    public static final int MAX_OUTPUT_BYTES = 64 * 1024;
    /** An event, which may run many scripts, keeps the last this many characters of theirs. */
    static final int MAX_EVENT_OUTPUT_CHARS = 2 * MAX_OUTPUT_BYTES;
    /** CodeDeploy fails a lifecycle event that runs longer than an hour, whatever its scripts' timeouts add up to. */
    public static final Duration MAX_EVENT = Duration.ofSeconds(ServerRules.MAX_TIMEOUT);
    static final String STATE_DIR = ".dva-labs";

    private final Path scratchRoot;
    private final Map<String, String> deploymentVariables = new LinkedHashMap<>();
    private Duration eventLimit = MAX_EVENT;
    private OnExit onExit = OnExit.JVM;

    public Rehearsal(Path scratchRoot) {
        this(scratchRoot, "dva-labs-rehearsal", "rehearsal");
    }

    public Rehearsal(Path scratchRoot, String applicationName, String deploymentGroupName) {
        // An empty path resolves to the working directory, which is not a scratch root.
        if (scratchRoot.toString().isBlank()) {
            throw new IllegalArgumentException(ScratchRoot.BLANK);
        }
        this.scratchRoot = scratchRoot.toAbsolutePath().normalize();
        deploymentVariables.put("DEPLOYMENT_ID", "d-" + randomId());
        deploymentVariables.put("APPLICATION_NAME", applicationName);
        deploymentVariables.put("DEPLOYMENT_GROUP_NAME", deploymentGroupName);
        deploymentVariables.put("DEPLOYMENT_GROUP_ID", UUID.randomUUID().toString());
        deploymentVariables.put("DVA_LABS_SCRATCH_ROOT", this.scratchRoot.toString());
    }

    /** A shorter per-event limit than CodeDeploy's hour, so that a test can see it enforced without waiting. */
    Rehearsal withEventLimit(Duration limit) {
        this.eventLimit = limit;
        return this;
    }

    /** Where hook processes are registered for killing at exit; a test passes its own. */
    Rehearsal withOnExit(OnExit onExit) {
        this.onExit = onExit;
        return this;
    }

    private static String randomId() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        SecureRandom random = new SecureRandom();
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 9; i++) {
            id.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return id.toString();
    }

    public static Optional<Path> appSpecIn(Path bundle) {
        return Stream.of("appspec.yml", "appspec.yaml").map(bundle::resolve).filter(Files::isRegularFile).findFirst();
    }

    /** A first deployment: no previous revision, so the events that run from it are Skipped. */
    public Result run(Path bundleDir) throws BadBundleException, IOException {
        return run(bundleDir, Optional.empty());
    }

    /** A deployment after the given previous revision, the last one that succeeded on this "instance". */
    public Result run(Path bundleDir, Optional<Path> previousDir) throws BadBundleException, IOException {
        Revision current = Revision.read(bundleDir);
        if (current.refusal().isPresent()) {
            return refuse(current.findings(), current.refusal().get());
        }
        Optional<Revision> previous = Optional.empty();
        if (previousDir.isPresent()) {
            Revision read = Revision.read(previousDir.get());
            if (read.refusal().isPresent()) {
                return refuse(current.findings(), "The previous revision " + read.bundle() + " cannot be used: " + read.refusal().get());
            }
            previous = Optional.of(read);
        }
        Files.createDirectories(scratchRoot);
        ScratchPaths paths = new ScratchPaths(scratchRoot);
        Path state = paths.createDirectories(paths.resolve(STATE_DIR));
        Path archive = downloadBundle(paths, state, current.bundle(), "deployment-archive");
        Optional<Path> previousArchive = previous.isPresent()
                ? Optional.of(downloadBundle(paths, state, previous.get().bundle(), "last-successful-archive"))
                : Optional.empty();
        List<EventResult> events = new Events(paths, state, current, archive, previous, previousArchive).run();
        return new Result(scratchRoot, current.findings(), Optional.empty(), events);
    }

    private Result refuse(List<Finding> findings, String why) {
        return new Result(scratchRoot, findings, Optional.of(why), List.of());
    }

    /** The agent's DownloadBundle: a private copy of the revision, so scripts never change the learner's bundle. */
    private static Path downloadBundle(ScratchPaths paths, Path state, Path bundle, String name) throws IOException {
        Path archive = state.resolve(name);
        paths.requireNoLinkAbove(archive);
        deleteTree(archive);
        paths.createDirectories(archive);
        copyTree(bundle, archive);
        return archive;
    }

    /** One rehearsal's run through the lifecycle. */
    private final class Events {
        private final ScratchPaths paths;
        private final Path state;
        private final Revision current;
        private final Path archive;
        private final Optional<Revision> previous;
        private final Optional<Path> previousArchive;
        private final HookRunner runner = new HookRunner(deploymentVariables, onExit);

        Events(ScratchPaths paths, Path state, Revision current, Path archive, Optional<Revision> previous, Optional<Path> previousArchive) {
            this.paths = paths;
            this.state = state;
            this.current = current;
            this.archive = archive;
            this.previous = previous;
            this.previousArchive = previousArchive;
        }

        List<EventResult> run() throws IOException {
            List<EventResult> results = new ArrayList<>();
            String stoppedBy = null;
            for (String event : LifecycleEvents.SERVER_REHEARSED) {
                EventResult result;
                if (stoppedBy != null) {
                    result = skipped(event, "Skipped: " + stoppedBy + " did not succeed, so the deployment stopped there.\n");
                } else if (event.equals("Install")) {
                    result = install();
                } else if (LifecycleEvents.FROM_LAST_SUCCESSFUL.contains(event)) {
                    result = previous.isEmpty()
                            ? skipped(event, "Skipped: no previous revision. The agent runs " + event + " from the last successful "
                                    + "revision's AppSpec and scripts, and skips it on a first deployment; give the previous bundle "
                                    + "(--previous) to rehearse it.\n")
                            : runHooks(event, previous.get(), previousArchive.orElseThrow(), "from the previous revision " + previous.get().bundle() + "\n");
                } else {
                    result = runHooks(event, current, archive, "");
                }
                results.add(result);
                if (stoppedBy == null && (result.status() == Status.Failed || result.status() == Status.TimedOut)) {
                    stoppedBy = event;
                }
            }
            return results;
        }

        private EventResult skipped(String event, String why) {
            return new EventResult(event, Status.Skipped, OptionalInt.empty(), Duration.ZERO, why, List.of());
        }

        private EventResult install() throws IOException {
            long started = System.nanoTime();
            StringBuilder log = new StringBuilder();
            try {
                new Installer(paths, state).install(current, archive, log);
            } catch (IOException | UncheckedIOException e) {
                log.append("Install failed: ").append(e.getMessage()).append('\n');
                return new EventResult("Install", Status.Failed, OptionalInt.empty(), since(started), log.toString(), List.of());
            }
            return new EventResult("Install", Status.Succeeded, OptionalInt.empty(), since(started), log.toString(), List.of());
        }

        /**
         * Runs the event's scripts in order within one budget: each script gets the smaller of its own
         * timeout and what is left of the event's limit, so the event as a whole never runs past it.
         */
        private EventResult runHooks(String event, Revision revision, Path from, String header) throws IOException {
            long started = System.nanoTime();
            StringBuilder output = new StringBuilder(header);
            List<ScriptRun> runs = new ArrayList<>();
            Status status = Status.Succeeded;
            OptionalInt exitCode = OptionalInt.empty();
            long dropped = 0;
            for (Revision.Script script : revision.scripts(event)) {
                Duration left = eventLimit.minus(since(started));
                Duration own = Duration.ofSeconds(script.timeoutSeconds());
                Duration timeout = own.compareTo(left) < 0 ? own : left;
                // runas is recorded, not switched to: the rehearsal runs every script as the current
                // user, since switching users needs root and would let a bundle act as someone else here.
                output.append("[").append(script.location()).append(script.runas().map(u -> " runas " + u + " (not switched)").orElse(""))
                        .append("]\n");
                if (timeout.isNegative() || timeout.isZero()) {
                    output.append("[not started: the event has used its ").append(seconds(eventLimit)).append(" s]\n");
                    status = Status.TimedOut;
                    break;
                }
                HookRunner.Outcome outcome;
                try {
                    Path path = from.resolve(BundlePaths.insideBundle(script.location()).orElseThrow());
                    // The real path, checked: a link in the archive must not get a file outside chmodded or run.
                    Path real = RealPaths.requireInside(paths.root(), path, script.location());
                    outcome = runner.run(event, real, from, timeout);
                } catch (IOException e) {
                    outcome = new HookRunner.Outcome(OptionalInt.empty(), false, e.getMessage() + "\n");
                }
                output.append(outcome.output());
                dropped += dropEarliest(output, header.length());
                runs.add(new ScriptRun(script.location(), script.runas(), outcome.exitCode(), outcome.timedOut()));
                exitCode = outcome.exitCode();
                if (outcome.timedOut()) {
                    output.append("[timed out after ").append(seconds(timeout)).append(" s")
                            .append(timeout.equals(own) ? "" : ", the event's limit of " + seconds(eventLimit) + " s")
                            .append("; its processes killed]\n");
                    status = Status.TimedOut;
                    break;
                }
                if (outcome.exitCode().orElse(-1) != 0) {
                    status = Status.Failed;
                    break;
                }
            }
            if (dropped > 0) {
                output.insert(header.length(), "[... " + dropped + " earlier characters of this event's output dropped]\n");
            }
            return new EventResult(event, status, exitCode, since(started), output.toString(), List.copyOf(runs));
        }

        /**
         * Drops the earliest characters after the event's header beyond {@link #MAX_EVENT_OUTPUT_CHARS},
         * returning how many: the end, where a failing script's error is, matters most.
         */
        private static int dropEarliest(StringBuilder output, int header) {
            int over = output.length() - header - MAX_EVENT_OUTPUT_CHARS;
            if (over <= 0) {
                return 0;
            }
            int cut = header + over;
            // A character outside the BMP is two chars; the cut must not fall between them.
            if (Character.isLowSurrogate(output.charAt(cut))) {
                cut++;
            }
            output.delete(header, cut);
            return cut - header;
        }
    }

    /** Whole seconds as such, anything shorter (a test's limit) with its fraction. */
    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? String.valueOf(duration.toSeconds())
                : String.valueOf(duration.toMillis() / 1000.0);
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    public static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path path : walk.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS,
                            StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** Deletes a directory tree without following links out of it. */
    public static void deleteTree(Path root) throws IOException {
        if (Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            PathUtils.deleteDirectory(root);
        }
    }
}
