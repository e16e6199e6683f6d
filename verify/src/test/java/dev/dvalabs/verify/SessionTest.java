package dev.dvalabs.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dvalabs.probe.Poll;
import dev.dvalabs.targets.Target;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

@DisplayName("A verify session")
class SessionTest {

    /** What the tests' writes undid, in order; static as a journal read back in a later session makes new records. */
    static final List<String> UNDONE = new CopyOnWriteArrayList<>();

    /** A write of the tests: undoing it notes its name, or fails when its name says so. */
    public record Noted(String name) implements Write {
        @Override
        public void undo(Session session) {
            if (name.startsWith("stuck")) {
                throw new IllegalStateException("AWS said no");
            }
            UNDONE.add(name);
        }

        @Override
        public String describe() {
            return "note " + name;
        }
    }

    @TempDir
    Path state;

    private final Target target = new Target() {
        public String name() { return "endpoint"; }
        public Optional<URI> endpoint() { return Optional.of(URI.create("http://127.0.0.1:1")); }
        public Region region() { return Region.US_EAST_1; }
        public AwsCredentialsProvider credentials() { return EMULATOR_CREDENTIALS; }
        public void close() {}
    };

    @BeforeEach
    void clear() {
        UNDONE.clear();
    }

    private Session open() {
        return Session.on(target, "ex", Names.declared(Map.of("queue", "dva-labs-q"))).state(state).open();
    }

    private Path folder() {
        return state.resolve(Session.safe(target.stateKey())).resolve("ex");
    }

    @Test
    @DisplayName("undoes every write as it closes, newest first, a refused one too, and writes nothing after")
    void undoesOnClose() {
        Session session = open();
        session.write(new Noted("a"), () -> {});
        assertThatThrownBy(() -> session.write(new Noted("refused"), () -> {
            throw new IllegalArgumentException("AWS refused the put");
        })).hasMessage("AWS refused the put");
        assertThat(session.write(List.of(new Noted("b"), new Noted("c")), () -> 3)).isEqualTo(3);

        session.close();
        session.close();

        assertThat(UNDONE).containsExactly("c", "b", "refused", "a");
        assertThatThrownBy(() -> session.write(new Noted("late"), () -> {})).hasMessageContaining("writes no more");
        assertThat(folder()).isEmptyDirectory();
    }

    @Test
    @DisplayName("records a write on disk before making it")
    void recordsBeforeWriting() {
        try (Session session = open()) {
            session.write(new Noted("first"), () -> assertThat(journalText()).contains("\"name\":\"first\""));
        }
    }

    @Test
    @DisplayName("undoes exactly what a killed verify's journal names, and nothing it marked undone")
    void recoversAKilledVerify() throws Exception {
        Files.createDirectories(folder());
        Files.writeString(folder().resolve("killed.journal"), String.join("\n",
                "{\"id\":1,\"write\":{\"write\":\"dev.dvalabs.verify.SessionTest$Noted\",\"name\":\"left\"}}",
                "{\"id\":2,\"write\":{\"write\":\"dev.dvalabs.verify.SessionTest$Noted\",\"name\":\"undone\"}}",
                "{\"undone\":2}",
                "{\"id\":3,\"write\":{\"write\":\"dev.dvalabs.verify.Sess"), StandardCharsets.UTF_8);

        try (Session session = open()) {
            assertThat(UNDONE).containsExactly("left");
            assertThat(session.recovered()).containsExactly("note left");
        }
        assertThat(folder()).isEmptyDirectory();
    }

    @Test
    @DisplayName("Sessions.killedVerify leaves what a killed verify leaves: the next session on the target undoes exactly its writes")
    void killedVerifyLeavesItsJournal() throws Exception {
        dev.dvalabs.testing.Sessions.killedVerify(target, "ex-killed", "run-1", new Noted("one"), new Noted("two"));
        try (Session session = Session.on(target, "ex-killed", Names.declared(Map.of())).open()) {
            assertThat(UNDONE).containsExactlyInAnyOrder("one", "two");
            assertThat(session.recovered()).containsExactlyInAnyOrder("note one", "note two");
        }
    }

