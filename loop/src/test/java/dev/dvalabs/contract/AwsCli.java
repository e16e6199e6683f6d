package dev.dvalabs.contract;

import dev.dvalabs.targets.LocalEmulator;
import dev.dvalabs.targets.PythonVenv;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The AWS CLI a learner types, pinned from PyPI and installed into the cache like the emulators: it runs
 * a mistake corpus script against an emulator with the emulator's endpoint and test credentials.
 *
 * <p>A script's {@code aws} is that CLI, started once: a server ({@code aws_forkserver.py}) imports it
 * and forks a child per command, which takes over the command's streams, argv, environment and
 * directory and runs the installed {@code aws} script's own entry point. Python's start, awscli's imports
 * and the parsing of the models the scripts' services use are paid once instead of per command. {@code -Ddva-labs.corpus.aws=installed}
 * runs the installed {@code aws} directly instead.
 */
final class AwsCli implements AutoCloseable {

    static final String VERSION = "1.46.3";

    /** What a script printed and how it ended. */
    record Ran(int exitCode, String output) {}

    private final Path bin;
    private final Path work;
    private final Process server; // null when scripts run the installed aws directly

    private AwsCli(Path bin, Path work, Process server) {
        this.bin = bin;
        this.work = work;
        this.server = server;
    }

    /** The CLI, its server warmed for the AWS CLI commands (services) the scripts in {@code folders} type. */
    static AwsCli install(Collection<Path> folders) {
        Set<String> services = new TreeSet<>();
        for (Path folder : folders) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Matcher command = AWS_COMMAND.matcher(Files.readString(file));
                    while (command.find()) {
                        services.add(command.group(1));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return install(services);
    }

    private static final Pattern AWS_COMMAND = Pattern.compile("\\baws\\s+([a-z][a-z0-9-]*)");

    /** The installed {@code aws}, run as a learner's shell runs it: one process per command. */
    static AwsCli installed() {
        return new AwsCli(bin(), null, null);
    }

    private static Path bin() {
        var options = new LocalEmulator.Options();
        return PythonVenv.install(options.cacheDir(), options.python(), "awscli", VERSION, "awscli==" + VERSION).resolve("bin");
    }

    static AwsCli install(Set<String> services) {
        if ("installed".equals(System.getProperty("dva-labs.corpus.aws"))) {
            return installed();
        }
        Path bin = bin();
        try {
            Path work = Files.createTempDirectory("dva-labs-aws");
            return new AwsCli(bin, work, startServer(bin, work, services));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the AWS CLI server", e);
        }
    }

    /** Whether the scripts' {@code aws} is the compiled shim (an ELF file), not the Python one. */
    boolean shimCompiled() throws IOException {
        Path shim = work.resolve("bin").resolve("aws");
        if (server == null || !Files.exists(shim)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(shim)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 0x7f && magic[1] == 'E' && magic[2] == 'L' && magic[3] == 'F';
        }
    }

    /** Stops the server while the shim stays: its commands then run the installed aws. */
    void stopServer() throws InterruptedException {
        if (server != null) {
            server.destroy();
            server.waitFor();
        }
    }

    /** Starts the server and waits until it listens; it ends with this JVM, as its stdin then closes. */
    private static Process startServer(Path bin, Path work, Set<String> services) throws IOException {
        Path socket = work.resolve("aws.sock");
        Path script = Files.writeString(work.resolve("aws_forkserver.py"), resource("aws_forkserver.py"));
        Path shim = Files.createDirectories(work.resolve("bin")).resolve("aws");
        if (!compiled(shim, work, socket, bin.resolve("aws"))) {
            Files.writeString(shim, "#!" + bin.resolve("python") + " -IS\n" + resource("aws_shim.py")
                    .replace("@SOCKET@", socket.toString()).replace("@AWS@", bin.resolve("aws").toString()));
            Files.setPosixFilePermissions(shim, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        List<String> command = new ArrayList<>(List.of(bin.resolve("python").toString(), script.toString(), socket.toString()));
        command.addAll(services);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(work.resolve("server.log").toFile());
        environment(builder.environment(), bin);
        Process server = builder.start();
        String first = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (!"ready".equals(first)) {
            server.destroyForcibly();
            throw new IllegalStateException("the AWS CLI server did not start: " + Files.readString(work.resolve("server.log")));
        }
        return server;
    }

    /**
     * The shim in C (aws_shim.c), when {@code cc} is at hand and compiles it: a command then costs the script no
     * Python start (about 12 ms of CPU, thousands of times a corpus). False leaves the Python shim to be written.
     */
    static boolean compiled(Path shim, Path work, Path socket, Path installed) throws IOException {
        if ("python".equals(System.getProperty("dva-labs.corpus.shim"))) {
            return false;
        }
        Path source = Files.writeString(work.resolve("aws_shim.c"), resource("aws_shim.c")
                .replace("@SOCKET@", cString(socket.toString())).replace("@AWS@", cString(installed.toString())));
        try {
            Process cc = new ProcessBuilder("cc", "-O2", "-o", shim.toString(), source.toString())
                    .redirectErrorStream(true).redirectOutput(work.resolve("cc.log").toFile()).start();
            return cc.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) && cc.exitValue() == 0 && Files.isExecutable(shim);
        } catch (IOException e) {  // no cc on this machine
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String cString(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = AwsCli.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException(name + " is missing beside " + AwsCli.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** What every script's shell has, whichever emulator it runs on. */
    private static void environment(Map<String, String> env, Path bin) {
        env.put("PATH", bin + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("AWS_PAGER", "");
        env.remove("AWS_PROFILE");
    }

    /** Runs a bash script of aws commands against the emulator, as a learner's shell would. */
    Ran run(Path script, LocalEmulator emulator) throws IOException, InterruptedException {
        return run(script, emulator, Duration.ofMinutes(5));
    }

    /** {@link #run(Path, LocalEmulator)}, giving up after {@code patience}. */
    Ran run(Path script, LocalEmulator emulator, Duration patience) throws IOException, InterruptedException {
        // Into a file, not a pipe: a command still running (a served one is no child of the script) would keep a
        // pipe open, and reading it to its end would outwait any timeout.
        Path output = Files.createTempFile("dva-labs-corpus-output", ".txt");
        ProcessBuilder builder = new ProcessBuilder("bash", "-euo", "pipefail", script.toString())
                .directory(script.getParent().toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
        Map<String, String> env = builder.environment();
        environment(env, bin);
        if (server != null) {
            env.put("PATH", work.resolve("bin") + ":" + env.get("PATH"));
        }
        env.put("AWS_ENDPOINT_URL", emulator.endpoint().orElseThrow().toString());
        env.put("AWS_DEFAULT_REGION", emulator.region().id());
        try {
            Process process = builder.start();
            if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                return new Ran(-1, "did not finish within " + patience.toSeconds() + " s");
            }
            return new Ran(process.exitValue(), Files.readString(output));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** Stops the server and removes its socket and files. */
    @Override
    public void close() throws IOException, InterruptedException {
        if (server == null) {
            return;
        }
        server.destroy();
        server.waitFor(10, TimeUnit.SECONDS);
        server.destroyForcibly();
        try (Stream<Path> files = Files.walk(work)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
