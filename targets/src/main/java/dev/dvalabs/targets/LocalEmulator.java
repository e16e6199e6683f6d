package dev.dvalabs.targets;

import java.io.IOException;
import java.net.InetAddress;
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

    private final Emulator emulator;
    private final int port;
    private final Region region;
    private final Process process; // null when attached to one that an earlier command started
    private final ProcessHandle handle;
    private boolean keep;

    private LocalEmulator(Emulator emulator, int port, Region region, Process process, ProcessHandle handle) {
        this.emulator = emulator;
        this.port = port;
        this.region = region;
        this.process = process;
        this.handle = handle;
    }

    /** Starts ministack on a free loopback port, installing it first if this machine has not yet. */
    public static LocalEmulator start() {
        return start(new Options());
    }

    public static LocalEmulator start(Options options) {
        Emulator kind = options.emulator;
        Path venv = PythonVenv.install(options.cacheDir, options.python, kind.project(), kind.version(), kind.requirement());
        int port = options.port == 0 ? freePort() : requireFree(options.port);
        Path log = options.cacheDir.resolve(kind.project() + "-" + port + ".log");
        ProcessBuilder builder = new ProcessBuilder(kind.command(venv, port))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(kind.environment(port, options.region.id()));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new TargetException("Could not start " + kind.project() + " from " + venv + ": " + e.getMessage(), e);
        }
        LocalEmulator emulator = new LocalEmulator(kind, port, options.region, process, process.toHandle());
        // Ctrl-C or a failure must not leave a stray emulator behind unless the learner asked to keep it.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!emulator.keep) {
                emulator.stop();
            }
        }));
        try {
            emulator.awaitHealthy(START_TIMEOUT, log);
        } catch (RuntimeException e) {
            emulator.stop();
            throw e;
        }
        return emulator;
    }

    /** The emulator an earlier command kept running, if it still answers. */
    public static Optional<LocalEmulator> attach(Options options) {
        KeptEmulators kept = options.kept();
        Optional<KeptEmulators.Kept> found = kept.read(options.emulator);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(found.get().pid()).filter(ProcessHandle::isAlive);
        if (handle.isEmpty() || !answers(URI.create("http://127.0.0.1:" + found.get().port()), options.emulator)) {
            kept.forget(options.emulator);
            return Optional.empty();
        }
        LocalEmulator emulator = new LocalEmulator(options.emulator, found.get().port(), Region.of(found.get().region()),
                null, handle.get());
        emulator.keep = true;
        return Optional.of(emulator);
    }

    /**
     * Leaves the emulator running after this command, and remembers it so the next command attaches.
     * Returns the lines that tell a learner how to reach it with the AWS CLI and how to stop it.
     */
    public List<String> keep(Options options) {
        keep = true;
        options.kept().remember(emulator, new KeptEmulators.Kept(handle.pid(), port, region.id()));
        return List.of(
                "The local emulator keeps running at " + endpointUri() + " (pid " + handle.pid() + ").",
                "Point the AWS CLI at it: export AWS_ENDPOINT_URL=" + endpointUri()
                        + " AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=" + region.id(),
                "Stop it with: labs destroy <exercise> (or kill " + handle.pid() + ").");
    }

    /** Whether this emulator outlives the command (kept now or by an earlier command). */
    public boolean kept() {
        return keep;
    }

    /**
     * Stops the emulator now, kept or not. It keeps its state in memory only, so there is nothing a
     * graceful shutdown would save, and a graceful one costs hypercorn close to two seconds.
     */
    public void stop() {
        handle.descendants().forEach(ProcessHandle::destroyForcibly);
        handle.destroyForcibly();
        try {
            handle.onExit().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new TargetException("The local emulator (pid " + handle.pid() + ") did not stop; stop it with kill -9 "
                    + handle.pid() + ".");
        }
        keep = false;
    }

    /** Forgets a kept emulator, for when it was stopped. */
    public static void forget(Options options) {
        options.kept().forget(options.emulator);
    }

    public int port() {
        return port;
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

    @Override
    public String describe() {
        return "local emulator (" + emulator.project() + " " + emulator.version() + ") at " + endpointUri();
    }

    @Override
    public void close() {
        if (!keep) {
            stop();
        }
    }

    private void awaitHealthy(Duration timeout, Path log) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (process != null && !process.isAlive()) {
                throw new TargetException(emulator.project() + " exited while starting (exit code " + process.exitValue()
                        + "); its log is " + log + ": " + lastLine(log));
            }
            if (answers(endpointUri(), emulator)) {
                return;
            }
            sleep(Duration.ofMillis(100));
        }
        throw new TargetException(emulator.project() + " did not answer on port " + port + " within "
                + timeout.toSeconds() + " s; its log is " + log);
    }

    /** Whether ministack answers at this endpoint: its health path is its own. */
    static boolean answersAsMinistack(URI endpoint) {
        return answers(endpoint, Emulator.MINISTACK);
    }

    /** Whether this kind of emulator answers its own health path at the endpoint. */
    static boolean answers(URI endpoint, Emulator kind) {
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            HttpResponse<Void> response = http.send(
                    HttpRequest.newBuilder(endpoint.resolve(kind.healthPath()))
                            .timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
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
            this.port = port;
            return this;
        }

        public Options withRegion(Region region) {
            this.region = region;
            return this;
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
