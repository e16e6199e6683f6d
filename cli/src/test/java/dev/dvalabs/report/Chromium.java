package dev.dvalabs.report;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Chromium from Debian's packages, driven by its command line: a screenshot, or the page's DOM
 * after its scripts ran. Installed with apt-get when absent and this is root on a machine with apt;
 * elsewhere the tests that need it are skipped, saying why, except on CI, where they must run.
 */
final class Chromium {

    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");
    private static Path binary;

    private final Path executable;
    private final Path profile;

    private Chromium(Path executable, Path profile) {
        this.executable = executable;
        this.profile = profile;
    }

    /** A browser with a profile of its own under {@code work}; installs Chromium first when it can. */
    static synchronized Chromium require(Path work) throws IOException, InterruptedException {
        if (binary == null) {
            binary = find().or(Chromium::install).orElse(null);
        }
        if (binary == null) {
            String why = "No Chromium on this machine (looked for " + String.join(", ", NAMES) + " on PATH), and it could not be"
                    + " installed here (that needs apt-get and root: apt-get install chromium); the browser tests are skipped.";
            if ("true".equals(System.getenv("CI"))) {
                fail("On CI the browser tests must run, and .ci/run installs Chromium before the build: " + why);
            }
            Assumptions.abort(why);
        }
        return new Chromium(binary, Files.createDirectories(work.resolve("chromium-profile")));
    }

    private static Optional<Path> find() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            for (String name : NAMES) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> install() {
        if (find("apt-get").isEmpty() || !"0".equals(run(List.of("id", "-u"), 10).strip())) {
            return Optional.empty();
        }
        System.err.println("Chromium is absent: installing Debian's chromium package for the browser tests (apt-get).");
        run(List.of("apt-get", "update", "-qq"), 600);
        run(List.of("apt-get", "install", "-y", "-qq", "chromium"), 1200);
        return find();
    }

    private static Optional<Path> find(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return Optional.of(Path.of(dir, command));
            }
        }
        return Optional.empty();
    }

    /** What the command printed; empty when it could not run or did not end in time. */
    private static String run(List<String> command, int seconds) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "";
            }
            return new String(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** The page as a PNG of {@code width} × {@code height} CSS pixels. */
    void screenshot(Path page, int width, int height, Path png) throws IOException, InterruptedException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.deleteIfExists(png);
        launch(page, width, height, "--hide-scrollbars", "--screenshot=" + png.toAbsolutePath());
        if (!Files.isRegularFile(png)) {
            fail("Chromium wrote no screenshot of " + page);
        }
    }

    /** The page's DOM once it has loaded and its scripts have run. */
    String dumpDom(Path page, int width, int height) throws IOException, InterruptedException {
        return launch(page, width, height, "--dump-dom");
    }

    private String launch(Path page, int width, int height, String... what) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-extensions", "--user-data-dir=" + profile.toAbsolutePath(),
                // a probe page reads the report it frames, both file:// documents
                "--allow-file-access-from-files",
                "--window-size=" + width + "," + height));
        command.addAll(List.of(what));
        command.add(page.toAbsolutePath().toUri().toString());
        // Into a file, not a pipe: a browser that hangs must not hang the read, only meet the time limit.
        Path out = Files.createTempFile(profile.getParent(), "chromium-", ".out");
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("Chromium did not finish with " + page + " within 3 minutes");
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
