package dev.dvalabs.targets;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Emulators found by the marker the toolkit puts in their environment when it starts them, so that one
 * whose record was never written (a command killed between starting it and recording it, or records
 * lost) is still found by {@code status} and {@code destroy}. The environment of another process is
 * readable on Linux ({@code /proc/<pid>/environ}); elsewhere only the records find emulators.
 */
final class MarkedEmulators {

    /** Set to the state directory, so tests with their own state directory never see a learner's emulator. */
    static final String MARKER = "DVA_LABS_EMULATOR";
    static final String TARGET = "DVA_LABS_EMULATOR_TARGET";
    static final String PORT = "DVA_LABS_EMULATOR_PORT";
    static final String REGION = "DVA_LABS_EMULATOR_REGION";
    /** The command that started it, which records it before its first request. */
    static final String OWNER = "DVA_LABS_EMULATOR_OWNER";

    /**
     * A marked emulator process: the top of its process tree, with the port and region it was started with
     * and the command that started it, with when that process started (to tell it from a later process given
     * the same pid; 0 when an older toolkit started it without saying).
     */
    record Marked(ProcessHandle process, int port, String region, long owner, long ownerStarted) {

        /**
         * Whether the command that started it, in another process, still runs: it records the emulator, or
         * stops it, itself. A command of this JVM (a test's) started it under the start lock and recorded it
         * before letting go of it, so what is unrecorded here was lost, not yet to come.
         */
        boolean ownerRuns() {
            return owner != 0 && owner != ProcessHandle.current().pid()
                    && ProcessHandle.of(owner).filter(ProcessHandle::isAlive).filter(p -> sameStart(p, ownerStarted)).isPresent();
        }
    }

    private MarkedEmulators() {}

    /** What to add to an emulator's environment when a command starts it. */
    static Map<String, String> marker(Path stateDir, Emulator kind, int port, String region) {
        ProcessHandle self = ProcessHandle.current();
        return Map.of(MARKER, key(stateDir), TARGET, kind.target(), PORT, Integer.toString(port), REGION, region,
                OWNER, self.pid() + "@" + startedAt(self));
    }

    /** The live emulators of this kind started for this state directory, recorded or not. */
    static List<Marked> find(Path stateDir, Emulator kind) {
        String key = key(stateDir);
        Map<Long, Marked> found = new HashMap<>();
        ProcessHandle.allProcesses().filter(ProcessHandle::isAlive).forEach(p -> environment(p.pid())
                .filter(env -> key.equals(env.get(MARKER)) && kind.target().equals(env.get(TARGET)))
                .flatMap(env -> port(env.get(PORT)).map(port -> new Marked(p, port, env.getOrDefault(REGION, "us-east-1"),
                        owner(env.get(OWNER), 0), owner(env.get(OWNER), 1))))
                .ifPresent(m -> found.put(p.pid(), m)));
        // A child inherits the marker; the emulator is the process whose parent is not marked too.
        Set<Long> pids = found.keySet();
        return found.values().stream()
                .filter(m -> m.process().parent().map(parent -> !pids.contains(parent.pid())).orElse(true))
                .collect(Collectors.toList());
    }

    private static String key(Path stateDir) {
        return stateDir.toAbsolutePath().normalize().toString();
    }

    /** The owner's pid (part 0) or start time (part 1) from "pid@millis"; 0 when not given. */
    private static long owner(String text, int part) {
        String[] parts = text == null ? new String[0] : text.split("@");
        return parts.length == 2 ? number(parts[part]).orElse(0L) : 0L;
    }

    static long startedAt(ProcessHandle process) {
        return process.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
    }

    /** Whether the process started when recorded (within the clock's rounding); unknown times count as the same. */
    static boolean sameStart(ProcessHandle process, long startedAt) {
        long now = startedAt(process);
        return startedAt == 0 || now == 0 || Math.abs(now - startedAt) < 2000;
    }

    private static Optional<Integer> port(String text) {
        return number(text).map(Long::intValue);
    }

    private static Optional<Long> number(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Map<String, String>> environment(long pid) {
        return ProcessEnvironments.read(pid, MARKER);
    }
}
