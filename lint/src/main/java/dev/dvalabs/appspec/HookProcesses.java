package dev.dvalabs.appspec;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import dev.dvalabs.targets.ProcessEnvironments;

/**
 * The processes of one hook run, found by a random value put in its environment. Every process the hook
 * starts inherits it, even one that leaves the hook's process group or session (setsid, set -m, a double
 * fork), so the run's processes are found again by it on Linux; a process that cleared its environment
 * is not.
 */
final class HookProcesses {

    static final String NAME = "DVA_LABS_REHEARSAL_RUN";

    private static final Optional<String> USER = ProcessHandle.current().info().user();

    private final String value = UUID.randomUUID().toString();

    String value() {
        return value;
    }

    /** The live processes of this user that were started with this marker in their environment. */
    List<ProcessHandle> live() {
        return ProcessHandle.allProcesses()
                .filter(p -> ProcessEnvironments.read(p.pid(), NAME).map(env -> value.equals(env.get(NAME))).orElse(false))
                .filter(p -> USER.isEmpty() || p.info().user().equals(USER))
                .toList();
    }

    /**
     * Kills every marked process, looking again until none is left or the grace has passed: one may
     * fork while the list is made. A killed process stops being listed as soon as it is a zombie,
     * whose environment can no longer be read.
     */
    void killAll(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        for (List<ProcessHandle> marked = live(); !marked.isEmpty() && System.nanoTime() < deadline; marked = live()) {
            marked.forEach(ProcessHandle::destroyForcibly);
            // A short pause for the signals to land (an interrupted thread does not pause, still bounded by the grace).
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }
}
