package dev.dvalabs.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What a verifier writes into the account it checks, remembered so that it is undone however verify
 * ends: at the end of observe, or by {@link #close()} from the thread of an interrupted JVM's shutdown
 * hook while observe is still running. A write is recorded before it is made, so that one AWS refused or
 * that half-happened is undone too; recording and writing happen under one lock, so that close waits
 * for a write under way and then undoes it, and nothing is written after close.
 *
 * <pre>{@code
 * OwnWrites<String> orders = new OwnWrites<>(ids -> ids.forEach(this::deleteOrder));
 * orders.write(id, () -> api.post(id));
 * }</pre>
 *
 * @param <W> what one write leaves behind, as its undoing needs to know it
 */
public final class OwnWrites<W> implements AutoCloseable {

    private final Object lock = new Object();
    private final List<W> written = new ArrayList<>();
    private final Consumer<List<W>> undo;
    private boolean closed;

    /** @param undo removes what the given writes left; a write that never happened must not make it fail */
    public OwnWrites(Consumer<List<W>> undo) {
        this.undo = undo;
    }

    /** Records {@code what}, then runs {@code write}, which makes it. */
    public void write(W what, Runnable write) {
        write(List.of(what), () -> {
            write.run();
            return null;
        });
    }

    /** Records everything in {@code what}, then runs {@code write} (a batch), and gives its answer. */
    public <T> T write(List<W> what, Supplier<T> write) {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("verify was interrupted and has removed its test data; it writes no more");
            }
            written.addAll(what);
            return write.get();
        }
    }

    /** Undoes every write so far; later writes are still allowed, as observe may run again. */
    public void undoAll() {
        List<W> now;
        synchronized (lock) {
            now = List.copyOf(written);
            written.clear();
        }
        if (!now.isEmpty()) {
            undo.accept(now);
        }
    }

    /** Undoes what was written and refuses further writes; safe to call again, and from any thread. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
        }
        undoAll();
    }
}
