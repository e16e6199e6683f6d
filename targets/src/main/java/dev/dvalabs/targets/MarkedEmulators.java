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

    /** A marked emulator process: the top of its process tree, with the port and region it was started with. */
    record Marked(ProcessHandle process, int port, String region) {}

    private MarkedEmulators() {}

    /** What to add to an emulator's environment when a command starts it. */
    static Map<String, String> marker(Path stateDir, Emulator kind, int port, String region) {
        return Map.of(MARKER, key(stateDir), TARGET, kind.target(), PORT, Integer.toString(port), REGION, region);
    }

    /** The live emulators of this kind started for this state directory, recorded or not. */
    static List<Marked> find(Path stateDir, Emulator kind) {
        String key = key(stateDir);
        Map<Long, Marked> found = new HashMap<>();
        ProcessHandle.allProcesses().filter(ProcessHandle::isAlive).forEach(p -> environment(p.pid())
                .filter(env -> key.equals(env.get(MARKER)) && kind.target().equals(env.get(TARGET)))
                .flatMap(env -> port(env.get(PORT)).map(port -> new Marked(p, port, env.getOrDefault(REGION, "us-east-1"))))
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

    private static Optional<Integer> port(String text) {
        try {
            return Optional.of(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Map<String, String>> environment(long pid) {
        return ProcessEnvironments.read(pid, MARKER);
    }
}
