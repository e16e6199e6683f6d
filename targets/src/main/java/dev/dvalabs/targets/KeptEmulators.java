package dev.dvalabs.targets;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The emulators an earlier command left running on purpose, one file per kind of emulator in the
 * cache directory, so that the next command attaches instead of starting another.
 */
final class KeptEmulators {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A kept emulator: its process, port and region. */
    record Kept(long pid, int port, String region) {}

    private final Path dir;

    KeptEmulators(Path dir) {
        this.dir = dir;
    }

    Optional<Kept> read(Emulator emulator) {
        Path state = file(emulator);
        if (!Files.isRegularFile(state)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(state.toFile(), Kept.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    void remember(Emulator emulator, Kept kept) {
        try {
            Files.createDirectories(dir);
            JSON.writeValue(file(emulator).toFile(), kept);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void forget(Emulator emulator) {
        try {
            Files.deleteIfExists(file(emulator));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path file(Emulator emulator) {
        return dir.resolve(emulator.target() + "-emulator.json");
    }
}
