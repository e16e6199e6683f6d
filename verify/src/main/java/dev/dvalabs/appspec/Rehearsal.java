package dev.dvalabs.appspec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Runs an EC2/On-Premises bundle's in-place lifecycle on this machine, the way AWS's
 * codedeploy-local does, but confined to a scratch root: every absolute path the AppSpec names is
 * mapped beneath it, so /var/www/html becomes &lt;scratch&gt;/var/www/html.
 *
 * <p>Events run in CodeDeploy's order; the first failing or timed-out event stops the rehearsal and
 * the events after it are Skipped, as a deployment to one instance stops.
 *
 * <p>The confinement covers what the rehearsal itself writes. Hook scripts are the learner's own
 * code and run with the current user's rights; they get DVA_LABS_SCRATCH_ROOT so that a script
 * written for both worlds can prefix the paths it writes.
 */
public final class Rehearsal {

    public enum Status { Succeeded, Failed, Skipped, TimedOut }

    /** One script of a hook; runas is what the AppSpec asked for, not who ran it. */
    public record ScriptRun(String location, Optional<String> runas, OptionalInt exitCode, boolean timedOut) {
    }

    public record EventResult(String event, Status status, OptionalInt exitCode, Duration duration, String output,
                              List<ScriptRun> scripts) {
    }

    public record Result(Path scratchRoot, List<Finding> findings, Optional<String> refusal, List<EventResult> events) {
        public boolean succeeded() {
            return refusal.isEmpty() && events.stream().allMatch(e -> e.status() == Status.Succeeded);
        }
    }

    /** Thrown for input that is not a bundle at all: no directory, no appspec.yml. */
    public static final class BadBundleException extends Exception {
        public BadBundleException(String message) {
            super(message);
        }
    }

    public static final int MAX_OUTPUT_BYTES = 64 * 1024;
    static final String STATE_DIR = ".dva-labs";
    private static final String INSTALLED = "installed-files";
    private static final Duration KILL_GRACE = Duration.ofSeconds(5);

    private final Path scratchRoot;
    private final Map<String, String> deploymentVariables = new LinkedHashMap<>();

    public Rehearsal(Path scratchRoot) {
        this(scratchRoot, "dva-labs-rehearsal", "rehearsal");
    }

    public Rehearsal(Path scratchRoot, String applicationName, String deploymentGroupName) {
        this.scratchRoot = scratchRoot.toAbsolutePath().normalize();
        deploymentVariables.put("DEPLOYMENT_ID", "d-" + randomId());
        deploymentVariables.put("APPLICATION_NAME", applicationName);
        deploymentVariables.put("DEPLOYMENT_GROUP_NAME", deploymentGroupName);
        deploymentVariables.put("DEPLOYMENT_GROUP_ID", UUID.randomUUID().toString());
        deploymentVariables.put("DVA_LABS_SCRATCH_ROOT", this.scratchRoot.toString());
    }

