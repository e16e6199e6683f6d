package dev.dvalabs.verify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * What an exercise remembers between verifies on one target, in the user's state directory beside the
 * journals: facts seen by earlier verifies that the account no longer shows (the throughput a table had
 * before it switched to on-demand). Every fact is kept as it was seen, right or wrong, in the order seen;
 * {@code labs destroy} forgets them with the exercise.
 *
 * @param <T> one remembered fact, a record Jackson writes as a line of JSON
 */
public final class Memory<T> {

    static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule()).build();

    private final Path file;
    private final Class<T> type;

    Memory(Path file, Class<T> type) {
        this.file = file;
        this.type = type;
    }

    /**
     * Adds a fact; a fact that cannot be written is lost with a message, as the check must then say it lacks it.
     * A symlink planted at the memory's path is not followed: the file it points at is not the toolkit's.
     */
    public synchronized void add(T fact) {
        try {
            Files.createDirectories(file.getParent());
            // A line a crash (or a full disk) cut short stays on its own: this fact starts a new line.
            String text = (endsCut() ? "\n" : "") + JSON.writeValueAsString(fact) + "\n";
            Files.writeString(file, text, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.SYNC, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new UncheckedIOException("could not remember what this verify saw in " + file, e);
        }
    }

    /** Whether the memory's last line has no end: a write cut short by a crash or a full disk. */
    private boolean endsCut() throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (java.nio.channels.SeekableByteChannel channel = Files.newByteChannel(file, LinkOption.NOFOLLOW_LINKS)) {
            long size = channel.size();
            if (size == 0) {
                return false;
            }
            java.nio.ByteBuffer last = java.nio.ByteBuffer.allocate(1);
            channel.position(size - 1).read(last);
            return last.get(0) != '\n';
        }
    }

    /**
     * Every fact remembered, oldest first; a line that cannot be read (cut short by a crash, bytes that are not
     * UTF-8, a JSON null) is left out, and so is anything at the memory's path that is not a plain file.
     */
    public synchronized List<T> all() {
        List<T> facts = new ArrayList<>();
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return facts;
        }
        // A decoding reader replaces what is not UTF-8, where Files.readAllLines refuses the whole file.
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                try {
                    T fact = JSON.readValue(line, type);
                    if (fact != null) {
                        facts.add(fact);
                    }
                } catch (IOException unreadable) {
                    // skipped: a line a crash cut short, or of another version
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read what earlier verifies saw in " + file, e);
        }
        return facts;
    }
}
