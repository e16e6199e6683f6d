package dev.dvalabs.verify;

import java.nio.file.Path;

/** Where the toolkit keeps what outlives a command and is no cache: {@code $XDG_STATE_HOME/dva-labs}, else {@code ~/.local/state/dva-labs}. */
public final class StateDirectory {

    private StateDirectory() {}

    public static Path root() {
        String xdg = System.getenv("XDG_STATE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "state");
        return base.resolve("dva-labs");
    }

    /** The verify sessions' journals and memories, by target, then exercise. */
    public static Path verify() {
        return root().resolve("verify");
    }
}
