package dev.dvalabs.contract;

import dev.dvalabs.targets.LocalEmulator;
import dev.dvalabs.targets.PythonVenv;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The AWS CLI a learner types, pinned from PyPI and installed into the cache like the emulators: it runs
 * a mistake corpus script against an emulator with the emulator's endpoint and test credentials.
 */
final class AwsCli {

    static final String VERSION = "1.46.3";

    /** What a script printed and how it ended. */
    record Ran(int exitCode, String output) {}

    private final Path bin;

    private AwsCli(Path bin) {
        this.bin = bin;
    }

    static AwsCli install() {
        var options = new LocalEmulator.Options();
        return new AwsCli(PythonVenv.install(options.cacheDir(), options.python(), "awscli", VERSION,
                "awscli==" + VERSION).resolve("bin"));
    }

    /** Runs a bash script of aws commands against the emulator, as a learner's shell would. */
    Ran run(Path script, LocalEmulator emulator) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", "-euo", "pipefail", script.toString())
                .directory(script.getParent().toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("PATH", bin + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("AWS_ENDPOINT_URL", emulator.endpoint().orElseThrow().toString());
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("AWS_DEFAULT_REGION", emulator.region().id());
        env.put("AWS_PAGER", "");
        env.remove("AWS_PROFILE");
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return new Ran(-1, "did not finish within 5 minutes");
        }
        return new Ran(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
