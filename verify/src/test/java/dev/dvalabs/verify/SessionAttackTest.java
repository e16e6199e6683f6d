package dev.dvalabs.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.dvalabs.targets.Target;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** What a hostile tester tried on the verify session's journal and memory: killed JVMs, races, garbage, planted files. */
@DisplayName("A verify session under attack")
class SessionAttackTest {

    static final List<String> UNDONE = new CopyOnWriteArrayList<>();

    /** A write whose undoing notes its name. */
    public record Noted(String name) implements Write {
        @Override
        public void undo(Session session) {
            UNDONE.add(name);
        }

        @Override
        public String describe() {
            return "note " + name;
        }
    }

    static volatile boolean made;

    /** A write whose undoing notes whether it came after the write was made. */
    public record Checked(String name) implements Write {
        @Override
        public void undo(Session session) {
            UNDONE.add(made ? name : name + " before it was made");
        }

        @Override
        public String describe() {
            return "checked " + name;
        }
    }

    /** A write Jackson can write but not read back: it has no creator. */
    public static final class Opaque implements Write {
        private final String name;

        public Opaque(String name, int unused) {
            this.name = name;
        }

        public String getName() {
            return name;
        }

        @Override
        public void undo(Session session) {
            UNDONE.add(name);
        }

        @Override
        public String describe() {
            return "opaque " + name;
        }
    }

    /** Not a write: a journal naming it must never make one. */
    public static final class NotAWrite {
        static final AtomicInteger MADE = new AtomicInteger();

        public NotAWrite() {
            MADE.incrementAndGet();
        }

        public String name;
    }

    @TempDir
    Path state;

    static Target endpoint(String url) {
        return new Target() {
            public String name() { return "endpoint"; }
            public Optional<URI> endpoint() { return Optional.of(URI.create(url)); }
            public Region region() { return Region.US_EAST_1; }
            public AwsCredentialsProvider credentials() { return EMULATOR_CREDENTIALS; }
            public void close() {}
        };
    }

    private final Target target = endpoint("http://127.0.0.1:1");

    @BeforeEach
    void clear() {
        UNDONE.clear();
    }

    private Session open() {
        return open(state);
    }

    private Session open(Path state) {
        return Session.on(target, "ex", Names.declared(Map.of())).state(state).open();
    }

    private Path folder() {
        return state.resolve(Session.safe(target.stateKey())).resolve("ex");
    }

    private static String line(long id, String name) {
        return "{\"id\":" + id + ",\"write\":{\"write\":\"" + Noted.class.getName() + "\",\"name\":\"" + name + "\"}}";
    }

    // ---- another JVM ----------------------------------------------------------------------------------------

    /** The verify of another JVM: opens a session on the state folder in args[0], writes, says so, and waits to be killed. */
    public static void main(String[] args) throws Exception {
        if (args.length > 1 && args[1].equals("full-disk")) {
            Session session = Session.on(endpoint("http://127.0.0.1:1"), "ex", Names.declared(Map.of()))
                    .state(Path.of(args[0])).open();
            session.write(new Noted("fits"), () -> System.out.println("MADE fits"));
            try {
                session.write(new Noted("x".repeat(8192)), () -> System.out.println("MADE big"));
            } catch (RuntimeException e) {
                System.out.println("REFUSED big: " + e.getMessage());
            }
            System.out.println("WRITTEN");
            System.out.flush();
            Runtime.getRuntime().halt(0); // as a crash: nothing undone, the journal stays
        }
        Session session = Session.on(endpoint("http://127.0.0.1:1"), "ex", Names.declared(Map.of()))
                .state(Path.of(args[0])).open();
        session.write(new Noted("killed-1"), () -> {});
        if (args.length > 1 && args[1].equals("undo-some")) {
            session.undoWrites();
        }
        session.write(new Noted("killed-2"), () -> {});
        System.out.println("WRITTEN");
        System.out.flush();
        Thread.sleep(Duration.ofMinutes(5).toMillis());
    }