    private static String randomId() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        SecureRandom random = new SecureRandom();
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 9; i++) {
            id.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return id.toString();
    }

    public static Optional<Path> appSpecIn(Path bundle) {
        return Stream.of("appspec.yml", "appspec.yaml").map(bundle::resolve).filter(Files::isRegularFile).findFirst();
    }

    public Result run(Path bundleDir) throws BadBundleException, IOException {
        if (!Files.isDirectory(bundleDir)) {
            throw new BadBundleException(bundleDir + " is not a directory; give the bundle directory that holds appspec.yml.");
        }
        Path bundle = bundleDir.toAbsolutePath().normalize();
        Path appspec = appSpecIn(bundle).orElseThrow(() -> new BadBundleException(
                "No appspec.yml in " + bundle + "; a bundle has its appspec.yml at its root."));
        List<Finding> findings = new AppSpecLinter().lint(appspec);
        if (findings.stream().anyMatch(Finding::isError)) {
            return refuse(findings, "Fix the lint errors first; CodeDeploy would reject this AppSpec file.");
        }
        MappingNode root = (MappingNode) AppSpecLinter.parse(Files.readString(appspec)).root();
        if (AppSpecLinter.platformOf(root).orElse(null) != ComputePlatform.SERVER) {
            return refuse(findings, "Only EC2/On-Premises bundles can be rehearsed; Lambda and ECS hooks run as Lambda functions in AWS.");
        }
        if (!Nodes.find(root, "os").flatMap(e -> Nodes.text(e.value())).orElse("").equals("linux")) {
            return refuse(findings, "Only os: linux bundles can be rehearsed here; Windows hooks need a Windows instance.");
        }
        List<FileMapping> files = fileMappings(root);
        for (FileMapping mapping : files) {
            if (BundlePaths.hasDotDot(mapping.destination()) || BundlePaths.belowRoot(mapping.destination()).isEmpty()) {
                return refuse(findings, "Refusing files destination " + mapping.destination()
                        + ": write it without '..' so it cannot leave the scratch root.");
            }
        }
        Files.createDirectories(scratchRoot);
        Path archive = downloadBundle(bundle);
        return new Result(scratchRoot, findings, Optional.empty(), runEvents(root, archive, files));
    }

    private Result refuse(List<Finding> findings, String why) {
        return new Result(scratchRoot, findings, Optional.of(why), List.of());
    }

    record FileMapping(String source, String destination) {
    }

    record Script(String location, long timeoutSeconds, Optional<String> runas) {
    }

    private static List<FileMapping> fileMappings(MappingNode root) {
        List<FileMapping> result = new ArrayList<>();
        Optional<Node> files = Nodes.find(root, "files").map(Nodes.Entry::value);
        if (files.isPresent() && files.get() instanceof SequenceNode list) {
            for (Node item : list.getValue()) {
                MappingNode entry = (MappingNode) item;
                result.add(new FileMapping(stringAt(entry, "source").orElseThrow(), stringAt(entry, "destination").orElseThrow()));
            }
        }
        return result;
    }

    private static Optional<String> stringAt(MappingNode mapping, String key) {
        return Nodes.find(mapping, key).flatMap(e -> Nodes.nonBlankText(e.value()));
    }

    private static List<Script> scripts(MappingNode root, String event) {
        List<Script> result = new ArrayList<>();
        Optional<Node> hooks = Nodes.find(root, "hooks").map(Nodes.Entry::value);
        if (hooks.isPresent() && hooks.get() instanceof MappingNode mapping) {
            Optional<Node> list = Nodes.find(mapping, event).map(Nodes.Entry::value);
            if (list.isPresent() && list.get() instanceof SequenceNode scripts) {
                for (Node item : scripts.getValue()) {
                    MappingNode script = (MappingNode) item;
                    long timeout = stringAt(script, "timeout").map(String::strip).map(Long::parseLong).orElse((long) ServerRules.MAX_TIMEOUT);
                    result.add(new Script(stringAt(script, "location").orElseThrow(), timeout, stringAt(script, "runas")));
                }
            }
        }
        return result;
    }

    /** The agent's DownloadBundle: a private copy of the revision, so scripts never change the learner's bundle. */
    private Path downloadBundle(Path bundle) throws IOException {
        Path archive = scratchRoot.resolve(STATE_DIR).resolve("deployment-archive");
        deleteTree(archive);
        Files.createDirectories(archive);
        copyTree(bundle, archive);
        return archive;
    }

    private List<EventResult> runEvents(MappingNode root, Path archive, List<FileMapping> files) throws IOException {
        List<EventResult> results = new ArrayList<>();
        boolean stopped = false;
        for (String event : LifecycleEvents.SERVER_IN_PLACE) {
            if (stopped) {
                results.add(new EventResult(event, Status.Skipped, OptionalInt.empty(), Duration.ZERO, "", List.of()));
                continue;
            }
            // CodeDeploy runs ApplicationStop from the previous revision and not at all on a first
            // deployment; a rehearsal runs the bundle's own, so a learner sees their stop script work.
            EventResult result = event.equals("Install")
                    ? install(root, archive, files)
                    : runHooks(event, scripts(root, event), archive);
            results.add(result);
            stopped = result.status() != Status.Succeeded;
        }
        return results;
    }

    private EventResult install(MappingNode root, Path archive, List<FileMapping> files) throws IOException {
        long started = System.nanoTime();
        String behavior = Nodes.find(root, "file_exists_behavior").flatMap(e -> Nodes.text(e.value())).orElse("DISALLOW");
        Path scratchReal = scratchRoot.toRealPath();
        Path manifest = scratchRoot.resolve(STATE_DIR).resolve(INSTALLED);
        StringBuilder log = new StringBuilder();
        // The agent removes what the last successful deployment installed before copying the new
        // revision, so re-running a rehearsal into the same scratch root is not a file conflict.
        if (Files.isRegularFile(manifest)) {
            for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
                Path old = scratchRoot.resolve(line).normalize();
                if (!line.isBlank() && old.startsWith(scratchRoot)) {
                    Files.deleteIfExists(old);
                }
            }
            Files.delete(manifest);
        }
        List<String> installed = new ArrayList<>();
        try {
            for (FileMapping mapping : files) {
                Path destination = scratchRoot.resolve(BundlePaths.belowRoot(mapping.destination()).orElseThrow()).normalize();
                boolean wholeBundle = mapping.source().equals("/") || mapping.source().equals("\\");
                Path source = wholeBundle ? archive : archive.resolve(BundlePaths.insideBundle(mapping.source()).orElseThrow());
                List<Path> sources;
                try (Stream<Path> walk = Files.walk(source)) {
                    sources = walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
                }
                for (Path file : sources) {
                    Path target = Files.isDirectory(source)
                            ? destination.resolve(source.relativize(file).toString())
                            : destination.resolve(file.getFileName().toString());
                    String shown = "/" + scratchRoot.relativize(target).toString().replace('\\', '/');
                    if (!target.normalize().startsWith(scratchRoot)) {
                        throw new IOException("refusing to write " + shown + " outside the scratch root");
                    }
                    Files.createDirectories(target.getParent());
                    if (!target.getParent().toRealPath().startsWith(scratchReal)) {
                        throw new IOException("refusing to write through a link that leaves the scratch root at " + shown);
                    }
                    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                        if (behavior.equals("RETAIN")) {
                            log.append("kept existing ").append(shown).append('\n');
                            continue;
                        }
                        if (!behavior.equals("OVERWRITE")) {
                            throw new FileAlreadyExistsException(shown, null,
                                    "already exists and file_exists_behavior is DISALLOW; set it to OVERWRITE or RETAIN");
                        }
                    }
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS);
                    installed.add(scratchRoot.relativize(target).toString());
                    log.append("copied ").append(archive.relativize(file)).append(" -> ").append(shown).append('\n');
                }
            }
        } catch (IOException | UncheckedIOException e) {
            log.append("Install failed: ").append(e.getMessage()).append('\n');
            return new EventResult("Install", Status.Failed, OptionalInt.empty(), since(started), log.toString(), List.of());
        } finally {
            Files.write(manifest, installed, StandardCharsets.UTF_8);
        }
        return new EventResult("Install", Status.Succeeded, OptionalInt.empty(), since(started), log.toString(), List.of());
    }

    private EventResult runHooks(String event, List<Script> scripts, Path archive) throws IOException {
        long started = System.nanoTime();
        StringBuilder output = new StringBuilder();
        List<ScriptRun> runs = new ArrayList<>();
        Status status = Status.Succeeded;
        OptionalInt exitCode = OptionalInt.empty();
        for (Script script : scripts) {
            // runas is recorded, not switched to: the rehearsal runs every script as the current
            // user, since switching users needs root and would let a bundle act as someone else here.
            output.append("[").append(script.location()).append(script.runas().map(u -> " runas " + u + " (not switched)").orElse(""))
                    .append("]\n");
            Path path = archive.resolve(BundlePaths.insideBundle(script.location()).orElseThrow());
            Outcome outcome = execute(event, path, script.timeoutSeconds(), archive);
            int room = Math.max(0, MAX_OUTPUT_BYTES - output.length());
            if (outcome.output().length() > room) {
                output.append(outcome.output(), 0, room).append("\n[... output dropped past the event's limit]\n");
            } else {
                output.append(outcome.output());
            }
            runs.add(new ScriptRun(script.location(), script.runas(), outcome.exitCode(), outcome.timedOut()));
            exitCode = outcome.exitCode();
            if (outcome.timedOut()) {
                output.append("[timed out after ").append(script.timeoutSeconds()).append(" s; process tree killed]\n");
                status = Status.TimedOut;
                break;
            }
            if (outcome.exitCode().orElse(-1) != 0) {
                status = Status.Failed;
                break;
            }
        }
        return new EventResult(event, status, exitCode, since(started), output.toString(), List.copyOf(runs));
    }

    record Outcome(OptionalInt exitCode, boolean timedOut, String output) {
    }

    private Outcome execute(String event, Path script, long timeoutSeconds, Path workingDirectory) throws IOException {
        makeExecutable(script);
        List<String> command = hasShebang(script) ? List.of(script.toString()) : List.of("/bin/sh", script.toString());
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(deploymentVariables);
        builder.environment().put("LIFECYCLE_EVENT", event);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new Outcome(OptionalInt.empty(), false, "could not start " + script.getFileName() + ": " + e.getMessage() + "\n");
        }
        process.getOutputStream().close();
        BoundedOutput output = new BoundedOutput(process.getInputStream(), MAX_OUTPUT_BYTES);
        Thread reader = new Thread(output, "rehearsal-output-" + event);
        reader.setDaemon(true);
        reader.start();
        boolean finished;
        try {
            finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            if (!finished) {
                killTree(process);
            }
            // A background child may hold the pipe open after the script exits; don't wait on it forever.
            reader.join(KILL_GRACE.toMillis());
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            return new Outcome(OptionalInt.empty(), false, output.text() + "[interrupted]\n");
        }
        return finished
                ? new Outcome(OptionalInt.of(process.exitValue()), false, output.text())
                : new Outcome(OptionalInt.empty(), true, output.text());
    }

    /**
     * The tree is listed before anything dies, since orphans are re-parented and stop being
     * descendants; the script goes first so it cannot carry on once its current child is killed.
     */
    private static void killTree(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean hasShebang(Path script) throws IOException {
        try (var in = Files.newInputStream(script)) {
            byte[] head = in.readNBytes(2);
            return head.length == 2 && head[0] == '#' && head[1] == '!';
        }
    }

    private static void makeExecutable(Path script) throws IOException {
        try {
            Set<PosixFilePermission> permissions = EnumSet.copyOf(Files.getPosixFilePermissions(script));
            permissions.add(PosixFilePermission.OWNER_EXECUTE);
            Files.setPosixFilePermissions(script, permissions);
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the script still runs through /bin/sh when it has no shebang.
        }
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    public static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path path : walk.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS,
                            StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** Deletes a directory tree without following links out of it. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