    @Test
    @DisplayName("leaves alone the journal of a verify that still runs (its lock is held)")
    void leavesARunningVerify() throws Exception {
        Files.createDirectories(folder());
        Path running = folder().resolve("running.journal");
        Files.writeString(running, "{\"id\":1,\"write\":{\"write\":\"dev.dvalabs.verify.SessionTest$Noted\",\"name\":\"live\"}}\n");
        try (FileChannel channel = FileChannel.open(running, StandardOpenOption.WRITE); FileLock held = channel.lock()) {
            try (Session session = open()) {
                assertThat(session.recovered()).isEmpty();
            }
            assertThat(UNDONE).isEmpty();
            assertThat(running).exists();
        }
    }

    @Test
    @DisplayName("keeps a write whose undoing failed for the next verify, which tries again")
    void keepsAFailedUndo() {
        Session first = open();
        first.write(new Noted("stuck-once"), () -> {});
        assertThatThrownBy(first::close).hasMessageContaining("note stuck-once").hasMessageContaining("next verify tries again");
        assertThat(folder()).isNotEmptyDirectory();

        try (Session next = open()) {
            assertThat(next.recovered()).isEmpty(); // still refused: it stays
        }
        assertThat(folder()).isNotEmptyDirectory();
    }

    @Test
    @DisplayName("remembers every fact between sessions, right or wrong, oldest first")
    void remembers() {
        try (Session session = open()) {
            session.memory("seen", Seen.class).add(new Seen("t", 10));
        }
        try (Session session = open()) {
            session.memory("seen", Seen.class).add(new Seen("t", 0));
            assertThat(session.memory("seen", Seen.class).all()).containsExactly(new Seen("t", 10), new Seen("t", 0));
        }
    }

    public record Seen(String table, int capacity) {}

    @Test
    @DisplayName("forgets what it remembered when the exercise is destroyed, and keeps journals with writes to undo")
    void forgetsOnDestroy() throws Exception {
        try (Session session = open()) {
            session.memory("seen", Seen.class).add(new Seen("t", 10));
        }
        Files.writeString(folder().resolve("left.journal"),
                "{\"id\":1,\"write\":{\"write\":\"dev.dvalabs.verify.SessionTest$Noted\",\"name\":\"stuck\"}}\n");
        Session.forget(target, "ex", state);
        assertThat(folder()).isDirectoryNotContaining("glob:**.memory").isDirectoryContaining("glob:**.journal");
    }

    @Test
    @DisplayName("builds a client once and hands the same one out")
    void oneClientPerService() {
        try (Session session = open()) {
            SqsClient sqs = session.client(SqsClient.class);
            assertThat(session.client(SqsClient.class)).isSameAs(sqs);
        }
    }

    @Test
    @DisplayName("waits on its own clock: a test moves time instead of sleeping, and the last answer is kept")
    void waitsOnItsClock() {
        MovingClock clock = new MovingClock();
        AtomicInteger asked = new AtomicInteger();
        try (Session session = Session.on(target, "ex", Names.declared(Map.of())).state(state)
                .clock(clock).sleeper(clock::advance).open()) {
            Poll poll = session.poll(Duration.ofMinutes(5), Duration.ofSeconds(30));
            assertThat(poll.last(asked::incrementAndGet, n -> false)).isEqualTo(asked.get());
            assertThat(asked.get()).isEqualTo(12); // at 0 s, 30 s, ... 300 s, and once past the deadline
            assertThat(poll.until(() -> asked.incrementAndGet() > 14 ? Optional.of("there") : Optional.empty()))
                    .contains("there");
        }
    }

    @Test
    @DisplayName("names a resource by the name in force in hints and titles")
    void fillsNames() {
        Names names = Names.of(Map.of("queue", "dva-labs-q", "topic", "dva-labs-t"), Map.of("queue", "mine"));
        assertThat(names.fill("Set {queue}'s redrive; {\"Pattern\": \"{topic}\"}; {other}"))
                .isEqualTo("Set mine's redrive; {\"Pattern\": \"dva-labs-t\"}; {other}");
        assertThat(names.overridden("queue")).isTrue();
        assertThatThrownBy(() -> names.get("tabel")).hasMessageContaining("declares no resource name 'tabel'");
    }

    private String journalText() {
        try (var files = Files.list(folder())) {
            return Files.readString(files.findFirst().orElseThrow());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static final class MovingClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }
}
