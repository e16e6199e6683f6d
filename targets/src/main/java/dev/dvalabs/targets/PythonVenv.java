package dev.dvalabs.targets;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.io.file.PathUtils;

/**
 * A pinned Python tool from PyPI (an emulator, cfn-lint, the AWS CLI) in its own virtualenv under the
 * cache directory, installed once per machine.
 */
public final class PythonVenv {

    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);

    private PythonVenv() {}

    /**
     * The virtualenv {@code <cacheDir>/<name>-<version>} with the {@code requirements} installed, created now
     * if it is not there yet. A lock file keeps two commands (or two test JVMs) from installing into the
     * same directory at once, and a marker written only after pip succeeded keeps an interrupted install
     * from being mistaken for a good one.
     *
     * @param requirements what pip installs, pinned: {@code ministack==1.5.33}
     */
    public static Path install(Path cacheDir, String python, String name, String version, String... requirements) {
        return install(cacheDir, python, name, version, List.of(requirements));
    }

    /**
     * The {@code requirements} alone, each pinned and none of what they depend on, in the folder
     * {@code <cacheDir>/<name>-<version>/package} ({@code pip install --no-deps --target}), installed once
     * per machine like a tool: what a Lambda function's zip carries beside its code, where the runtime
     * brings the rest (botocore).
     */
    public static Path packages(Path cacheDir, String python, String name, String version, String... requirements) {
        Path folder = cacheDir.resolve(name + "-" + version).resolve("package");
        List<String> arguments = new ArrayList<>(List.of("--no-deps", "--target", folder.toString()));
        arguments.addAll(List.of(requirements));
        install(cacheDir, python, name, version, arguments);
        return folder;
    }

    private static Path install(Path cacheDir, String python, String name, String version, List<String> pipArguments) {
        Path venv = cacheDir.resolve(name + "-" + version);
        Path installed = venv.resolve(".dva-labs-installed");
        if (Files.exists(installed)) {
            return venv;
        }
        try {
            Files.createDirectories(cacheDir);
            try (FileChannel lock = FileChannel.open(cacheDir.resolve("install.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 var ignored = lock.lock()) {
                if (Files.exists(installed)) {
                    return venv;
                }
                if (Files.exists(venv, LinkOption.NOFOLLOW_LINKS)) {
                    PathUtils.deleteDirectory(venv);
                }
                Path log = cacheDir.resolve("install.log");
                // The first command on a machine waits for this, about a minute: say what it waits for.
                System.err.println("labs: installing " + name + " " + version + " from PyPI into " + venv
                        + " (once per machine, about a minute)...");
                run(python, log, List.of(python, "-m", "venv", venv.toString()), "create a Python virtualenv");
                List<String> pip = new ArrayList<>(List.of(venv.resolve("bin/python").toString(), "-m", "pip", "install",
                        "--quiet", "--disable-pip-version-check"));
                pip.addAll(pipArguments);
                run(python, log, pip, "install " + name + " " + version + " from PyPI");
                Files.writeString(installed, version);
                return venv;
            }
        } catch (IOException e) {
            throw new TargetException("Could not prepare " + name + " under " + cacheDir + ": " + e.getMessage(), e);
        }
    }

    private static void run(String python, Path log, List<String> command, String what) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new TargetException(python + " was not found; the local target needs Python 3.10 or"
                    + " newer (set DVA_LABS_PYTHON to its path), or use --target localstack or --target floci"
                    + " with Docker, --target endpoint --endpoint URL for an emulator already running,"
                    + " or --target aws for a sandbox account.", e);
        }
        try {
            if (!process.waitFor(INSTALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new TargetException("Timed out trying to " + what + "; see " + log + ".");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new TargetException("Interrupted while trying to " + what + ".");
        }
        if (process.exitValue() != 0) {
            throw new TargetException("Could not " + what + " (exit code " + process.exitValue() + "): "
                    + LocalEmulator.lastLine(log) + " (full log: " + log + ").");
        }
    }
}
