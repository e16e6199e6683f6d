package dev.dvalabs.targets;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.nio.channels.OverlappingFileLockException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The commands using one emulator: each holds a shared lock on a file named after the emulator's
 * process while it works, and the operating system drops a command's lock when it ends, even by kill -9.
 * A command done with a temporary emulator stops it only if it can then take the lock alone, that is,
 * when no other command is using it; a newcomer waits for that stop and then finds the emulator gone.
 * A file lock belongs to a whole JVM, so the commands of one JVM (tests) are counted here as well.
 */
final class EmulatorUsers {

    /** How long a newcomer waits for a command that is stopping the emulator (the stop takes at most 10 s). */
    private static final Duration JOIN_WAIT = Duration.ofSeconds(15);
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Pattern USERS_FILE = Pattern.compile("[a-z]+-emulator-(\\d{1,18})\\.users");
    /** The files this JVM holds a shared lock on, with how many of its commands use each; guarded by the class. */
    private static final Map<Path, Held> IN_THIS_JVM = new HashMap<>();

    private static final class Held {
        final FileChannel channel;
        FileLock lock;
        int users;

        Held(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }
    }

    private final Path file;
    private boolean left;

    private EmulatorUsers(Path file) {
        this.file = file;
    }

    /** The lock file of the emulator with this process id, in the state directory. */
    static Path file(Path dir, Emulator kind, long emulatorPid) {
        return dir.resolve(kind.target() + "-emulator-" + emulatorPid + ".users");
    }

    /**
     * Removes the lock files of emulators that no longer run and that no command holds, which would
     * otherwise pile up in the cache. A file is removed only while this process holds its lock alone, and
     * only if its emulator is still gone then: a command that opened it meanwhile finds a live emulator.
     */
    static void pruneStale(Path dir) {
        List<Path> files;
        try (var all = Files.list(dir)) {
            files = all.filter(p -> USERS_FILE.matcher(p.getFileName().toString()).matches()).toList();
        } catch (IOException e) {
            return; // no state directory yet, or unreadable: nothing to prune
        }
        for (Path file : files) {
            Matcher name = USERS_FILE.matcher(file.getFileName().toString());
            if (name.matches() && !running(Long.parseLong(name.group(1)))) {
                removeIfUnheld(file.toAbsolutePath().normalize(), Long.parseLong(name.group(1)));
            }
        }
    }

    private static void removeIfUnheld(Path key, long emulatorPid) {
        synchronized (EmulatorUsers.class) {
            if (IN_THIS_JVM.containsKey(key)) {
                return;
            }
            try (FileChannel channel = FileChannel.open(key, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                FileLock alone = channel.tryLock();
                if (alone != null && !running(emulatorPid)) {
                    Files.deleteIfExists(key);
                }
            } catch (IOException | OverlappingFileLockException e) {
                // held, or gone already: left as it is
            }
        }
    }

    private static boolean running(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * Counts the caller as a user of the emulator; empty when another command has been stopping it for
     * longer than a stop takes. Join before checking that the emulator answers: one that is being stopped
     * is then either still counted as used, or already gone.
     */
    static Optional<EmulatorUsers> join(Path file) {
        Path key = file.toAbsolutePath().normalize();
        synchronized (EmulatorUsers.class) {
            Held held = IN_THIS_JVM.get(key);
            if (held == null) {
                Optional<Held> locked = lockShared(key);
                if (locked.isEmpty()) {
                    return Optional.empty();
                }
                held = locked.get();
                IN_THIS_JVM.put(key, held);
            }
            held.users++;
            return Optional.of(new EmulatorUsers(key));
        }
    }

    private static Optional<Held> lockShared(Path key) {
        FileChannel channel = null;
        try {
            Files.createDirectories(key.getParent());
            channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            Instant deadline = Instant.now().plus(JOIN_WAIT);
            while (true) {
                FileLock lock = channel.tryLock(0, Long.MAX_VALUE, true);
                if (lock != null) {
                    return Optional.of(new Held(channel, lock));
                }
                if (Instant.now().isAfter(deadline)) {
                    channel.close();
                    return Optional.empty();
                }
                Thread.sleep(POLL.toMillis());
            }
        } catch (IOException e) {
            closeQuietly(channel);
            throw new TargetException("Could not lock " + key + " (" + e.getMessage() + ").");
        } catch (InterruptedException e) {
            closeQuietly(channel);
            Thread.currentThread().interrupt();
            throw new TargetException("Interrupted while waiting for another labs command to stop the local emulator.");
        }
    }

    /**
     * Whether no command, in this JVM or another process, uses the emulator now: one handed over to the
     * commands still working on it, found unused, lost them all to kills and is an orphan.
     */
    static boolean unused(Path file) {
        Path key = file.toAbsolutePath().normalize();
        synchronized (EmulatorUsers.class) {
            if (IN_THIS_JVM.containsKey(key)) {
                return false;
            }
            if (!Files.exists(key)) {
                return true;
            }
            try (FileChannel channel = FileChannel.open(key, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                FileLock alone = channel.tryLock();
                return alone != null; // released with the channel
            } catch (IOException e) {
                return false;
            }
        }
    }

    /**
     * Stops counting the caller; if no other command, here or in another process, uses the emulator,
     * runs {@code ifLast} while holding every newcomer off; it answers whether it stopped the emulator.
     * Leaving twice is leaving once.
     */
    void leave(BooleanSupplier ifLast) {
        synchronized (EmulatorUsers.class) {
            Held held = IN_THIS_JVM.get(file);
            if (!left && held != null && held.users == 1) {
                leaveStoppingIfNoOtherProcess(ifLast); // the last here: the other processes decide
            } else if (!left) {
                left = true;
                if (held != null) {
                    held.users--;
                }
            }
        }
    }

    /**
     * Stops counting the caller and, if no command in another process uses the emulator, runs {@code stop}
     * while holding newcomers off; whether it ran. Other users in this JVM are not asked: a labs process
     * runs one command, so only a test holds several, and the command that stops an emptied emulator (a
     * destroy) stopped it under them before there were users at all.
     */
    boolean leaveStoppingIfNoOtherProcess(BooleanSupplier stop) {
        synchronized (EmulatorUsers.class) {
            if (!left) {
                left = true;
                Held held = IN_THIS_JVM.get(file);
                if (held != null) {
                    held.users--;
                }
            }
            Held held = IN_THIS_JVM.remove(file);
            FileChannel channel = null;
            try {
                channel = held != null ? held.channel : FileChannel.open(file, StandardOpenOption.CREATE,
                        StandardOpenOption.READ, StandardOpenOption.WRITE);
                if (held != null) {
                    held.lock.release();
                }
                FileLock alone = channel.tryLock();
                if (alone != null && stop.getAsBoolean()) {
                    Files.deleteIfExists(file);
                    return true;
                }
                if (alone != null) {
                    alone.release();
                }
                if (held != null && held.users > 0) {
                    // Still used here: counted again, as before.
                    held.lock = channel.lock(0, Long.MAX_VALUE, true);
                    IN_THIS_JVM.put(file, held);
                    channel = null;
                }
                return false;
            } catch (IOException e) {
                return false;
            } finally {
                closeQuietly(channel);
            }
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // closing releases the lock; there is nothing else to undo
        }
    }
}
