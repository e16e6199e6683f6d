package dev.dvalabs.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The durable record of one verify's writes into a learner's account: a file of JSON lines, one per write
 * made and one per write undone, each forced to disk before the write it records is made. The verify holds
 * a lock on its file while it runs; a file whose lock is free belongs to a verify that ended without
 * undoing everything (kill -9, a lost machine, a target that refused the undo), and the next verify on the
 * same target and exercise undoes exactly what it names.
 */
final class Journal implements AutoCloseable {

    /**
     * A journal of an emulator untouched this long names writes on an emulator long gone; it is dropped without
     * undoing. An AWS account outlives any age, so there a journal stays until what it names is undone.
     */
    static final Duration FORGOTTEN_AFTER = Duration.ofDays(14);

    private static final String SUFFIX = ".journal";

    /**
     * The journals this JVM holds open. Closing any descriptor of a file drops every lock the process holds on
     * it (POSIX record locks, which Java's file locks are on Linux), so a journal held here is never opened a
     * second time: neither to read it nor by another session's search for abandoned ones.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();
    private static final ObjectMapper JSON = JsonMapper.builder()
            .polymorphicTypeValidator(BasicPolymorphicTypeValidator.builder().allowIfSubType(Write.class).build())
            .build();

    /** A write a journal names and has not marked undone. */
    record Pending(long id, Write write) {}

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private long lastId;

    private Journal(Path file, FileChannel channel, FileLock lock, long lastId) {
        this.file = file.toAbsolutePath().normalize();
        HELD.add(this.file);
        this.channel = channel;
        this.lock = lock;
        this.lastId = lastId;
    }

