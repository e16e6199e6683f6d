package dev.dvalabs.targets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.apache.commons.io.file.PathUtils;

/**
 * An emulator's own temporary directory, {@code <state dir>/tmp/<project>-<port>}, given to it as TMPDIR
 * (and TEMP, TMP): ministack writes its pid file and copies of functions' code there. The system's
 * temporary directory would keep them whenever the emulator is killed; this one goes when the emulator
 * stops, and one whose emulator no longer runs goes when the next emulator starts.
 */
final class EmulatorTemp {

    /** The file naming the process that owns a directory, written once it has started. */
    private static final String OWNER = ".dva-labs-owner";

    private EmulatorTemp() {}

    static Path of(Path stateDir, Emulator kind, int port) {
        return stateDir.resolve("tmp").resolve(kind.project() + "-" + port);
    }

    /** A fresh, empty directory for the emulator about to start on this port, after removing stale ones. */
    static Path create(Path stateDir, Emulator kind, int port, Duration startTimeout) {
        pruneStale(stateDir, startTimeout);
        Path temp = of(stateDir, kind, port);
        try {
            remove(temp); // what a killed emulator of this port left
            return Files.createDirectories(temp);
        } catch (IOException e) {
            throw new TargetException("Could not create " + temp + " for the local emulator's temporary files (" + e.getMessage() + ").");
        }
    }

    /** Records which process uses the directory, so that a later start can tell it from a stale one. */
    static void owned(Path temp, ProcessHandle process) {
        try {
            Files.writeString(temp.resolve(OWNER), process.pid() + " " + LocalEmulator.startedAt(process));
        } catch (IOException e) {
            // without an owner the directory is pruned once it is older than any start takes, never before
        }
    }

    static void remove(Path temp) {
        try {
            if (Files.exists(temp)) {
                PathUtils.deleteDirectory(temp);
            }
        } catch (IOException e) {
            // a directory left behind is pruned when a later emulator starts
        }
    }

    /**
     * Removes every directory whose owner no longer runs; one without an owner yet (an emulator
     * starting now) only once it is older than a start can take.
     */
    static void pruneStale(Path stateDir, Duration startTimeout) {
        Path all = stateDir.resolve("tmp");
        if (!Files.isDirectory(all)) {
            return;
        }
        try (var dirs = Files.list(all)) {
            dirs.filter(Files::isDirectory).filter(d -> stale(d, startTimeout)).forEach(EmulatorTemp::remove);
        } catch (IOException e) {
            // pruning is housekeeping; a start must not fail over it
        }
    }

    private static boolean stale(Path temp, Duration startTimeout) {
        try {
            Path owner = temp.resolve(OWNER);
            if (!Files.exists(owner)) {
                FileTime made = Files.getLastModifiedTime(temp);
                return made.toInstant().isBefore(Instant.now().minus(startTimeout));
            }
            String[] pidAndStart = Files.readString(owner).strip().split(" ");
            long startedAt = Long.parseLong(pidAndStart[1]);
            return ProcessHandle.of(Long.parseLong(pidAndStart[0])).filter(ProcessHandle::isAlive)
                    .filter(p -> LocalEmulator.sameProcess(p, startedAt)).isEmpty();
        } catch (IOException | RuntimeException e) {
            return false; // unreadable: left alone rather than guessed at
        }
    }
}
