package dev.dvalabs.targets;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * An emulator running on this machine: ministack (the embedded default) or moto, installed by
 * {@link PythonVenv} on first use, started on a free loopback port, stopped on close unless kept
 * ({@link KeptEmulators} remembers it for the next command).
 *
 * <pre>{@code
 * try (LocalEmulator emulator = LocalEmulator.start()) {
 *     var dynamo = emulator.client(DynamoDbClient.builder());
 * }
 * }</pre>
 *
 * A learner who deploys an exercise keeps the emulator running between commands ({@link #keep()}):
 * its port is remembered in the cache directory and later commands {@link #attach(Options) attach} to it.
 */
public final class LocalEmulator implements Target {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** Logs of emulators that did not stop cleanly are kept for a look; only the newest few. */
    private static final int LOGS_KEPT = 5;
    /** How long a stopping emulator may take to end on SIGTERM before it is killed; ministack takes about two seconds. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    /** How often a starting emulator is asked whether it answers: a refused connection costs next to nothing. */
    private static final Duration HEALTH_POLL = Duration.ofMillis(20);

    private final Emulator emulator;
    private final int port;
    private final Region region;
    private final Process process; // null when attached to one that an earlier command started
    private final ProcessHandle handle;
    private final KeptEmulators records;
    private final Path log;
    private final boolean attached; // started by another command, which decides when it stops
    private final EmulatorUsers users; // this command's place among the users of a recorded emulator; null otherwise
    private boolean keep;
    private boolean closed;

    private LocalEmulator(Emulator emulator, int port, Region region, Process process, ProcessHandle handle,
                          KeptEmulators records, boolean attached, EmulatorUsers users) {
        this.emulator = emulator;
        this.port = port;
        this.region = region;
        this.process = process;
        this.handle = handle;
        this.records = records;
        this.log = logFile(records.dir(), emulator, port);
        this.attached = attached;
        this.users = users;
    }

    /** Starts ministack on a free loopback port, installing it first if this machine has not yet. */
    public static LocalEmulator start() {
        return start(new Options());
    }

    /**
     * Starts an emulator of its own for the caller (a test, the matrix), neither recorded nor marked:
     * no command attaches to it, and it stops on close.
     */
    public static LocalEmulator start(Options options) {
        return launch(options, false);
    }

    /**
     * What a command uses: the emulator already running for this state directory, or else (with
     * {@code startIfNone}) a new one, recorded before its first request. A lock per kind of emulator
     * makes two first commands at once share one emulator instead of each starting one.
     */
    public static Optional<LocalEmulator> attachOrStart(Options options, boolean startIfNone) {
        if (!startIfNone) {
            return attach(options);
        }
        Emulator kind = options.emulator;
        // Installing can take minutes; it has its own lock, and holding the start lock through it would time others out.
        PythonVenv.install(options.cacheDir, options.python, kind.project(), kind.installVersion(), kind.requirements());
        try (ExclusiveLock ignored = options.kept().lockStarts(kind)) {
            Optional<LocalEmulator> running = attach(options);
            return running.isPresent() ? running : Optional.of(launch(options, true));
        }
    }

    /** How many ports a start tries when the one it chose is taken before the emulator binds it. */
    private static final int PORT_ATTEMPTS = 3;

    private static LocalEmulator launch(Options options, boolean recorded) {
        for (int attempt = 1; ; attempt++) {
            try {
                return launch(options, recorded, options.port == 0 ? freePort() : requireFree(options.port));
            } catch (PortTaken e) {
                // A free port is free only when it is asked for: another process (or the emulator's own Redis
                // server, which binds any port first) can take it before the emulator binds it.
                if (options.port != 0 || attempt == PORT_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** The emulator ended while starting because its port was taken (ministack: "Or use a different port"). */
    static final class PortTaken extends TargetException {
        PortTaken(String message) {
            super(message);
        }

        static boolean in(String lastLine) {
            return lastLine.contains("use a different port") || lastLine.toLowerCase(java.util.Locale.ROOT).contains("address already in use");
        }
    }

    static LocalEmulator launch(Options options, boolean recorded, int port) {
        Emulator kind = options.emulator;
        Path venv = PythonVenv.install(options.cacheDir, options.python, kind.project(), kind.installVersion(), kind.requirements());
        KeptEmulators records = options.kept();
        Path log = logFile(records.dir(), kind, port);
        try {
            Files.createDirectories(records.dir());
        } catch (IOException e) {
            throw new TargetException("Could not create " + records.dir() + " for the local emulator's log (" + e.getMessage() + ").");
        }
        pruneLogs(records.dir(), kind);
        Path temp = EmulatorTemp.create(records.dir(), kind, port, START_TIMEOUT);
        ProcessBuilder builder = new ProcessBuilder(kind.command(venv, port))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // The learner's shell is not the emulator's: a stale AWS_ENDPOINT_URL or AWS_PROFILE there would
        // reach every call a local Lambda makes. Only what the toolkit sets itself goes in.
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
        builder.environment().putAll(kind.environment(port, options.region.id()));
        for (String name : List.of("TMPDIR", "TEMP", "TMP")) {
            builder.environment().put(name, temp.toString());
        }
        if (recorded) {
            builder.environment().putAll(MarkedEmulators.marker(records.dir(), kind, port, options.region.id()));
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            EmulatorTemp.remove(temp);
            throw new TargetException("Could not start " + kind.project() + " from " + venv + ": " + e.getMessage(), e);
        }
        EmulatorTemp.owned(temp, process.toHandle());
        EmulatorUsers users = recorded ? EmulatorUsers.join(EmulatorUsers.file(records.dir(), kind, process.pid()))
                .orElseThrow(() -> new TargetException("Could not count this command as a user of the emulator it started.")) : null;
        LocalEmulator emulator = new LocalEmulator(kind, port, options.region, process, process.toHandle(), records, false, users);
        if (recorded) {
            // Before the first request: from here on a command killed at any point leaves the emulator findable.
            records.remember(kind, KeptEmulators.Kept.temporary(process.pid(), port, options.region.id(),
                    startedAt(process.toHandle()), ProcessHandle.current().pid()));
        }
        // Ctrl-C or a failure must not leave a stray emulator behind unless the learner asked to keep it; it
        // stops after what still needs it (a verifier removing its test data).
        ShutdownHooks.toStopTargets(emulator::close);
        try {
            emulator.awaitHealthy(START_TIMEOUT, log);
        } catch (RuntimeException e) {
            emulator.kill(); // its log says why, so it stays
            throw e;
        }
        return emulator;
    }

    /**
     * The emulator a command started for this state directory, if it still answers: the recorded one,
     * or else one found by its marker whose record was never written (its command was killed first), which
     * is recorded now. One whose command still runs is its command's: it is waited for until recorded.
     * A {@code --port} or {@code --region} that contradicts it is refused rather than ignored.
     */
    public static Optional<LocalEmulator> attach(Options options) {
        KeptEmulators records = options.kept();
        EmulatorUsers.pruneStale(records.dir());
        Optional<LocalEmulator> recorded = attachRecorded(options, records);
        if (recorded.isPresent()) {
            return recorded;
        }
        for (MarkedEmulators.Marked marked : MarkedEmulators.find(records.dir(), options.emulator)) {
            if (marked.ownerRuns()) {
                // Its command records it before its first request; taking it over as kept would keep the
                // command from stopping it.
                if (awaitRecord(records, options.emulator, marked)) {
                    Optional<LocalEmulator> now = attachRecorded(options, records);
                    if (now.isPresent()) {
                        return now;
                    }
                }
                continue;
            }
            if (answersOnceStarted(marked.process(), marked.port(), options.emulator)) {
                // Its command is gone without recording it; whatever it deployed is the learner's to see and destroy.
                refuseContradictions(options, marked.process(), marked.port(), marked.region());
                KeptEmulators.Kept kept = records.adopt(options.emulator, KeptEmulators.Kept.kept(marked.process().pid(),
                        marked.port(), marked.region(), startedAt(marked.process())));
                Optional<EmulatorUsers> users = EmulatorUsers.join(EmulatorUsers.file(records.dir(), options.emulator, kept.pid()));
                if (users.isPresent()) {
                    return Optional.of(new LocalEmulator(options.emulator, marked.port(), Region.of(marked.region()), null,
                            marked.process(), records, true, users.get()).kept(kept.keptOrOrphaned()));
                }
            }
        }
        return Optional.empty();
    }

    /** The recorded emulator, counted as used by this command, if it still answers. */
    private static Optional<LocalEmulator> attachRecorded(Options options, KeptEmulators records) {
        Optional<KeptEmulators.Kept> found = records.read(options.emulator);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        KeptEmulators.Kept kept = found.get();
        Optional<ProcessHandle> handle = ProcessHandle.of(kept.pid()).filter(ProcessHandle::isAlive)
                .filter(h -> sameProcess(h, kept.startedAt()));
        if (handle.isPresent()) {
            refuseContradictions(options, handle.get(), kept.port(), kept.region());
            Path usersFile = EmulatorUsers.file(records.dir(), options.emulator, kept.pid());
            if (kept.shared() && EmulatorUsers.unused(usersFile)) {
                records.orphaned(options.emulator, kept.pid()); // the commands it was handed over to were killed
            }
            // Counted before it is asked, so that a command stopping it either waits for this one or is done.
            Optional<EmulatorUsers> users = EmulatorUsers.join(usersFile);
            // Only a process known by its start time is waited for (and stopped if it never answers): an old
            // record without one may name a pid that another program has since been given.
            boolean answers = users.isPresent() && (kept.startedAt() == 0
                    ? answers(URI.create("http://127.0.0.1:" + kept.port()), options.emulator)
                    : answersOnceStarted(handle.get(), kept.port(), options.emulator));
            if (answers) {
                // Read again now that it is counted: a command that stopped it meanwhile has forgotten it.
                Optional<KeptEmulators.Kept> now = records.read(options.emulator).filter(k -> k.pid() == kept.pid());
                if (now.isPresent()) {
                    return Optional.of(new LocalEmulator(options.emulator, kept.port(), Region.of(kept.region()), null,
                            handle.get(), records, true, users.get()).kept(now.get().keptOrOrphaned()));
                }
            }
            users.ifPresent(u -> u.leave(() -> false));
        }
        records.forget(options.emulator, kept.pid());
        return Optional.empty();
    }

    /** Waits, while its command runs, for the record of an emulator that command is starting; whether it came. */
    private static boolean awaitRecord(KeptEmulators records, Emulator kind, MarkedEmulators.Marked marked) {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (marked.ownerRuns() && marked.process().isAlive() && Instant.now().isBefore(deadline)) {
            if (records.read(kind).filter(k -> k.pid() == marked.process().pid()).isPresent()) {
                return true;
            }
            sleep(Duration.ofMillis(50));
        }
        return records.read(kind).filter(k -> k.pid() == marked.process().pid()).isPresent();
    }

    /**
     * Every emulator running for this state directory: the one {@link #attach} finds and any other
     * marked one (two first starts before the lock existed, a shared --port), for status and destroy.
     * Another whose command still runs is that command's, and is left to it.
     */
    public static List<LocalEmulator> findAll(Options options) {
        List<LocalEmulator> all = new ArrayList<>();
        attach(options).ifPresent(all::add);
        for (MarkedEmulators.Marked marked : MarkedEmulators.find(options.kept().dir(), options.emulator)) {
            boolean known = all.stream().anyMatch(e -> e.handle.pid() == marked.process().pid());
            if (!known && !marked.ownerRuns() && answersOnceStarted(marked.process(), marked.port(), options.emulator)) {
                EmulatorUsers.join(EmulatorUsers.file(options.kept().dir(), options.emulator, marked.process().pid()))
                        .ifPresent(users -> all.add(new LocalEmulator(options.emulator, marked.port(), Region.of(marked.region()),
                                null, marked.process(), options.kept(), true, users).kept(true)));
            }
        }
        return all;
    }

    /**
     * Whether the emulator answers, waiting while it is still starting (a command killed just after
     * starting it): one that never answers holds nothing anyone can reach, and is stopped rather than
     * left running unseen.
     */
    private static boolean answersOnceStarted(ProcessHandle process, int port, Emulator kind) {
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (process.isAlive() && Instant.now().isBefore(deadline)) {
            if (answers(endpoint, kind)) {
                return true;
            }
            sleep(HEALTH_POLL);
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        return false;
    }

    private static void refuseContradictions(Options options, ProcessHandle handle, int port, String region) {
        if (options.port != 0 && options.port != port) {
            throw new TargetValueException("A local emulator is already running on port " + port + " (pid " + handle.pid()
                    + "), so --port " + options.port + " cannot apply; leave --port out, or stop it first with labs destroy --all.");
        }
        if (options.regionGiven && !options.region.id().equals(region)) {
            throw new TargetValueException("The local emulator already running (pid " + handle.pid() + ") is in " + region
                    + ", so --region " + options.region.id() + " cannot apply; leave --region out, or stop it first with labs destroy --all.");
        }
    }

    private LocalEmulator kept(boolean kept) {
        this.keep = kept;
        return this;
    }

    /** When the process started, to tell it from a later one with the same pid; 0 when unknown. */
    static long startedAt(ProcessHandle handle) {
        return handle.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    static boolean sameProcess(ProcessHandle handle, long startedAt) {
        long now = startedAt(handle);
        return startedAt == 0 || now == 0 || Math.abs(now - startedAt) < 2000;
    }

    /**
     * Leaves the emulator running after this command, and records it as kept so the next command
     * attaches and the command that started it does not stop it. Returns the lines that tell a learner
     * where it runs and how to stop it (the command line adds how to use the AWS CLI on it).
     */
    public List<String> keep() {
        keep = true;
        records.keep(emulator, KeptEmulators.Kept.kept(handle.pid(), port, region.id(), startedAt(handle)));
        return List.of(
                "The local emulator keeps running at " + endpointUri() + " (pid " + handle.pid() + ").",
                "Stop it with: labs destroy <exercise> (or kill " + handle.pid() + ").");
    }

    /** Attached to an emulator that another command started and will stop when it ends, unless kept. */
    public boolean attachedToTemporary() {
        return attached && !keep;
    }

    /** Whether this emulator outlives the command (kept now or by an earlier command). */
    public boolean kept() {
        return keep;
    }

    /**
     * Stops the emulator now, kept or not, forgets its record and removes its log and temporary
     * directory. SIGTERM first, so that it removes what it wrote (its pid file, its Lambda workers),
     * then SIGKILL for whatever has not ended after a grace period. The log of one that had already failed on its
     * own (a non-zero exit) stays, for a look at why; later starts prune it.
     */
    public void stop() {
        boolean failedOnItsOwn = !handle.isAlive() && exitValue().orElse(0) != 0;
        terminate();
        kill();
        if (failedOnItsOwn) {
            return;
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // a log left behind is pruned when a later emulator starts
        }
    }

    /**
     * Stops the emulator unless a command in another process is using it (destroy's stop of one nothing
     * is deployed on any more); whether it stopped. Either way this command no longer uses it.
     */
    public synchronized boolean stopIfUnused() {
        closed = true;
        if (users == null) {
            stop();
            return true;
        }
        return users.leaveStoppingIfNoOtherProcess(() -> {
            stop();
            return true;
        });
    }

    /** Asks the process and its workers to end (SIGTERM), waiting at most the grace period. */
    private void terminate() {
        List<ProcessHandle> workers = handle.descendants().toList();
        handle.destroy();
        workers.forEach(ProcessHandle::destroy);
        try {
            handle.onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // not ended within the grace period: kill() ends it
        }
        // Once it has ended its workers are no longer its descendants, for kill() to find.
        workers.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** How the process this command started ended (0: on its own after SIGTERM); empty while it runs, or if not started here. */
    java.util.OptionalInt exitValue() {
        return process == null || process.isAlive() ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(process.exitValue());
    }

    /** Stops the process and forgets it, leaving its log for a look at why; its temporary directory goes. */
    private void kill() {
        handle.descendants().forEach(ProcessHandle::destroyForcibly);
        handle.destroyForcibly();
        try {
            handle.onExit().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new TargetException("The local emulator (pid " + handle.pid() + ") did not stop; stop it with kill -9 "
                    + handle.pid() + ".");
        }
        EmulatorTemp.remove(EmulatorTemp.of(records.dir(), emulator, port));
        records.forget(emulator, handle.pid());
        keep = false;
        if (users != null) {
            users.leave(() -> true);
        }
    }

    /** Empties the emulator of every resource, as a new one would be: for tests that each need a clean account. */
    public void reset() {
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpointUri().resolve(emulator.resetPath()))
                    .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 200) {
                throw new TargetException(emulator.project() + " refused to reset (HTTP " + response.statusCode() + ").");
            }
        } catch (IOException e) {
            throw new TargetException(emulator.project() + " could not be reset: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetException("Interrupted while resetting " + emulator.project() + ".");
        }
    }

    /** Forgets a kept emulator, for when it was stopped. */
    public static void forget(Options options) {
        options.kept().forget(options.emulator);
    }

    public int port() {
        return port;
    }

    public long pid() {
        return handle.pid();
    }

    @Override
    public String name() {
        return emulator.target();
    }

    @Override
    public Optional<URI> endpoint() {
        return Optional.of(endpointUri());
    }

    private URI endpointUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public Region region() {
        return region;
    }

    @Override
    public AwsCredentialsProvider credentials() {
        return EMULATOR_CREDENTIALS;
    }

    @Override
    public Optional<String> emulator() {
        return Optional.of(emulator.project());
    }

    /**
     * When the emulator's process ended while this command was still using it (killed, or failed), what to tell the
     * learner instead of the connection its requests were refused: that it ended, how, and where its log stays.
     */
    public synchronized Optional<String> endedWhileUsed() {
        if (closed || handle.isAlive()) {
            return Optional.empty();
        }
        java.util.OptionalInt exit = exitValue();
        return Optional.of("the " + describe() + " ended while the command was using it"
                + (exit.isPresent() ? " (exit code " + exit.getAsInt() + ")" : "")
                + (exit.isPresent() && exit.getAsInt() != 0 ? "; its log is " + log : "")
                + ". Run the command again to start a new one.");
    }

    @Override
    public String describe() {
        return "local emulator (" + emulator.project() + " " + emulator.version() + ") at " + endpointUri();
    }

    @Override
    public String reported() {
        return emulator.project() + " " + emulator.version() + " (" + region().id() + ")";
    }

    /**
     * Ends this command's use of the emulator. One it started for its own caller stops now, unless kept.
     * A recorded temporary one stops when the last command using it ends: the one that started it hands
     * it over to the others still working on it rather than stopping it under them.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // An emulator that ended on its own before this (Ctrl-C reaches its process group too, and it ends at once) is
        // stopped all the same: that removes its temporary directory, its record and, when it ended cleanly, its log.
        if (users == null) {
            if (!keep && !attached) {
                stop();
            }
            return;
        }
        if (!keep && !attached) {
            records.handOver(emulator, handle.pid());
        }
        users.leave(() -> {
            // Another command may have kept it meanwhile (a deploy of another exercise): it stays then.
            boolean stillTemporary = records.read(emulator).filter(k -> k.sharedTemporary(handle.pid())).isPresent();
            if (keep || !stillTemporary) {
                return false;
            }
            stop();
            return true;
        });
    }

    private static Path logFile(Path dir, Emulator kind, int port) {
        return dir.resolve(kind.project() + "-" + port + ".log");
    }

    /** Keeps only the newest few logs of this kind of emulator, so that they do not pile up in the cache. */
    private static void pruneLogs(Path dir, Emulator kind) {
        try (var logs = Files.list(dir)) {
            List<Path> old = logs.filter(p -> p.getFileName().toString().matches(
                            java.util.regex.Pattern.quote(kind.project()) + "-\\d+\\.log"))
                    .sorted(java.util.Comparator.comparing(LocalEmulator::modified).reversed())
                    .skip(LOGS_KEPT - 1).toList();
            for (Path p : old) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // pruning is housekeeping; a start must not fail over it
        }
    }

    private static java.nio.file.attribute.FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return java.nio.file.attribute.FileTime.fromMillis(0);
        }
    }

    private void awaitHealthy(Duration timeout, Path log) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (process != null && !process.isAlive()) {
                String last = lastLine(log);
                String message = emulator.project() + " exited while starting (exit code " + process.exitValue()
                        + "); its log is " + log + ": " + last;
                throw PortTaken.in(last) ? new PortTaken(message) : new TargetException(message);
            }
            if (answers(endpointUri(), emulator)) {
                return;
            }
            sleep(HEALTH_POLL);
        }
        throw new TargetException(emulator.project() + " did not answer on port " + port + " within "
                + timeout.toSeconds() + " s; its log is " + log);
    }

    /** Whether ministack answers at this endpoint: its health path is its own. */
    static boolean answersAsMinistack(URI endpoint) {
        return answers(endpoint, Emulator.MINISTACK);
    }

    /**
     * Whether this kind of emulator answers its own health path at the endpoint. Asked every few milliseconds while
     * one starts, so through the JDK's plain HTTP connection, which costs a command nothing to load, unlike an
     * HttpClient and its selector thread per question.
     */
    static boolean answers(URI endpoint, Emulator kind) {
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) endpoint.resolve(kind.healthPath()).toURL().openConnection(Proxy.NO_PROXY);
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(2000);
            connection.setUseCaches(false);
            // Ministack answers its health path itself; a redirect to a page that answers is something else.
            connection.setInstanceFollowRedirects(false);
            return connection.getResponseCode() == 200;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new TargetException("No free port on 127.0.0.1 for the local emulator: " + e.getMessage(), e);
        }
    }

    private static int requireFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return port;
        } catch (IOException e) {
            throw new TargetException("Port " + port + " on 127.0.0.1 is already in use; choose another with"
                    + " --port, or leave --port out to use a free one.", e);
        }
    }

    static String lastLine(Path log) {
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(log));
            lines.removeIf(String::isBlank);
            return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1).strip();
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetException("Interrupted while waiting for the local emulator.");
        }
    }

    /** How to start the local emulator; the defaults suit a learner's machine. */
    public static final class Options {
        private Path cacheDir = defaultCacheDir();
        private String python = Optional.ofNullable(System.getenv("DVA_LABS_PYTHON")).orElse("python3");
        private int port;
        private Region region = Region.US_EAST_1;
        private boolean regionGiven;
        private Emulator emulator = Emulator.MINISTACK;

        /** Which emulator; ministack unless told. */
        public Options withEmulator(Emulator emulator) {
            this.emulator = emulator;
            return this;
        }

        /** Where the pinned Python tools are installed: {@code ~/.cache/dva-labs} unless told. */
        public Path cacheDir() {
            return cacheDir;
        }

        /** The Python that makes their virtualenvs. */
        public String python() {
            return python;
        }

        public Options withCacheDir(Path cacheDir) {
            this.cacheDir = cacheDir;
            return this;
        }

        public Options withPython(String python) {
            this.python = python;
            return this;
        }

        /** A fixed port; 0 (the default) picks a free one. */
        public Options withPort(int port) {
            if (port < 0 || port > 65535) {
                throw new TargetValueException("--port " + port + " is not a port; give one from 1 to 65535, or leave"
                        + " --port out to use a free one.");
            }
            this.port = port;
            return this;
        }

        /** The region a learner named; an emulator already running in another region is then refused. */
        public Options withRegion(Region region) {
            this.region = region;
            this.regionGiven = true;
            return this;
        }

        /** Where emulators are recorded, locked and logged: the cache directory, unless a test keeps its own. */
        public Path stateDir() {
            return kept().dir();
        }

        /** Where kept emulators are remembered: the cache directory, unless a test keeps its own. */
        KeptEmulators kept() {
            String own = System.getProperty("dva-labs.state-dir");
            return new KeptEmulators(own != null ? Path.of(own) : cacheDir);
        }

        private static Path defaultCacheDir() {
            String own = System.getenv("DVA_LABS_CACHE");
            if (own != null && !own.isBlank()) {
                return Path.of(own);
            }
            String xdg = System.getenv("XDG_CACHE_HOME");
            Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
            return base.resolve("dva-labs");
        }
    }
}
