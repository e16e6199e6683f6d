package dev.dvalabs.targets;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One holder at a time across every labs process on this machine: a file lock, which the operating
 * system releases when a holder dies (even by kill -9), so a crash never leaves it stuck. A file lock is
 * held by a whole JVM, so a semaphore per file serialises the threads of one JVM as well.
 */
public final class ExclusiveLock implements AutoCloseable {

    private static final Map<Path, Semaphore> IN_THIS_JVM = new ConcurrentHashMap<>();
    private static final Duration POLL = Duration.ofMillis(100);

    private final Semaphore local;
    private final FileChannel channel;
    private final FileLock lock;

    private ExclusiveLock(Semaphore local, FileChannel channel, FileLock lock) {
        this.local = local;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * The lock on {@code file}, waiting at most {@code wait}; {@code onWait} runs once if another
     * holder makes this one wait. Empty when the wait ran out.
     */
    public static Optional<ExclusiveLock> acquire(Path file, Duration wait, Runnable onWait) {
        Instant deadline = Instant.now().plus(wait);
        Path key = file.toAbsolutePath().normalize();
        Semaphore local = IN_THIS_JVM.computeIfAbsent(key, k -> new Semaphore(1));
        boolean waited = false;
        try {
            if (!local.tryAcquire()) {
                onWait.run();
                waited = true;
                if (!local.tryAcquire(remaining(deadline).toMillis(), TimeUnit.MILLISECONDS)) {
                    return Optional.empty();
                }
            }
            FileChannel channel = null;
            try {
                Files.createDirectories(key.getParent());
                channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                while (true) {
                    FileLock lock = channel.tryLock();
                    if (lock != null) {
                        return Optional.of(new ExclusiveLock(local, channel, lock));
                    }
                    if (!waited) {
                        onWait.run();
                        waited = true;
                    }
                    if (remaining(deadline).isZero()) {
                        channel.close();
                        local.release();
                        return Optional.empty();
                    }
                    Thread.sleep(POLL.toMillis());
                }
            } catch (IOException e) {
                closeQuietly(channel);
                local.release();
                throw new TargetException("Could not lock " + key + " (" + e.getMessage() + ").");
            } catch (InterruptedException | RuntimeException e) {
                closeQuietly(channel);
                local.release();
                throw e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetException("Interrupted while waiting for another labs command to finish.");
        }
    }

    private static Duration remaining(Instant deadline) {
        Duration left = Duration.between(Instant.now(), deadline);
        return left.isNegative() ? Duration.ZERO : left;
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

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // the channel's close below releases it as well
        } finally {
            closeQuietly(channel);
            local.release();
        }
    }
}
