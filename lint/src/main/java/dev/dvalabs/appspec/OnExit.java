package dev.dvalabs.appspec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a rehearsal must undo when the JVM exits under it (Ctrl-C): finally blocks do not run then,
 * only shutdown hooks. One hook kills the live hooks' processes first, so nothing is still
 * writing, then deletes the scratch roots the rehearsal made itself.
 */
final class OnExit {

    /** The JVM's own: its work runs as a shutdown hook, added the first time something registers. */
    static final OnExit JVM = new OnExit(true);

    private final Object lock = new Object();
    private final Set<Runnable> kills = new LinkedHashSet<>();
    private final Set<Path> roots = new LinkedHashSet<>();
    private final boolean asShutdownHook;
    private boolean hookAdded;
    private boolean exiting;

    /** A test makes its own with asShutdownHook false and calls {@link #run} itself. */
    OnExit(boolean asShutdownHook) {
        this.asShutdownHook = asShutdownHook;
    }

    /**
     * Starts a process unless the JVM is already exiting, and registers how to kill it in the same
     * step, so that no hook can start after the shutdown hook has made its list.
     */
    Process start(ProcessBuilder builder, Runnable kill) throws IOException {
        synchronized (lock) {
            if (exiting) {
                throw new IOException("not started: the rehearsal is being interrupted");
            }
            addHook();
            Process process = builder.start();
            kills.add(kill);
            return process;
        }
    }

    void forget(Runnable kill) {
        synchronized (lock) {
            kills.remove(kill);
        }
    }

    /** Deletes the root at exit unless {@link #cancelDelete} is called first. */
    void deleteAtExit(Path root) {
        synchronized (lock) {
            addHook();
            roots.add(root);
        }
    }

    void cancelDelete(Path root) {
        synchronized (lock) {
            roots.remove(root);
        }
    }

    private void addHook() {
        if (asShutdownHook && !hookAdded) {
            Runtime.getRuntime().addShutdownHook(new Thread(this::run, "dva-labs-rehearsal-cleanup"));
            hookAdded = true;
        }
    }

    /** The shutdown hook's work. */
    void run() {
        List<Runnable> killNow;
        List<Path> deleteNow;
        synchronized (lock) {
            exiting = true;
            killNow = new ArrayList<>(kills);
            deleteNow = new ArrayList<>(roots);
            kills.clear();
            roots.clear();
        }
        killNow.forEach(Runnable::run);
        for (Path root : deleteNow) {
            try {
                Rehearsal.deleteTree(root);
            } catch (IOException e) {
                System.err.println("Could not remove the scratch root " + root + ": " + e.getMessage());
            }
        }
    }
}
