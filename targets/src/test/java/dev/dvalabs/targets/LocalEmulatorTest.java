package dev.dvalabs.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dvalabs.testing.LocalEmulatorExtension;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.StandardCopyOption;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.regions.Region;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.Endpoint;
import software.amazon.awssdk.services.sts.StsClient;

@ExtendWith(LocalEmulatorExtension.class)
class LocalEmulatorTest {

    @Test
    @DisplayName("a machine without python3 gets one sentence naming the alternatives")
    void missingPython(@TempDir Path cache) {
        var options = new LocalEmulator.Options().withCacheDir(cache).withPython("/nonexistent/python3");
        assertThatThrownBy(() -> LocalEmulator.start(options))
                .isInstanceOf(TargetException.class)
                .hasMessageContaining("/nonexistent/python3 was not found")
                .hasMessageContaining("--target localstack")
                .hasMessageContaining("--target endpoint");
    }

    @Test
    @DisplayName("a port that is taken is refused before anything starts")
    void portTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var options = new LocalEmulator.Options().withPort(taken.getLocalPort());
            assertThatThrownBy(() -> LocalEmulator.start(options))
                    .isInstanceOf(TargetException.class)
                    .hasMessage("Port " + taken.getLocalPort() + " on 127.0.0.1 is already in use; choose another with"
                            + " --port, or leave --port out to use a free one.");
        }
    }

    @Test
    @DisplayName("a report says the emulator by its name and pinned version, without its address")
    void reportedAsEmulatorAndVersion(LocalEmulator emulator) {
        assertThat(emulator.reported()).matches("ministack \\d+\\.\\d+\\.\\d+ \\(us-east-1\\)");
    }

    @Test
    @DisplayName("the emulator answers AWS calls on loopback")
    void answersOnLoopback(LocalEmulator emulator) {
        assertThat(emulator.endpoint().orElseThrow().getHost()).isEqualTo("127.0.0.1");
        try (StsClient sts = emulator.client(StsClient.builder())) {
            assertThat(sts.getCallerIdentity().account()).isNotBlank();
        }
    }

    /**
     * ministack hands a replication group the address of the RESP server its launch script keeps beside it (REDIS_HOST,
     * REDIS_PORT); that server is made when its first client connects, and must then answer it, not leave it waiting.
     */
    @Test
    @DisplayName("a Redis replication group's endpoint answers PING from the server made on its first connection")
    void redisServerMadeOnFirstConnection(@TempDir Path state) throws Exception {
        withStateDir(state, () -> {
            try (LocalEmulator started = LocalEmulator.start(new LocalEmulator.Options());
                 ElastiCacheClient elasticache = started.client(ElastiCacheClient.builder())) {
                elasticache.createReplicationGroup(r -> r.replicationGroupId("ping").replicationGroupDescription("ping")
                        .engine("redis").cacheNodeType("cache.t3.micro").numCacheClusters(1));
                Endpoint endpoint = elasticache.describeReplicationGroups(r -> r.replicationGroupId("ping"))
                        .replicationGroups().get(0).nodeGroups().get(0).primaryEndpoint();
                assertThat(endpoint.port()).isNotEqualTo(started.port());
                try (Socket redis = new Socket(endpoint.address(), endpoint.port())) {
                    redis.setSoTimeout(10_000);
                    redis.getOutputStream().write("*1\r\n$4\r\nPING\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    byte[] answer = redis.getInputStream().readNBytes(7);
                    assertThat(new String(answer, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("+PONG\r\n");
                }
            }
        });
    }

    /**
     * A fakeredis that fails as it is imported (a damaged venv) must refuse the RESP server's clients, not leave them
     * connected to a socket nobody accepts on: a function's Redis client then waits for its timeout, with nothing said.
     * An ImportError did refuse them; any other error (here a RuntimeError) left them waiting.
     */
    @Test
    @DisplayName("a fakeredis that fails to load refuses the Redis port's clients rather than leaving them waiting")
    void brokenFakeredisRefusesRedisClients(@TempDir Path dir) throws Exception {
        var options = new LocalEmulator.Options();
        Emulator kind = Emulator.MINISTACK;
        Path venv = PythonVenv.install(options.cacheDir(), options.python(), kind.project(), kind.installVersion(), kind.requirements());
        Path broken = Files.createDirectories(dir.resolve("path").resolve("fakeredis"));
        Files.writeString(broken.resolve("__init__.py"), "raise RuntimeError('a damaged fakeredis')\n");
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(kind.command(venv, port)).redirectErrorStream(true)
                .redirectOutput(dir.resolve("log").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
        builder.environment().putAll(kind.environment(port, "us-east-1"));
        builder.environment().put("PYTHONPATH", dir.resolve("path").toString());
        builder.environment().put("TMPDIR", Files.createDirectories(dir.resolve("tmp")).toString());
        Process emulator = builder.start();
        try {
            java.net.URI endpoint = java.net.URI.create("http://127.0.0.1:" + port);
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            while (!LocalEmulator.answersAsMinistack(endpoint)) {
                assertThat(System.nanoTime()).as("ministack answers").isLessThan(deadline);
                assertThat(emulator.isAlive()).as("ministack runs").isTrue();
                Thread.sleep(50);
            }
            try (EndpointTarget target = EndpointTarget.at(endpoint.toString(), null, Region.US_EAST_1);
                 ElastiCacheClient elasticache = target.client(ElastiCacheClient.builder())) {
                elasticache.createReplicationGroup(r -> r.replicationGroupId("broken").replicationGroupDescription("broken")
                        .engine("redis").cacheNodeType("cache.t3.micro").numCacheClusters(1));
                Endpoint redisEndpoint = elasticache.describeReplicationGroups(r -> r.replicationGroupId("broken"))
                        .replicationGroups().get(0).nodeGroups().get(0).primaryEndpoint();
                for (int client = 0; client < 2; client++) {
                    try (Socket redis = new Socket()) {
                        redis.connect(new java.net.InetSocketAddress(redisEndpoint.address(), redisEndpoint.port()), 5_000);
                        redis.setSoTimeout(5_000);
                        redis.getOutputStream().write("*1\r\n$4\r\nPING\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                        assertThat(redis.getInputStream().read()).as("an answer or the end of the connection").isEqualTo(-1);
                    } catch (java.net.SocketTimeoutException e) {
                        throw new AssertionError("client " + client + " of the Redis port was left waiting", e);
                    } catch (java.io.IOException e) {
                        // refused or reset: the client knows at once
                    }
                }
            }
        } finally {
            emulator.destroy();
            emulator.waitFor();
        }
    }

    @Test
    @DisplayName("a service ministack lacks is refused as unsupported, from the AWS service names kept beside its venv; a damaged copy of them is made again")
    void unsupportedServiceFromKeptNames() throws Exception {
        var options = new LocalEmulator.Options();
        Emulator kind = Emulator.MINISTACK;
        Path names = PythonVenv.install(options.cacheDir(), options.python(), kind.project(), kind.installVersion(),
                kind.requirements()).resolve("aws-service-names.json");
        // Replaced in one step: an emulator another test starts meanwhile reads the names whole or the damage whole.
        Path damaged = Files.writeString(names.resolveSibling(names.getFileName() + ".test-" + ProcessHandle.current().pid()), "[");
        Files.move(damaged, names, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        try (LocalEmulator rebuilding = LocalEmulator.start(options)) {
            assertThat(daxAnswer(rebuilding)).contains("Unsupported service: dax");
        }
        assertThat(new ObjectMapper().readValue(names.toFile(), String[].class)).contains("dax", "dynamodb", "sqs", "lambda");
        Object kept = Files.readAttributes(names, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        try (LocalEmulator reading = LocalEmulator.start(options)) {
            assertThat(daxAnswer(reading)).contains("Unsupported service: dax");
            // Read, not made again: an emulator that read the models would have replaced the file with a new one.
            assertThat(Files.readAttributes(names, java.nio.file.attribute.BasicFileAttributes.class).fileKey()).isEqualTo(kept);
            try (StsClient sts = reading.client(StsClient.builder())) {
                assertThat(sts.getCallerIdentity().account()).isNotBlank();
            }
        }
    }

    @Test
    @DisplayName("an endpoint whose health path redirects to a page that answers is not taken for ministack")
    void aRedirectIsNotMinistack() throws Exception {
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            if (exchange.getRequestURI().getPath().startsWith("/_ministack")) {
                exchange.getResponseHeaders().add("Location", "/sign-in");
                exchange.sendResponseHeaders(302, -1);
            } else {
                byte[] page = "<html>sign in</html>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, page.length);
                exchange.getResponseBody().write(page);
            }
            exchange.close();
        });
        server.start();
        try {
            assertThat(LocalEmulator.answersAsMinistack(java.net.URI.create("http://127.0.0.1:" + server.getAddress().getPort())))
                    .isFalse();
        } finally {
            server.stop(0);
        }
    }

    /** What the emulator answers a DAX DescribeClusters, signed (badly: ministack does not check) for the dax service. */
    private static String daxAnswer(LocalEmulator emulator) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(emulator.endpoint().orElseThrow())
                .header("X-Amz-Target", "AmazonDAXV3.DescribeClusters")
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20261206/us-east-1/dax/aws4_request,"
                        + " SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    @DisplayName("a kept emulator is found by the next command, and stopping it forgets it")
    void keptEmulatorIsAttached(@TempDir Path state) {
        System.setProperty("dva-labs.state-dir", state.toString());
        try {
            var options = new LocalEmulator.Options();
            LocalEmulator started = LocalEmulator.start(options);
            assertThat(started.keep()).anySatisfy(line -> assertThat(line).contains("keeps running at http://127.0.0.1:" + started.port()));
            started.close(); // kept: close leaves it running
            LocalEmulator attached = LocalEmulator.attach(options).orElseThrow();
            assertThat(attached.port()).isEqualTo(started.port());
            attached.stop();
            assertThat(LocalEmulator.attach(options)).isEmpty();
        } finally {
            System.clearProperty("dva-labs.state-dir");
        }
    }

    @Test
    @DisplayName("an emulator a command started but never recorded (killed in between) is found by its marker")
    void unrecordedEmulatorIsFound(@TempDir Path state) throws Exception {
        withStateDir(state, () -> {
            var options = new LocalEmulator.Options();
            LocalEmulator started = LocalEmulator.attachOrStart(options, true).orElseThrow();
            try {
                Files.delete(state.resolve("local-emulator.json")); // as if killed before the record was written
                LocalEmulator found = LocalEmulator.attach(options).orElseThrow();
                assertThat(found.port()).isEqualTo(started.port());
                assertThat(found.kept()).as("an orphan is kept until destroy finds nothing on it").isTrue();
                assertThat(state.resolve("local-emulator.json")).as("recorded again").exists();
            } finally {
                started.stop();
            }
            assertThat(LocalEmulator.findAll(options)).isEmpty();
        });
    }

    @Test
    @DisplayName("two first starts at once share one emulator instead of each starting one")
    void concurrentFirstStartsShareOne(@TempDir Path state) throws Exception {
        withStateDir(state, () -> {
            var options = new LocalEmulator.Options();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<LocalEmulator>> starts = List.of(
                        pool.submit(() -> LocalEmulator.attachOrStart(options, true).orElseThrow()),
                        pool.submit(() -> LocalEmulator.attachOrStart(options, true).orElseThrow()));
                List<LocalEmulator> emulators = new ArrayList<>();
                for (Future<LocalEmulator> f : starts) {
                    emulators.add(f.get());
                }
                try {
                    assertThat(emulators.get(0).port()).isEqualTo(emulators.get(1).port());
                    assertThat(LocalEmulator.findAll(options)).hasSize(1);
                } finally {
                    LocalEmulator.findAll(options).forEach(LocalEmulator::stop);
                    emulators.forEach(LocalEmulator::stop);
                }
            } finally {
                pool.shutdownNow();
            }
        });
    }

    @Test
    @DisplayName("a --port or --region that contradicts the running emulator is refused, not ignored")
    void conflictingPortOrRegionRefused(@TempDir Path state) throws Exception {
        withStateDir(state, () -> {
            LocalEmulator started = LocalEmulator.attachOrStart(new LocalEmulator.Options(), true).orElseThrow();
            try {
                int other = started.port() == 65000 ? 65001 : 65000;
                assertThatThrownBy(() -> LocalEmulator.attach(new LocalEmulator.Options().withPort(other)))
                        .isInstanceOf(TargetValueException.class)
                        .hasMessage("A local emulator is already running on port " + started.port() + " (pid "
                                + started.pid() + "), so --port " + other + " cannot apply; leave --port out, or stop it"
                                + " first with labs destroy --all.");
                assertThatThrownBy(() -> LocalEmulator.attach(new LocalEmulator.Options().withRegion(Region.EU_WEST_1)))
                        .isInstanceOf(TargetValueException.class).hasMessageContaining("is in us-east-1, so --region eu-west-1 cannot apply");
                assertThat(LocalEmulator.attach(new LocalEmulator.Options().withPort(started.port()))).isPresent();
            } finally {
                started.stop();
            }
        });
    }

    @Test
    @DisplayName("an emulator that died while a command used it is said to have ended, how and where its log is; not while it runs, nor once closed")
    void endedWhileUsedIsSaid(@TempDir Path state) throws Exception {
        withStateDir(state, () -> {
            LocalEmulator started = LocalEmulator.attachOrStart(new LocalEmulator.Options(), true).orElseThrow();
            assertThat(started.endedWhileUsed()).isEmpty();
            ProcessHandle process = ProcessHandle.of(started.pid()).orElseThrow();
            process.destroyForcibly();
            process.onExit().join();
            assertThat(started.endedWhileUsed()).hasValueSatisfying(said -> assertThat(said)
                    .startsWith("the local emulator (ministack ").contains("ended while the command was using it (exit code 137)")
                    .contains("its log is " + state.resolve("ministack-" + started.port() + ".log")));
            started.close();
            assertThat(started.endedWhileUsed()).as("once closed").isEmpty();
            Files.deleteIfExists(state.resolve("ministack-" + started.port() + ".log"));
        });
    }

    /** Ctrl-C reaches the emulator too (it is in the command's process group), and it ends before the command closes it. */
    @Test
    @DisplayName("an emulator that ended on its own before its command closed it leaves no temporary directory, record or log; one that failed keeps its log")
    void endedOnItsOwnIsCleanedUp(@TempDir Path state) throws Exception {
        withStateDir(state, () -> {
            for (boolean failed : new boolean[] {false, true}) {
                LocalEmulator started = LocalEmulator.attachOrStart(new LocalEmulator.Options(), true).orElseThrow();
                Path log = state.resolve("ministack-" + started.port() + ".log");
                Path temp = state.resolve("tmp").resolve("ministack-" + started.port());
                ProcessHandle process = ProcessHandle.of(started.pid()).orElseThrow();
                if (failed) {
                    process.destroyForcibly();
                } else {
                    process.destroy();
                }
                process.onExit().join();
                started.close();
                assertThat(temp).as("its temporary directory").doesNotExist();
                assertThat(state.resolve("local-emulator.json")).as("its record").doesNotExist();
                if (failed) {
                    assertThat(log).as("the log of one killed").exists();
                } else {
                    assertThat(log).as("the log of one that ended cleanly").doesNotExist();
                }
                Files.deleteIfExists(log);
            }
        });
    }

    @Test
    @DisplayName("an emulator that stops cleanly leaves no log behind")
    void cleanStopRemovesTheLog(@TempDir Path state) throws Exception {
        withStateDir(state, () -> {
            LocalEmulator started = LocalEmulator.attachOrStart(new LocalEmulator.Options(), true).orElseThrow();
            Path log = state.resolve("ministack-" + started.port() + ".log");
            assertThat(log).exists();
            started.close();
            assertThat(log).doesNotExist();
            assertThat(state.resolve("local-emulator.json")).doesNotExist();
        });
    }

    @Test
    @DisplayName("a port taken before the emulator binds it ends its start as PortTaken, which a start on a port of its own choosing tries again")
    void portTakenIsSaid(@TempDir Path state) throws Exception {
        withStateDir(state, () -> {
            try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> LocalEmulator.launch(new LocalEmulator.Options(), false, taken.getLocalPort()))
                        .isInstanceOf(LocalEmulator.PortTaken.class).hasMessageContaining("exited while starting");
            }
        });
    }

    @Test
    @DisplayName("the emulator writes its temporary files into a directory of its own, stops on SIGTERM, and its directory goes with it")
    void temporaryDirectoryOfItsOwn(@TempDir Path state) throws Exception {
        withStateDir(state, () -> {
            LocalEmulator started = LocalEmulator.start(new LocalEmulator.Options());
            Path temp = state.resolve("tmp").resolve("ministack-" + started.port());
            assertThat(environment(started.pid())).contains("TMPDIR=" + temp, "TEMP=" + temp, "TMP=" + temp);
            Path own = temp.resolve("ministack-" + started.port() + ".pid");
            assertThat(own).as("its pid file, here rather than in /tmp").exists();
            // /tmp may hold a file of that name left by an emulator started without the toolkit (killed, on the same
            // port); what matters is that this emulator did not write it.
            Path shared = Path.of(System.getProperty("java.io.tmpdir"), "ministack-" + started.port() + ".pid");
            if (Files.exists(shared)) {
                assertThat(Files.readString(shared).strip()).as("a pid file in /tmp").isNotEqualTo(Files.readString(own).strip());
            }
            started.stop();
            assertThat(started.exitValue()).as("ended by its own SIGTERM handler, not killed").hasValue(0);
            assertThat(temp).doesNotExist();
        });
    }

    @Test
    @DisplayName("the temporary directory a killed emulator left is removed when the next one starts; a running one's is kept")
    void staleTemporaryDirectoryRemoved(@TempDir Path state) throws Exception {
        withStateDir(state, () -> {
            LocalEmulator killed = LocalEmulator.start(new LocalEmulator.Options());
            Path killedTemp = state.resolve("tmp").resolve("ministack-" + killed.port());
            ProcessHandle.of(killed.pid()).orElseThrow().destroyForcibly();
            ProcessHandle.of(killed.pid()).ifPresent(p -> p.onExit().join());
            assertThat(killedTemp).exists();
            try (LocalEmulator running = LocalEmulator.start(new LocalEmulator.Options());
                 LocalEmulator next = LocalEmulator.start(new LocalEmulator.Options())) {
                assertThat(killedTemp).as("left by the emulator killed with SIGKILL").doesNotExist();
                assertThat(state.resolve("tmp").resolve("ministack-" + running.port())).as("a running emulator's").exists();
                assertThat(next.port()).isNotEqualTo(running.port());
            } finally {
                killed.stop();
            }
        });
    }

    @Test
    @DisplayName("the users files of emulators that are gone are pruned when a command starts; a held one and a live emulator's stay")
    void staleUsersFilesPruned(@TempDir Path state) throws Exception {
        withStateDir(state, () -> {
            long gone = goneProcess();
            long alsoGone = goneProcess();
            long heldElsewhere = goneProcess();
            Path stale = Files.createFile(EmulatorUsers.file(state, Emulator.MINISTACK, gone));
            Path heldHere = EmulatorUsers.file(state, Emulator.MOTO, alsoGone);
            EmulatorUsers here = EmulatorUsers.join(heldHere).orElseThrow();
            Path held = Files.createFile(EmulatorUsers.file(state, Emulator.MINISTACK, heldElsewhere));
            Path live = Files.createFile(EmulatorUsers.file(state, Emulator.MINISTACK, ProcessHandle.current().pid()));
            // A command in another process holding its shared lock, as a labs command does (fcntl, as the JVM locks).
            Process holder = new ProcessBuilder("python3", "-c", "import fcntl,sys,time\n"
                    + "f=open(sys.argv[1],'r+')\nfcntl.lockf(f,fcntl.LOCK_SH)\nprint('held',flush=True)\ntime.sleep(60)", held.toString())
                    .redirectErrorStream(true).start();
            try {
                assertThat(new String(holder.getInputStream().readNBytes(4))).isEqualTo("held");
                assertThat(LocalEmulator.attach(new LocalEmulator.Options())).isEmpty(); // a command starting
                assertThat(stale).doesNotExist();
                assertThat(heldHere).as("held by a command of this JVM").exists();
                assertThat(held).as("held by a command in another process").exists();
                assertThat(live).as("its emulator runs").exists();
            } finally {
                holder.destroyForcibly().waitFor();
                here.leave(() -> false);
            }
        });
    }

    /** The pid of a process that has ended. */
    private static long goneProcess() throws Exception {
        Process done = new ProcessBuilder("true").start();
        done.waitFor();
        return done.pid();
    }

    private static String environment(long pid) throws Exception {
        return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ")), java.nio.charset.StandardCharsets.UTF_8)
                .replace('\0', '\n');
    }

    @ParameterizedTest(name = "--port {0} is refused as a bad value")
    @ValueSource(ints = {-1, 65536, 70000})
    void portOutOfRange(int port) {
        assertThatThrownBy(() -> new LocalEmulator.Options().withPort(port))
                .isInstanceOf(TargetValueException.class)
                .hasMessage("--port " + port + " is not a port; give one from 1 to 65535, or leave --port out to use a free one.");
    }

    interface Body {
        void run() throws Exception;
    }

    private static void withStateDir(Path state, Body body) throws Exception {
        // A test must never attach to (or stop) an emulator a learner kept on this machine.
        System.setProperty("dva-labs.state-dir", state.toString());
        try {
            body.run();
        } finally {
            System.clearProperty("dva-labs.state-dir");
        }
    }
}
