package dev.dvalabs.appspec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs one hook script the way the agent does, in a process group of its own, and kills the whole
 * group when the script ends, times out or is interrupted: a script's background children must
 * not outlive its event, as they would keep running (and writing) after the rehearsal has gone.
 * Children that leave the group or the session (setsid, set -m, a double fork) are found on Linux
 * by the {@link HookProcesses} each run puts in their environment; one that clears its environment
 * (env -i) and leaves the group as well escapes.
 */
final class HookRunner {

    record Outcome(OptionalInt exitCode, boolean timedOut, String output) {
    }

    private static final Duration KILL_GRACE = Duration.ofSeconds(5);
    private static final Optional<Path> SETSID = firstExecutable("/usr/bin/setsid", "/bin/setsid");
    private static final Optional<Path> KILL = firstExecutable("/usr/bin/kill", "/bin/kill");

    private final Map<String, String> environment;
    private final OnExit onExit;
    private final ThreadFactory readers;

    HookRunner(Map<String, String> environment, OnExit onExit) {
        this(environment, onExit, Thread::new);
    }

    /** {@code readers} makes the thread that drains a hook's output; a test can make it start late. */
    HookRunner(Map<String, String> environment, OnExit onExit, ThreadFactory readers) {
        this.environment = Map.copyOf(environment);
        this.onExit = onExit;
        this.readers = readers;
    }

    private static Optional<Path> firstExecutable(String... candidates) {
        return Stream.of(candidates).map(Path::of).filter(Files::isExecutable).findFirst();
    }

    Outcome run(String event, Path script, Path workingDirectory, Duration timeout) throws IOException {
        makeExecutable(script);
        List<String> command = new ArrayList<>();
        boolean grouped = SETSID.isPresent() && KILL.isPresent();
        if (grouped) {
            // setsid makes the script the leader of a new session and process group whose id is its
            // pid; --wait keeps the exit code should setsid have to fork.
            command.addAll(List.of(SETSID.get().toString(), "--wait"));
        }
        if (!hasShebang(script)) {
            command.add("/bin/sh");
        }
        command.add(script.toString());
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.environment().put("LIFECYCLE_EVENT", event);
        HookProcesses marker = new HookProcesses();
        builder.environment().put(HookProcesses.NAME, marker.value());
        Process[] started = new Process[1];
        Runnable kill = () -> {
            if (started[0] != null) {
                killGroup(started[0], grouped, marker);
            }
        };
        Process process;
        try {
            process = onExit.start(builder, kill);
            started[0] = process;
        } catch (IOException e) {
            return new Outcome(OptionalInt.empty(), false, "could not start " + script.getFileName() + ": " + e.getMessage() + "\n");
        }
        try {
            return await(event, process, grouped, marker, timeout);
        } finally {
            onExit.forget(kill);
        }
    }

    private Outcome await(String event, Process process, boolean grouped, HookProcesses marker, Duration timeout) throws IOException {
        process.getOutputStream().close();
        BoundedOutput output = new BoundedOutput(process.getInputStream(), Rehearsal.MAX_OUTPUT_BYTES);
        Thread reader = readers.newThread(output);
        reader.setName("rehearsal-output-" + event);
        reader.setDaemon(true);
        reader.start();
        boolean finished;
        try {
            finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            // Killed whether the script finished or not: what it started in the background goes too.
            killGroup(process, grouped, marker);
            // Only once the reader has met the end of the output may the pipe be closed: Process's
            // own destroy closes it, and what the reader had not yet read would be lost.
            reader.join(KILL_GRACE.toMillis());
        } catch (InterruptedException e) {
            killGroup(process, grouped, marker);
            Thread.currentThread().interrupt();
            return new Outcome(OptionalInt.empty(), false, output.text() + "[interrupted; its processes killed]\n");
        } finally {
            process.destroyForcibly();
        }
        return finished
                ? new Outcome(OptionalInt.of(process.exitValue()), false, output.text())
                : new Outcome(OptionalInt.empty(), true, output.text());
    }

    /**
     * Descendants are listed before anything dies, since orphans are re-parented and stop being
     * descendants; the group signal reaches those too, and any the script had already orphaned.
     * Those that left the group, or were orphaned before the list was made, carry the marker.
     */
    private static void killGroup(Process process, boolean grouped, HookProcesses marker) {
        List<ProcessHandle> descendants = process.descendants().toList();
        if (grouped) {
            try {
                Process kill = new ProcessBuilder(KILL.get().toString(), "-KILL", "--", "-" + process.pid())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                kill.waitFor(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (IOException e) {
                // The descendants below are still killed one by one.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // Through its handle, which signals the process without closing its pipes (Process.destroy does).
        process.toHandle().destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        marker.killAll(KILL_GRACE);
        try {
            process.waitFor(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean hasShebang(Path script) throws IOException {
        try (var in = Files.newInputStream(script)) {
            byte[] head = in.readNBytes(2);
            return head.length == 2 && head[0] == '#' && head[1] == '!';
        }
    }

    private static void makeExecutable(Path script) throws IOException {
        try {
            Set<PosixFilePermission> permissions = EnumSet.copyOf(Files.getPosixFilePermissions(script));
            permissions.add(PosixFilePermission.OWNER_EXECUTE);
            Files.setPosixFilePermissions(script, permissions);
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the script still runs through /bin/sh when it has no shebang.
        }
    }
}
