package dev.dvalabs.appspec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The directory a rehearsal installs into: one the learner named, which is theirs to keep, or a
 * temporary one the rehearsal made, which is removed on close and also when the JVM exits first
 * (Ctrl-C), since a finally block does not run then.
 */
public final class ScratchRoot implements AutoCloseable {

    static final String BLANK = "Give --scratch a directory; an empty path would mean the current directory, "
            + "and the rehearsal would install into it.";

    /** Thrown for a scratch path that cannot be one, such as an empty string. */
    public static final class BadScratchException extends Exception {
        BadScratchException(String message) {
            super(message);
        }
    }

    private final Path path;
    private final boolean removeOnClose;
    private final OnExit onExit;

    private ScratchRoot(Path path, boolean removeOnClose, OnExit onExit) {
        this.path = path;
        this.removeOnClose = removeOnClose;
        this.onExit = onExit;
    }

    /** The learner's own directory, created if missing and never removed. */
    public static ScratchRoot named(Path path) throws BadScratchException, IOException {
        if (path.toString().isBlank()) {
            throw new BadScratchException(BLANK);
        }
        return new ScratchRoot(Files.createDirectories(path), false, OnExit.JVM);
    }

    /** A new temporary directory, removed on close and at exit unless keep is set. */
    public static ScratchRoot temporary(boolean keep) throws IOException {
        return temporary(keep, OnExit.JVM);
    }

    static ScratchRoot temporary(boolean keep, OnExit onExit) throws IOException {
        Path path = Files.createTempDirectory("dva-labs-rehearsal-");
        if (!keep) {
            onExit.deleteAtExit(path);
        }
        return new ScratchRoot(path, !keep, onExit);
    }

    public Path path() {
        return path;
    }

    /** False when the directory stays after close: the learner named it or asked to keep it. */
    public boolean removedOnClose() {
        return removeOnClose;
    }

    @Override
    public void close() throws IOException {
        if (removeOnClose) {
            onExit.cancelDelete(path);
            Rehearsal.deleteTree(path);
        }
    }
}
