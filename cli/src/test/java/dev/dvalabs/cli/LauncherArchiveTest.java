package dev.dvalabs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.testing.Jvm;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The labs launcher's class-data-sharing archive, in checkouts of the launcher whose build (a stand-in for
 * {@code ./mvnw}) writes this test's own classpath as jars: the JVM archives no class from a directory.
 */
class LauncherArchiveTest {

    private static final String ARCHIVE_LINE = "  writing a class-data archive for faster starts";
    /** What the JVM logs of a class it mapped from the dynamic archive rather than read from its jar. */
    private static final String MAPPED = "dev.dvalabs.cli.Labs source: shared objects file (top)";

    @TempDir
    static Path shared;

    /** The jars of this test's classpath, the cli's own apart (the launcher names it). */
    private static String classpath;
    private static Path cliJar;
    /** A checkout built and trained once, and what its first command said. */
    private static Path trained;
    private static Ran first;

    @BeforeAll
    static void buildAndTrainOnce() throws Exception {
        Path lib = Files.createDirectories(shared.resolve("lib"));
        Path cliClasses = Path.of("target", "classes").toAbsolutePath();
        cliJar = jar(cliClasses, lib.resolve("cli.jar"));
        List<String> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry).toAbsolutePath();
            if (path.equals(cliClasses)) {
                continue;
            }
            jars.add(Files.isDirectory(path) ? jar(path, lib.resolve(jars.size() + "-" + path.getFileName() + ".jar")).toString() : entry);
        }
        classpath = String.join(File.pathSeparator, jars);
        trained = checkout(shared.resolve("trained"));
        first = labs(trained, Map.of(), "list");
    }

    @Test
    @DisplayName("the first command builds, then makes the archive in one more progress line, and the next commands map it")
    void madeAfterTheBuildAndMappedAfter(@TempDir Path logs) throws Exception {
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("practice-table");
        assertThat(first.err().lines()).containsExactly(
                "labs: building the toolkit (first run, or its sources changed; usually 1 to 3 minutes)...",
                "  [1/1] building cli 0.1.0-SNAPSHOT", ARCHIVE_LINE);
        Path archive = archive(trained);
        assertThat(archive.getFileName().toString()).isEqualTo("labs-cds-" + Files.size(archive) + ".jsa");
        assertThat(leftovers(trained)).as("temporary files of the training").isEmpty();

        Path loaded = logs.resolve("classes.log");
        Ran next = labs(trained, Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + loaded), "list");
        assertThat(next.code()).isZero();
        assertThat(next.out()).isEqualTo(first.out());
        assertThat(Files.readString(loaded)).contains(MAPPED);

        Path without = copyOf(trained, logs.resolve("without"));
        Files.delete(archive(without));
        Ran unshared = labs(without, Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + loaded), "list");
        assertThat(unshared.out()).isEqualTo(first.out());
        assertThat(Files.readString(loaded)).doesNotContain(MAPPED).contains("dev.dvalabs.cli.Labs source: file:");
        assertThat(archives(without)).as("no second training without a build").isEmpty();
    }

    @Test
    @DisplayName("an archive corrupted, cut, emptied, or made for other jars changes nothing in what labs list prints or exits with")
    void anArchiveItCannotUseChangesNothing() throws Exception {
        Path archive = archive(trained);
        Path good = Files.copy(archive, shared.resolve("good.jsa"), StandardCopyOption.COPY_ATTRIBUTES);
        Ran mapped = labs(trained, Map.of(), "list");
        List<String> ways = List.of("corrupted in place", "cut short", "emptied", "of a cli jar rebuilt since", "of another classpath");
        for (String way : ways) {
            Path cliJarHere = trained.resolve("cli/target/dva-labs-cli.jar");
            Path classpathFile = trained.resolve("cli/target/labs.classpath");
            byte[] classpathBefore = Files.readAllBytes(classpathFile);
            FileTime classpathTime = Files.getLastModifiedTime(classpathFile);
            FileTime jarTime = Files.getLastModifiedTime(cliJarHere);
            archive.toFile().setWritable(true);
            switch (way) {
                // Blocks of text across the archive: JDK 17 crashes on such a file unless it checks its checksum.
                case "corrupted in place" -> {
                    try (RandomAccessFile file = new RandomAccessFile(archive.toFile(), "rw")) {
                        byte[] block = "A".repeat(4096).getBytes(StandardCharsets.US_ASCII);
                        for (int eighth = 1; eighth < 8; eighth++) {
                            file.seek(file.length() * eighth / 8);
                            file.write(block);
                        }
                    }
                }
                // Mapping a cut archive crashes JDK 17 whatever it checks; its name says how long it was.
                case "cut short" -> {
                    try (RandomAccessFile file = new RandomAccessFile(archive.toFile(), "rw")) {
                        file.setLength(file.length() / 2);
                    }
                }
                case "emptied" -> Files.write(archive, new byte[0]);
                case "of a cli jar rebuilt since" -> Files.setLastModifiedTime(cliJarHere, FileTime.fromMillis(jarTime.toMillis() + 60_000));
                // The same classes, from one more jar ahead of the rest: the archive's class path is no longer this one's prefix.
                default -> {
                    Files.writeString(classpathFile, cliJar + File.pathSeparator + classpath);
                    Files.setLastModifiedTime(classpathFile, classpathTime);
                }
            }
            Ran ran = labs(trained, Map.of(), "list");
            assertThat(ran).as(way).isEqualTo(mapped);
            Files.copy(good, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            Files.write(classpathFile, classpathBefore);
            Files.setLastModifiedTime(classpathFile, classpathTime);
            Files.setLastModifiedTime(cliJarHere, jarTime);
        }
        assertThat(labs(trained, Map.of(), "list")).isEqualTo(mapped);
    }

    @Test
    @DisplayName("a java of another version first on PATH passes over the archive without a word (JDK 25 would say why on stdout)")
    void anotherJdkSaysNothingOfTheArchive() throws Exception {
        Optional<Path> other = anotherJdk();
        Assumptions.assumeTrue(other.isPresent(), "no JDK of another version beside this one's");
        archive(trained);
        Ran ran = labs(trained, Map.of("PATH", other.get().resolve("bin") + File.pathSeparator + System.getenv("PATH")), "list");
        assertThat(ran).isEqualTo(new Ran(0, first.out(), ""));
    }

    @Test
    @DisplayName("two launchers building and training at once both run the command, and leave one whole archive that the next maps")
    void twoLaunchersAtOnce(@TempDir Path dir) throws Exception {
        // What is under test is the launchers' race, not what is archived: a short training keeps two dumps at once cheap.
        Path checkout = checkout(dir.resolve("checkout"), ShortTraining.class.getName());
        Process one = launcher(checkout, Map.of(), "list").start();
        Process two = launcher(checkout, Map.of(), "list").start();
        Ran ranOne = ran(one);
        Ran ranTwo = ran(two);
        assertThat(ranOne.code()).as(ranOne.err()).isZero();
        assertThat(ranTwo.code()).as(ranTwo.err()).isZero();
        assertThat(ranOne.out()).isEqualTo(first.out()).isEqualTo(ranTwo.out());
        assertThat(leftovers(checkout)).isEmpty();
        Path loaded = dir.resolve("classes.log");
        Ran next = labs(checkout, Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + loaded), "list");
        assertThat(next.out()).isEqualTo(first.out());
        assertThat(Files.readString(loaded)).contains(MAPPED);
    }

    @Test
    @DisplayName("when the JVM cannot make the archive, labs says nothing of it, runs without it, and tries again only after the next build")
    void noArchiveWhenItCannotBeMade(@TempDir Path dir) throws Exception {
        // A java that fails at archiving, as an older or other JVM, or a full disk, would: it complains and exits 1.
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path tries = dir.resolve("tries");
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/usr/bin/env bash\n"
                + "case \"$*\" in *ArchiveClassesAtExit*) echo tried >> '" + tries + "'; echo 'Error: cannot archive' >&2;"
                + " echo 'warning: no archive'; exit 1;; esac\n"
                + "exec '" + Jvm.JAVA + "' \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path checkout = checkout(dir.resolve("checkout"));
        Map<String, String> otherJava = Map.of("PATH", bin + File.pathSeparator + System.getenv("PATH"));

        Ran built = labs(checkout, otherJava, "list");
        assertThat(built.code()).as(built.err()).isZero();
        assertThat(built.out()).isEqualTo(first.out());
        assertThat(built.err().lines().toList()).isEqualTo(first.err().lines().toList());
        assertThat(archives(checkout)).isEmpty();

        Ran next = labs(checkout, otherJava, "list");
        assertThat(next).isEqualTo(new Ran(0, first.out(), ""));
        assertThat(Files.readAllLines(tries)).as("trainings").hasSize(1);
    }

    record Ran(int code, String out, String err) {}

    /** A training that loads the command line and little else, so that its archive holds {@code Labs}. */
    public static final class ShortTraining {
        public static void main(String[] args) {
            PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
            Labs.commandLine(nowhere, nowhere).parseArgs("list");
        }
    }

    /** A JDK installed beside this test's (as in /usr/lib/jvm) of another major version that runs the toolkit (17 or later). */
    private static Optional<Path> anotherJdk() throws IOException {
        Path home = Path.of(System.getProperty("java.home")).toRealPath();
        try (Stream<Path> jdks = Files.list(home.getParent())) {
            for (Path jdk : jdks.toList()) {
                Path release = jdk.resolve("release");
                if (!Files.isExecutable(jdk.resolve("bin/java")) || !Files.isRegularFile(release)) {
                    continue;
                }
                Optional<Integer> major = Files.readAllLines(release).stream()
                        .map(line -> java.util.regex.Pattern.compile("^JAVA_VERSION=\"([0-9]+)[.\"]").matcher(line))
                        .filter(java.util.regex.Matcher::find).map(m -> Integer.parseInt(m.group(1))).findFirst();
                if (major.filter(m -> m >= 17 && m != Runtime.version().feature()).isPresent()) {
                    return Optional.of(jdk);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A checkout holding the launcher and modules without sources, never built: the launcher's first command runs
     * the build, whose stand-in writes what Maven's package would leave in cli/target.
     */
    private static Path checkout(Path dir) throws IOException {
        return checkout(dir, ClassDataTraining.class.getName());
    }

    /** A checkout whose launcher trains its archive with {@code training}'s main. */
    private static Path checkout(Path dir, String training) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("labs"), Files.readString(Path.of("..", "labs"))
                .replace(ClassDataTraining.class.getName(), training.replace("$", "\\$")));  // a nested class's $, to bash
        Files.writeString(dir.resolve("pom.xml"), "<modules><module>cli</module></modules>\n");
        for (String module : List.of("targets", "verify", "lint", "cdk", "loop", "exercises", "cli")) {
            Files.createDirectories(dir.resolve(module));
        }
        Path mvnw = dir.resolve("mvnw");
        // Each file renamed into place, so that a second build at once does not show the first a half-written one.
        Files.writeString(mvnw, "#!/usr/bin/env bash\n"
                + "echo '[INFO] Building dva-labs cli 0.1.0-SNAPSHOT'\n"
                + "mkdir -p cli/target\n"
                + "cp -p '" + cliJar + "' cli/target/jar.$$ && mv cli/target/jar.$$ cli/target/dva-labs-cli.jar\n"
                + "printf '%s' '" + classpath + "' > cli/target/classpath.$$ && mv cli/target/classpath.$$ cli/target/labs.classpath\n");
        Files.setPosixFilePermissions(mvnw, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir;
    }

    private static Ran labs(Path checkout, Map<String, String> environment, String... args) throws Exception {
        return ran(launcher(checkout, environment, args).start());
    }

    private static ProcessBuilder launcher(Path checkout, Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>(List.of("bash", checkout.resolve("labs").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(checkout.toFile());
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        // The java of this test first; a learner's progress from this test's own state.
        builder.environment().put("PATH", Path.of(Jvm.JAVA).getParent() + File.pathSeparator + System.getenv("PATH"));
        builder.environment().put("XDG_STATE_HOME", checkout.resolve("state").toString());
        builder.environment().putAll(environment);
        return builder;
    }

    private static Ran ran(Process process) throws Exception {
        // stderr read aside, so that neither pipe fills while the other is read
        var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
        return new Ran(process.exitValue(), out, err.get());
    }

    private static Path archive(Path checkout) throws IOException {
        List<Path> archives = archives(checkout);
        assertThat(archives).hasSize(1);
        return archives.get(0);
    }

    private static List<Path> archives(Path checkout) throws IOException {
        try (Stream<Path> files = Files.list(checkout.resolve("cli/target"))) {
            return files.filter(f -> f.getFileName().toString().matches("labs-cds-[0-9]+\\.jsa")).toList();
        }
    }

    private static List<Path> leftovers(Path checkout) throws IOException {
        try (Stream<Path> files = Files.list(checkout.resolve("cli/target"))) {
            return files.filter(f -> f.getFileName().toString().startsWith("labs-cds"))
                    .filter(f -> !f.getFileName().toString().matches("labs-cds-[0-9]+\\.jsa")).toList();
        }
    }

    /** A copy with the times of its files: the launcher compares them. */
    private static Path copyOf(Path checkout, Path copy) throws IOException {
        try (Stream<Path> files = Files.walk(checkout)) {
            for (Path from : files.toList()) {
                Path to = copy.resolve(checkout.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return copy;
    }

    private static Path jar(Path classes, Path jar) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out);
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new JarEntry(classes.relativize(file).toString().replace(File.separatorChar, '/')));
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
        return jar;
    }
}
