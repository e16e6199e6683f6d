package dev.dvalabs.verify;

import dev.dvalabs.probe.Poll;
import dev.dvalabs.targets.Target;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.services.s3.S3BaseClientBuilder;

/**
 * One verify of one exercise on one target, owned by the loop and handed to the verifier: the target's
 * clients (built once, closed once), the names in force, the run's mark, the clock and the one way to wait,
 * and the only way to write into a learner's account. Every write is recorded in a journal on disk before
 * it is made and undone when the session closes, however verify ends; what a killed verify left, the next
 * session on the same target undoes as it opens. Facts an exercise keeps between verifies live beside the
 * journal ({@link #memory}).
 *
 * <pre>{@code
 * Observed observe(Session s) {
 *     DynamoDbClient dynamo = s.client(DynamoDbClient.class);
 *     String table = s.name("table");
 *     s.write(new OwnItem(table, key), () -> dynamo.putItem(...));
 * }
 * }</pre>
 */
public final class Session implements AutoCloseable {

    private final Target target;
    private final String exercise;
    private final Names names;
    private final RunMarker marker;
    private final Clock clock;
    private final Poll.Sleeper sleeper;
    private final Path folder;
    private final Map<Class<?>, SdkClient> clients = new LinkedHashMap<>();
    private final Object writing = new Object();
    private final List<String> recovered = new ArrayList<>();
    private Journal journal;
    private boolean closed;

    private Session(Builder b) {
        this.target = b.target;
        this.exercise = b.exercise;
        this.names = b.names;
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.marker = RunMarker.startedAt(clock.instant());
        this.folder = b.state.resolve(safe(target.stateKey())).resolve(safe(exercise));
    }

    /** A session for {@code exercise} on {@code target}, on the system clock, with state under the user's state directory. */
    public static Builder on(Target target, String exercise, Names names) {
        return new Builder(target, exercise, names);
    }

    /** How a session is made: tests give it their clock, sleeper and state folder. */
    public static final class Builder {
        private final Target target;
        private final String exercise;
        private final Names names;
        private Clock clock = Clock.systemUTC();
        private Poll.Sleeper sleeper = Poll.Sleeper.REAL;
        private Path state = StateDirectory.verify();

