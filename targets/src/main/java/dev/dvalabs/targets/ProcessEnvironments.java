package dev.dvalabs.targets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The environment another process was started with, read from {@code /proc/<pid>/environ} on Linux.
 * A marker put in the environment of a process the toolkit starts is inherited by everything that
 * process starts, even across a new session or a double fork, so it finds them all again. It is the
 * environment at exec: a process that exec'd itself with a cleared environment carries no marker.
 */
public final class ProcessEnvironments {

    private ProcessEnvironments() {}

    /**
     * The entries of the process's environment whose names start with {@code prefix}; empty when
     * there are none or the environment cannot be read (not Linux, another user's process, a
     * zombie, or gone meanwhile).
     */
    public static Optional<Map<String, String>> read(long pid, String prefix) {
        try {
            String raw = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ")), StandardCharsets.UTF_8);
            Map<String, String> env = new HashMap<>();
            // Entries are NUL-delimited, so a value can never pass for another entry.
            for (String entry : raw.split("\0")) {
                int eq = entry.indexOf('=');
                if (eq > 0 && entry.startsWith(prefix)) {
                    env.put(entry.substring(0, eq), entry.substring(eq + 1));
                }
            }
            return env.isEmpty() ? Optional.empty() : Optional.of(env);
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }
}