    private Process verifyElsewhere(String... more) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SessionAttackTest.class.getName(), state.toString()));
        command.addAll(List.of(more));
        Process verify = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(verify.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder output = new StringBuilder();
        String line;
        while ((line = lines.readLine()) != null && !line.equals("WRITTEN")) {
            output.append(line).append('\n');
        }
        assertThat(line).as("the other verify wrote: " + output).isEqualTo("WRITTEN");
        return verify;
    }

    @Test
    @DisplayName("kill -9 of a verifying JVM: a verify meanwhile leaves its writes, the next one after the kill undoes exactly them")
    void killedJvmIsUndoneByTheNext() throws Exception {
        Process verify = verifyElsewhere();
        try {
            try (Session meanwhile = open()) {
                assertThat(meanwhile.recovered()).as("the other verify still runs").isEmpty();
            }
            assertThat(UNDONE).isEmpty();
        } finally {
            verify.destroyForcibly();
            assertThat(verify.waitFor(1, TimeUnit.MINUTES)).isTrue();
        }
        try (Session next = open()) {
            assertThat(next.recovered()).containsExactly("note killed-2", "note killed-1");
        }
        assertThat(UNDONE).containsExactly("killed-2", "killed-1");
        assertThat(folder()).isEmptyDirectory();
    }

    @Test
    @DisplayName("a verify that undid some writes still holds its journal: another JVM's verify leaves its later writes alone")
    void undoingSomeKeepsTheLock() throws Exception {
        Process verify = verifyElsewhere("undo-some");
        try {
            try (Session meanwhile = open()) {
                assertThat(meanwhile.recovered()).as("the other verify still runs").isEmpty();
            }
        } finally {
            verify.destroyForcibly();
            verify.waitFor(1, TimeUnit.MINUTES);
        }
    }

    /** Whether another JVM can take the lock on {@code file} now. */
    private static boolean lockableElsewhere(Path file) throws Exception {
        Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TryLock.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        String answer = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(probe.waitFor(1, TimeUnit.MINUTES)).isTrue();
        return answer.equals("locked");
    }

    /** Tries the lock on args[0] and says whether it got it. */
    public static final class TryLock {
        public static void main(String[] args) throws Exception {
            try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.WRITE)) {
                System.out.println(channel.tryLock() != null ? "locked" : "held");
            }
        }
    }

    @Test
    @DisplayName("a second session of this JVM on the same target and exercise does not release the first one's lock")
    void secondSessionKeepsTheFirstsLock() throws Exception {
        try (Session first = open()) {
            first.write(new Noted("live"), () -> {});
            Path journal = onlyJournal();
            try (Session second = open()) {
                assertThat(second.recovered()).isEmpty();
            }
            assertThat(lockableElsewhere(journal)).as("another JVM could take a running verify's journal").isFalse();
        }
    }

    private Path onlyJournal() throws Exception {
        try (var files = Files.list(folder())) {
            return files.filter(f -> f.toString().endsWith(".journal")).findFirst().orElseThrow();
        }
    }

    // ---- threads ----------------------------------------------------------------------------------------

    @Test
    @DisplayName("undoWrites while another thread's write is under way waits for it, so that write is undone too")
    void undoWaitsForAWriteUnderWay() throws Exception {
        try (Session session = open()) {
            CountDownLatch recorded = new CountDownLatch(1);
            CountDownLatch go = new CountDownLatch(1);
            made = false;
            Thread writer = new Thread(() -> session.write(new Checked("under-way"), () -> {
                recorded.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                made = true;
            }));
            writer.start();
            recorded.await();
            Thread undoer = new Thread(session::undoWrites);
            undoer.start();
            undoer.join(500);
            go.countDown(); // the write is made now
            writer.join();
            undoer.join();
            session.close();
            assertThat(UNDONE).as("undone once, after it was made").containsExactly("under-way");
        }
    }

    // ---- what is on disk --------------------------------------------------------------------------------

    @Test
    @DisplayName("a journal whose last line a crash cut inside a character does not stop every later verify")
    void cutInsideACharacter() throws Exception {
        Files.createDirectories(folder());
        byte[] cut = (line(2, "é")).getBytes(StandardCharsets.UTF_8);
        byte[] kept = (line(1, "left") + "\n").getBytes(StandardCharsets.UTF_8);
        int inside = new String(cut, StandardCharsets.UTF_8).indexOf('é') + 1; // the é's first byte only
        byte[] file = new byte[kept.length + inside];
        System.arraycopy(kept, 0, file, 0, kept.length);
        System.arraycopy(cut, 0, file, kept.length, inside);
        Files.write(folder().resolve("killed.journal"), file);

        try (Session session = open()) {
            assertThat(session.recovered()).containsExactly("note left");
        }
    }

    @Test
    @DisplayName("garbage lines in a journal are skipped, the writes it names are undone, and nothing else")
    void garbageLines() throws Exception {
        Files.createDirectories(folder());
        NotAWrite.MADE.set(0);
        Files.writeString(folder().resolve("garbage.journal"), String.join("\n",
                line(1, "left"),
                "{\"write\":{\"write\":\"" + Noted.class.getName() + "\",\"name\":\"no-id\"}}",
                "{\"id\":5,\"write\":null}",
                "{\"id\":\"x\",\"undone\":\"y\"}",
                "{\"undone\":null}",
                "null", "42", "[]", "\"text\"",
                "[".repeat(5000),
                "{\"id\":6,\"write\":{\"write\":\"" + NotAWrite.class.getName() + "\",\"name\":\"gadget\"}}",
                "{\"id\":7,\"write\":{\"write\":\"java.lang.ProcessBuilder\",\"command\":[\"touch\",\"/tmp/pwned\"]}}",
                "{\"id\":8,\"write\":[\"" + Noted.class.getName() + "\",{\"name\":\"array-form\"}]}",
                line(9, "also-left")) + "\n");

        try (Session session = open()) {
            assertThat(NotAWrite.MADE).hasValue(0);
            assertThat(session.recovered()).contains("note also-left", "note left").doesNotContain("note gadget");
        }
    }

    @Test
    @DisplayName("a symlink planted at a journal's path is not followed: the file it points at is not written")
    void symlinkAtTheJournal() throws Exception {
        Files.createDirectories(folder());
        Path learners = state.resolve("learners-notes.txt");
        String notes = line(1, "in-the-learners-file") + "\n";
        Files.writeString(learners, notes);
        Files.createSymbolicLink(folder().resolve("planted.journal"), learners);

        try (Session session = open()) {
            assertThat(session.recovered()).isEmpty();
        }
        assertThat(learners).hasContent(notes.strip());
        assertThat(UNDONE).isEmpty();
    }

    @Test
    @DisplayName("a symlink planted at a memory's path is not followed: the file it points at is not written")
    void symlinkAtTheMemory() throws Exception {
        Files.createDirectories(folder());
        Path learners = state.resolve("learners-notes.txt");
        Files.writeString(learners, "mine\n");
        Files.createSymbolicLink(folder().resolve("seen.memory"), learners);

        try (Session session = open()) {
            Memory<SessionTest.Seen> seen = session.memory("seen", SessionTest.Seen.class);
            assertThatThrownBy(() -> seen.add(new SessionTest.Seen("t", 1))).isInstanceOf(RuntimeException.class);
            assertThat(seen.all()).isEmpty();
        }
        assertThat(learners).hasContent("mine");
    }

    @Test
    @DisplayName("a FIFO or a folder named like a journal neither hangs nor stops the verify")
    void specialFilesAtTheJournal() throws Exception {
        Files.createDirectories(folder());
        Files.createDirectory(folder().resolve("folder.journal"));
        Process mkfifo = new ProcessBuilder("mkfifo", folder().resolve("fifo.journal").toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (Session session = open()) {
                assertThat(session.recovered()).isEmpty();
            }
        });
    }

    @Test
    @DisplayName("a write the journal could not read back is refused before it is made, not silently never undone")
    void writeThatCannotBeReadBack() {
        AtomicInteger made = new AtomicInteger();
        try (Session session = open()) {
            assertThatThrownBy(() -> session.write(new Opaque("unreadable", 0), made::incrementAndGet))
                    .hasMessageContaining("opaque unreadable");
            assertThat(made).as("the write was made though no later verify could undo it").hasValue(0);
        }
    }

    @Test
    @DisplayName("one endpoint spelled with another case of host keeps its journals in one place")
    void hostsInAnotherCase() {
        assertThat(endpoint("http://LocalHost:4566").stateKey()).isEqualTo(endpoint("http://localhost:4566").stateKey());
    }

    @Test
    @DisplayName("an exercise or target named with dots and slashes stays inside the state folder")
    void traversal() {
        Target hostile = endpoint("http://..:4566");
        try (Session session = Session.on(hostile, "../../../etc", Names.declared(Map.of())).state(state.resolve("s")).open()) {
            session.memory("../../x", SessionTest.Seen.class).add(new SessionTest.Seen("t", 1));
        }
        try (var all = Files.walk(state)) {
            assertThat(all.filter(Files::isRegularFile)).allMatch(f -> f.startsWith(state.resolve("s")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    @DisplayName("garbage in a memory file: unreadable bytes and JSON nulls are left out, never an exception or a null fact")
    void memoryGarbage() throws Exception {
        Files.createDirectories(folder());
        Path file = folder().resolve("seen.memory");
        Files.write(file, new byte[] {'n', 'u', 'l', 'l', '\n', (byte) 0xC3, '\n', (byte) 0xFF, (byte) 0xFE, '\n'});
        Files.writeString(file, "{\"table\":\"t\",\"capacity\":10}\n", StandardOpenOption.APPEND);
        try (Session session = open()) {
            assertThat(session.memory("seen", SessionTest.Seen.class).all()).containsExactly(new SessionTest.Seen("t", 10));
        }
    }

    @Test
    @DisplayName("sessions opening at once in one JVM never take each other's new journal")
    void sessionsOpeningAtOnce() throws Exception {
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        AtomicInteger recovered = new AtomicInteger();
        Runnable verifies = () -> {
            for (int i = 0; i < 300 && failures.isEmpty(); i++) {
                try (Session session = open()) {
                    recovered.addAndGet(session.recovered().size());
                    session.write(new Noted("mine"), () -> {});
                } catch (Throwable t) {
                    failures.add(t);
                }
            }
        };
        Thread[] threads = {new Thread(verifies), new Thread(verifies), new Thread(verifies)};
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(failures).isEmpty();
        assertThat(recovered).as("no session took another's running journal").hasValue(0);
    }

    @Test
    @DisplayName("on AWS, what a verify killed a month ago journaled is still undone: the account outlives any age")
    void oldJournalOnAws() throws Exception {
        Target aws = new Target() {
            public String name() { return "aws"; }
            public Optional<URI> endpoint() { return Optional.empty(); }
            public Region region() { return Region.EU_WEST_1; }
            public AwsCredentialsProvider credentials() { return EMULATOR_CREDENTIALS; }
            public void close() {}
        };
        Path folder = state.resolve(Session.safe(aws.stateKey())).resolve("ex");
        Files.createDirectories(folder);
        Path journal = folder.resolve("killed.journal");
        Files.writeString(journal, line(1, "temporary-key") + "\n");
        Files.setLastModifiedTime(journal, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(Duration.ofDays(30))));

        try (Session session = Session.on(aws, "ex", Names.declared(Map.of())).state(state).open()) {
            assertThat(session.recovered()).containsExactly("note temporary-key");
        }
    }

    @Test
    @DisplayName("a write whose record is longer than a journal line is read back is refused before it is made")
    void writeTooLargeToReadBack() {
        AtomicInteger made = new AtomicInteger();
        try (Session session = open()) {
            assertThatThrownBy(() -> session.write(new Noted("x".repeat(2 << 20)), made::incrementAndGet))
                    .hasMessageContaining("cannot be journaled");
            assertThat(made).hasValue(0);
        }
    }

    @Test
    @DisplayName("a full disk (a file size limit) refuses the write whose record it cannot hold: the write is not made")
    void fullDisk() throws Exception {
        Files.createDirectories(state);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process verify = new ProcessBuilder("bash", "-c", "ulimit -f 4; exec \"$0\" -cp \"$1\" \"$2\" \"$3\" full-disk", java,
                System.getProperty("java.class.path"), SessionAttackTest.class.getName(), state.toString())
                .redirectErrorStream(true).start();
        String out = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(verify.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(out).contains("MADE fits", "REFUSED big", "WRITTEN").doesNotContain("MADE big");
        try (Session next = open()) {
            assertThat(next.recovered()).containsExactly("note fits");
        }
    }

    @Test
    @DisplayName("a memory whose last line a crash cut short keeps the next fact: it starts a line of its own")
    void memoryAfterACutLine() throws Exception {
        Files.createDirectories(folder());
        Files.writeString(folder().resolve("seen.memory"), "{\"table\":\"t\",\"capacity\":10}\n{\"table\":\"t\",\"capa");
        try (Session session = open()) {
            Memory<SessionTest.Seen> seen = session.memory("seen", SessionTest.Seen.class);
            seen.add(new SessionTest.Seen("t", 0));
            assertThat(seen.all()).containsExactly(new SessionTest.Seen("t", 10), new SessionTest.Seen("t", 0));
        }
    }
}