        private Builder(Target target, String exercise, Names names) {
            this.target = target;
            this.exercise = exercise;
            this.names = names;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder sleeper(Poll.Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        /** The folder under which journals and memories are kept, by target and exercise. */
        public Builder state(Path state) {
            this.state = state;
            return this;
        }

        /**
         * Opens the session: first undoes what earlier verifies on this target and exercise journaled and did
         * not undo ({@link #recovered} says what), then starts this one's journal.
         */
        public Session open() {
            Session session = new Session(this);
            session.recoverAbandoned();
            session.journal = Journal.start(session.folder, session.marker.value());
            return session;
        }
    }

    public Target target() {
        return target;
    }

    public String exercise() {
        return exercise;
    }

    public Names names() {
        return names;
    }

    /** The name in force for {@code key} of exercise.yaml's {@code names}. */
    public String name(String key) {
        return names.get(key);
    }

    /** This verify's mark, carried by what it writes so that it finds its own data among the learner's. */
    public RunMarker marker() {
        return marker;
    }

    public Clock clock() {
        return clock;
    }

    public Instant now() {
        return clock.instant();
    }

    /** The one way to wait: asks every {@code interval} until an answer or {@code deadline}, on this session's clock. */
    public Poll poll(Duration deadline, Duration interval) {
        return new Poll(deadline, interval, clock, sleeper);
    }

    /** Waits this long on the session's clock; false when interrupted. */
    public boolean pause(Duration duration) {
        try {
            sleeper.sleep(duration);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The client of one service on this target ({@code s.client(SqsClient.class)}), built on first use with
     * the target's endpoint, region, credentials and retries, and closed when the session closes.
     */
    public synchronized <C extends SdkClient> C client(Class<C> type) {
        SdkClient client = clients.get(type);
        if (client == null) {
            client = build(type);
            clients.put(type, client);
        }
        return type.cast(client);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private SdkClient build(Class<? extends SdkClient> type) {
        try {
            AwsClientBuilder builder = (AwsClientBuilder) type.getMethod("builder").invoke(null);
            if (builder instanceof S3BaseClientBuilder<?, ?> s3 && target.endpoint().isPresent()) {
                s3.forcePathStyle(true); // an emulator's buckets are paths: it has no DNS name per bucket
            }
            return (SdkClient) target.client(builder);
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalArgumentException(type.getName() + " is not an AWS SDK v2 client interface", e);
        }
    }

    /**
     * Records {@code what} in the journal, then runs {@code write}, which makes it: a write AWS refused or that
     * half-happened is undone too. Recording and writing hold one lock, so a close from another thread (Ctrl-C)
     * waits for a write under way and undoes it; after close nothing is written.
     */
    public void write(Write what, Runnable write) {
        write(List.of(what), () -> {
            write.run();
            return null;
        });
    }

    /** Records everything in {@code what}, then runs {@code write} (a batch), and gives its answer. */
    public <T> T write(List<? extends Write> what, Supplier<T> write) {
        synchronized (writing) {
            if (closed) {
                throw new IllegalStateException("verify was interrupted and has removed its test data; it writes no more");
            }
            what.forEach(journal::record);
            return write.get();
        }
    }

    /**
     * Records {@code what} (what is known before the write), runs {@code write}, then records what its answer
     * tells of the write, {@code learned.apply(answer)}, in place of {@code what}: an id the service chose, so
     * that the undo removes exactly that. A write that throws, or a JVM killed before the answer, leaves
     * {@code what} for the undo; a crash between the two records leaves both, each safe to undo.
     */
    public <T> T write(Write what, Supplier<T> write, java.util.function.Function<? super T, ? extends Write> learned) {
        synchronized (writing) {
            if (closed) {
                throw new IllegalStateException("verify was interrupted and has removed its test data; it writes no more");
            }
            long first = journal.record(what);
            T answer = write.get();
            Write known = learned.apply(answer);
            if (known != null && !known.equals(what)) {
                journal.record(known);
                journal.undone(first);
            }
            return answer;
        }
    }

    /**
     * Undoes every write journaled so far, newest first, and marks each undone; writes may follow (observe may
     * write again). A write whose undoing failed stays in the journal and is named in the exception. A write
     * another thread has under way is waited for: undone before it is made, it would stay.
     */
    public void undoWrites() {
        synchronized (writing) {
            undo(journal);
        }
    }

    /** What earlier verifies' journals named and this session undid as it opened, in words. */
    public List<String> recovered() {
        return List.copyOf(recovered);
    }

    /** What this exercise remembers on this target between verifies, under {@code name}. */
    public <T> Memory<T> memory(String name, Class<T> type) {
        return new Memory<>(folder.resolve(safe(name) + ".memory"), type);
    }

    /**
     * Forgets what {@code exercise} remembers on {@code target} ({@link #memory}): its resources are destroyed,
     * so facts about them would only judge the next ones wrongly. Journals stay: they name writes still to undo.
     */
    public static void forget(Target target, String exercise, Path state) {
        Path folder = state.resolve(safe(target.stateKey())).resolve(safe(exercise));
        if (!java.nio.file.Files.isDirectory(folder)) {
            return;
        }
        try (var memories = java.nio.file.Files.newDirectoryStream(folder, "*.memory")) {
            for (Path memory : memories) {
                java.nio.file.Files.deleteIfExists(memory);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("could not forget what verifies of " + exercise + " remembered", e);
        }
    }

    private void recoverAbandoned() {
        for (Journal abandoned : Journal.abandoned(folder, clock.instant(), target.endpoint().isPresent())) {
            try {
                recovered.addAll(undo(abandoned));
            } catch (RuntimeException stillThere) {
                // What could not be removed stays in its journal for the next verify; this one goes on.
            } finally {
                abandoned.close();
            }
        }
    }

    /** Undoes what {@code from} names and has not undone, newest first; returns what it undid, in words. */
    private List<String> undo(Journal from) {
        List<Journal.Pending> pending = new ArrayList<>(from.pending());
        Collections.reverse(pending);
        List<String> undone = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (Journal.Pending p : pending) {
            try {
                p.write().undo(this);
                from.undone(p.id());
                undone.add(p.write().describe());
            } catch (RuntimeException e) {
                failed.add(p.write().describe() + " (" + e.getMessage() + ")");
            }
        }
        if (!failed.isEmpty()) {
            throw new IllegalStateException("could not remove " + String.join("; ", failed)
                    + "; the next verify tries again");
        }
        return undone;
    }

    /**
     * Undoes every write and refuses further ones, then closes the clients; safe to call again and from any
     * thread (an interrupted JVM's shutdown hook while observe runs).
     */
    @Override
    public void close() {
        synchronized (writing) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            undo(journal);
        } finally {
            journal.close();
            synchronized (this) {
                clients.values().forEach(SdkClient::close);
                clients.clear();
            }
        }
    }

    /** A name made safe as one path segment: no separators, no dots leading, nothing but letters, digits and -_. */
    static String safe(String text) {
        String s = text.replaceAll("[^A-Za-z0-9_.-]", "_");
        return s.startsWith(".") ? "_" + s : s;
    }
}