    /** A new journal for one verify in {@code folder}, locked until {@link #close}. */
    static Journal start(Path folder, String run) {
        Path file = folder.resolve(run + SUFFIX).toAbsolutePath().normalize();
        Path starting = folder.resolve(run + ".starting");
        HELD.add(file); // before it exists: a session of this JVM looking for abandoned journals passes it by
        FileChannel channel = null;
        try {
            Files.createDirectories(folder);
            // Locked before it is named like a journal, so that another JVM's verify never finds it unlocked and
            // takes it for abandoned (and deletes it, empty) between its creation and its lock. A kill between
            // the two leaves an empty .starting file, which names no write.
            channel = FileChannel.open(starting, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
            FileLock lock = channel.lock();
            Files.move(starting, file, StandardCopyOption.ATOMIC_MOVE);
            return new Journal(file, channel, lock, 0);
        } catch (IOException e) {
            HELD.remove(file);
            if (channel != null) {
                try {
                    channel.close();
                    Files.deleteIfExists(starting);
                } catch (IOException alsoFailed) {
                    e.addSuppressed(alsoFailed);
                }
            }
            throw new UncheckedIOException("could not start the verify's journal in " + folder, e);
        }
    }

    /**
     * The journals in {@code folder} that no running verify holds, each locked now for its taker to undo
     * and close; on an emulator, those older than {@link #FORGOTTEN_AFTER} are deleted instead.
     */
    static List<Journal> abandoned(Path folder, Instant now, boolean onAnEmulator) {
        List<Journal> found = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return found;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*" + SUFFIX)) {
            for (Path file : files) {
                takeOver(file, now, onAnEmulator).ifPresent(found::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the journals in " + folder, e);
        }
        return found;
    }

    private static Optional<Journal> takeOver(Path file, Instant now, boolean onAnEmulator) throws IOException {
        Path held = file.toAbsolutePath().normalize();
        if (!HELD.add(held)) {
            return Optional.empty(); // a journal of a session of this JVM, which is running
        }
        boolean taken = false;
        try {
            // Only a plain file is a journal: a symlink planted at one's path is not followed to write what it
            // points at, and a FIFO or a folder named like one would hang or fail the verify.
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            FileChannel channel;
            try {
                channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            } catch (java.nio.file.NoSuchFileException gone) {
                return Optional.empty(); // its verify ended and removed it meanwhile
            }
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException notAJournal) {
                lock = null; // locked by this JVM, not through a journal (a test holding it)
            }
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            if (onAnEmulator && Files.getLastModifiedTime(file).toInstant().plus(FORGOTTEN_AFTER).isBefore(now)) {
                Files.deleteIfExists(file);
                lock.release();
                channel.close();
                return Optional.empty();
            }
            Journal journal = new Journal(file, channel, lock, 0);
            journal.lastId = journal.pending().stream().mapToLong(Pending::id).max().orElse(0);
            taken = true;
            return Optional.of(journal);
        } finally {
            if (!taken) {
                HELD.remove(held);
            }
        }
    }

    /** Records {@code write} durably, before it is made; returns its id for {@link #undone}. */
    synchronized long record(Write write) {
        JsonNode recorded = JSON.valueToTree(write);
        try {
            JSON.treeToValue(recorded, Write.class);
        } catch (IOException | IllegalArgumentException unreadable) {
            // Recorded anyway, it would be made, then skipped by every undo as a write of an unknown kind.
            throw new IllegalArgumentException(write.describe() + " cannot be journaled: a later verify could not read it back"
                    + " to undo it (" + unreadable.getMessage() + "); a Write must be a record Jackson reads back", unreadable);
        }
        if (recorded.toString().getBytes(StandardCharsets.UTF_8).length > LONGEST_LINE - 64) {
            // A longer line is skipped as garbage when the journal is read back, so the write would never be undone.
            throw new IllegalArgumentException(write.describe() + " cannot be journaled: its record is longer than "
                    + LONGEST_LINE + " bytes; a Write names what to remove (a key, a name), not its content");
        }
        ObjectNode line = JSON.createObjectNode();
        line.put("id", ++lastId);
        line.set("write", recorded);
        append(line);
        return lastId;
    }

    /** Records that the write with this id is undone. */
    synchronized void undone(long id) {
        append(JSON.createObjectNode().put("undone", id));
    }

    private void append(ObjectNode line) {
        try {
            long size = channel.size();
            // A line a crash cut short stays on its own: what follows it starts a new line.
            String text = (size > 0 && !endsWithNewline(size) ? "\n" : "") + line + "\n";
            channel.position(size);
            ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            // A full disk writes what fits and says how much: the rest is written again, which then fails, so a
            // record cut short never counts as recorded (its write is not made).
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("could not record in the verify's journal " + file, e);
        }
    }

    private boolean endsWithNewline(long size) throws IOException {
        ByteBuffer last = ByteBuffer.allocate(1);
        channel.read(last, size - 1);
        return last.get(0) == '\n';
    }

    /**
     * The writes recorded and not undone, in the order they were made. A line cut short by a crash while it
     * was being written is the last and is skipped: its write was never made, as recording comes first.
     */
    synchronized List<Pending> pending() {
        Map<Long, Write> open = new LinkedHashMap<>();
        try {
            forEachLine(text -> {
                JsonNode line;
                try {
                    line = JSON.readTree(text);
                } catch (IOException cutShort) {
                    return;
                }
                // Only the two shapes this class writes count; any other line (garbage, a hand edit) is skipped.
                if (line == null || !line.isObject()) {
                    return;
                }
                if (line.path("undone").isIntegralNumber()) {
                    open.remove(line.get("undone").asLong());
                } else if (line.path("id").isIntegralNumber() && line.path("write").isObject()) {
                    try {
                        Write write = JSON.treeToValue(line.get("write"), Write.class);
                        if (write != null) {
                            open.put(line.get("id").asLong(), write);
                        }
                    } catch (IOException | IllegalArgumentException unknown) {
                        // A write of a toolkit version that no longer knows its kind: nothing here can undo it.
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the verify's journal " + file, e);
        }
        List<Pending> pending = new ArrayList<>();
        open.forEach((id, write) -> pending.add(new Pending(id, write)));
        return pending;
    }

    /** No write is recorded in a line this long: a longer one is garbage, skipped without being held in memory. */
    private static final int LONGEST_LINE = 1 << 20;

    /**
     * Gives each line of the journal, read through its own locked channel (another descriptor's close would
     * drop the lock); bytes that are not UTF-8 (a character a crash cut in two) are replaced, not refused.
     */
    private void forEachLine(Consumer<String> each) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        boolean tooLong = false;
        long position = 0;
        int read;
        while ((read = channel.read(chunk.clear(), position)) > 0) {
            position += read;
            for (int i = 0; i < read; i++) {
                byte b = chunk.get(i);
                if (b == '\n') {
                    if (!tooLong) {
                        each.accept(line.toString(StandardCharsets.UTF_8));
                    }
                    line.reset();
                    tooLong = false;
                } else if (!tooLong) {
                    line.write(b);
                    if (line.size() > LONGEST_LINE) {
                        line.reset();
                        tooLong = true;
                    }
                }
            }
        }
        if (!tooLong && line.size() > 0) {
            each.accept(line.toString(StandardCharsets.UTF_8));
        }
    }

    Path file() {
        return file;
    }

    /** Releases the journal; a journal with nothing pending is deleted, one with writes left stays for the next verify. */
    @Override
    public synchronized void close() {
        try {
            if (channel.isOpen()) {
                boolean done = pending().isEmpty();
                if (done) {
                    Files.deleteIfExists(file);
                }
                lock.release();
                channel.close();
                HELD.remove(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not close the verify's journal " + file, e);
        }
    }
}
