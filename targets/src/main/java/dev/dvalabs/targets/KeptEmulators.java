package dev.dvalabs.targets;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The emulators the toolkit's commands started, one file per kind of emulator in the state directory
 * (the cache directory), so that the next command attaches instead of starting another and
 * {@code status} and {@code destroy} find what runs. A command records its emulator before the
 * emulator's first request, so a command killed at any point leaves it findable.
 */
final class KeptEmulators {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** How long a first start may keep another command waiting: install aside, a start takes seconds. */
    static final Duration START_LOCK_WAIT = Duration.ofSeconds(120);
    /** A record is read and rewritten in milliseconds. */
    private static final Duration RECORD_LOCK_WAIT = Duration.ofSeconds(20);

    /**
     * A recorded emulator: its process, port and region, when the process started (to tell it from a
     * later process that got the same pid; 0 when unknown) and whether only the command that started it
     * uses it ({@code temporary}: it stops the emulator when it ends, unless another command kept it since),
     * and that command's process ({@code owner}): a temporary emulator whose owner is gone was orphaned by
     * a kill and counts as kept, so that destroy stops it once nothing is deployed on it. A temporary
     * emulator is {@code shared} once its owner ended while other commands still used it: the last of
     * them to end stops it.
     */
    record Kept(long pid, int port, String region, long startedAt, boolean temporary, long owner, boolean shared) {

        /** A command's own temporary emulator, stopped when that command ends. */
        static Kept temporary(long pid, int port, String region, long startedAt, long owner) {
            return new Kept(pid, port, region, startedAt, true, owner, false);
        }

        /** Kept running after the command that asked for it, until destroy. */
        static Kept kept(long pid, int port, String region, long startedAt) {
            return new Kept(pid, port, region, startedAt, false, 0, false);
        }

        /** Kept by a command, or left behind by one that was killed. */
        boolean keptOrOrphaned() {
            return !temporary || !shared && ProcessHandle.of(owner).filter(ProcessHandle::isAlive).isEmpty();
        }

        /** The temporary emulator with this process, handed over to the commands still using it. */
        boolean sharedTemporary(long pid) {
            return this.pid == pid && temporary && shared;
        }
    }

    private final Path dir;

    KeptEmulators(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    Optional<Kept> read(Emulator emulator) {
        Path state = file(emulator);
        if (!Files.isRegularFile(state)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readerFor(Kept.class)
                    .without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(state.toFile()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Writes the record to a temporary file and moves it into place atomically: a reader (or a command
     * killed mid-write) sees the old record or the new one, never half of one.
     */
    void remember(Emulator emulator, Kept kept) {
        try {
            Files.createDirectories(dir);
            Path temporary = Files.createTempFile(dir, emulator.target() + "-emulator", ".tmp");
            try {
                JSON.writeValue(temporary.toFile(), kept);
                Files.move(temporary, file(emulator), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Marks this temporary emulator as handed over to whichever command ends last, unless a command kept
     * it since.
     */
    void handOver(Emulator emulator, long pid) {
        update(emulator, now -> now.map(k -> k.pid() == pid && k.temporary()
                ? new Kept(k.pid(), k.port(), k.region(), k.startedAt(), true, k.owner(), true) : k));
    }

    /**
     * Records a temporary emulator that was handed over, and that no command uses any more (they were
     * killed), as kept: an orphan, which destroy stops once nothing is deployed on it, as it does one whose
     * starter was killed. A command that finds it so must not stop it on its way out.
     */
    void orphaned(Emulator emulator, long pid) {
        update(emulator, now -> now.map(k -> k.sharedTemporary(pid) ? Kept.kept(k.pid(), k.port(), k.region(), k.startedAt()) : k));
    }

    /**
     * Records an emulator found by its marker as kept, unless a record of it has been written meanwhile (its
     * command was still starting it); gives the record in force.
     */
    Kept adopt(Emulator emulator, Kept kept) {
        return update(emulator, now -> now.filter(k -> k.pid() == kept.pid()).or(() -> Optional.of(kept))).orElseThrow();
    }

    /** Records the emulator as kept. */
    void keep(Emulator emulator, Kept kept) {
        update(emulator, now -> Optional.of(kept));
    }

    /**
     * Reads the record, and writes what {@code change} makes of it when that differs, under one lock: a
     * hand-over, a keep and an adoption at the same moment never overwrite each other. Gives the record in force.
     */
    private Optional<Kept> update(Emulator emulator, UnaryOperator<Optional<Kept>> change) {
        try (ExclusiveLock ignored = lockRecord(emulator)) {
            Optional<Kept> now = read(emulator);
            Optional<Kept> next = change.apply(now);
            if (next.isPresent() && !next.equals(now)) {
                remember(emulator, next.get());
            }
            return next;
        }
    }

    private ExclusiveLock lockRecord(Emulator emulator) {
        return ExclusiveLock.acquire(dir.resolve(emulator.target() + "-emulator-record.lock"), RECORD_LOCK_WAIT, () -> {})
                .orElseThrow(() -> new TargetException("Another labs command has held the local emulator's record for "
                        + RECORD_LOCK_WAIT.toSeconds() + " s; run this again when it has finished."));
    }

    void forget(Emulator emulator) {
        try {
            Files.deleteIfExists(file(emulator));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Forgets the record only if it is still this process's: another command may have recorded its own since. */
    void forget(Emulator emulator, long pid) {
        if (read(emulator).filter(k -> k.pid() == pid).isPresent()) {
            forget(emulator);
        }
    }

    /**
     * Held while a command looks for a running emulator and, finding none, starts and records one: two
     * first commands at once then end with one emulator, not two with one forgotten.
     */
    ExclusiveLock lockStarts(Emulator emulator) {
        return ExclusiveLock.acquire(dir.resolve(emulator.target() + "-emulator.lock"), START_LOCK_WAIT, () -> {})
                .orElseThrow(() -> new TargetException("Another labs command has been starting the local emulator for "
                        + START_LOCK_WAIT.toSeconds() + " s; run this again when it has finished."));
    }

    private Path file(Emulator emulator) {
        return dir.resolve(emulator.target() + "-emulator.json");
    }
}
