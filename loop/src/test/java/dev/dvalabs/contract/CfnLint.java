package dev.dvalabs.contract;

import dev.dvalabs.targets.LocalEmulator;
import dev.dvalabs.targets.PythonVenv;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * AWS's CloudFormation linter, pinned from PyPI and installed into the cache like the emulators. Its
 * exit code is a bit mask: 2 errors, 4 warnings, 8 informational findings.
 */
final class CfnLint {

    static final String VERSION = "1.58.0";

    /** What cfn-lint said about some templates: its exit code and its findings, one a line. */
    record Findings(int exitCode, String output) {
        boolean errors() {
            return (exitCode & 2) != 0 || (exitCode & 1) != 0;
        }
    }

    private CfnLint() {}

    static Findings lint(List<Path> templates) throws IOException, InterruptedException {
        var options = new LocalEmulator.Options();
        Path venv = PythonVenv.install(options.cacheDir(), options.python(), "cfn-lint", VERSION, "cfn-lint==" + VERSION);
        List<String> command = new ArrayList<>(List.of(venv.resolve("bin/cfn-lint").toString(), "--format", "parseable"));
        templates.forEach(t -> command.add(t.toString()));
        if (templates.isEmpty()) {
            return new Findings(0, ""); // cfn-lint given no file reads a template from its input, and waits for it
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("cfn-lint did not finish within 5 minutes");
        }
        return new Findings(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
