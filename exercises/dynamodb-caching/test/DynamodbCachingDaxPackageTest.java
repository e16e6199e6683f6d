package dev.dvalabs.exercises.dynamodbcaching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dvalabs.exercises.dynamodbcaching.solution.DaxClientPackaged;
import dev.dvalabs.testing.BotocoreModels;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The zip the solution's after-deploy step uploads to its function on AWS, built here without AWS: the
 * solution's source under the handler's module, and a DAX client a Lambda runtime's Python can import.
 */
class DynamodbCachingDaxPackageTest {

    static final String ID = new DynamodbCaching().id();

    @Test
    @DisplayName("the zip holds products.py as the stack's index.py at its root and an amazondax that imports with botocore alone")
    void zipCarriesTheFunctionAndAnImportableDaxClient(@TempDir Path dir) throws Exception {
        List<String> names = unzip(DaxClientPackaged.bundle(ID, "index.handler"), dir);
        assertThat(names).contains("index.py", "amazondax/__init__.py", "six.py", "antlr4/__init__.py")
                .noneMatch(n -> n.contains("__pycache__/") || n.startsWith("bin/"));
        // The checkout's file (the tests run in the exercises' folder), not the build's copy the step reads.
        String products = Files.readString(Path.of(ID, "solution/function/products.py"));
        assertThat(Files.readString(dir.resolve("index.py"))).isEqualTo(products).contains("\"via\") == \"dax\"");
        // The venv's Python has botocore (as Lambda's runtime does) and nothing of the DAX client: it must come from the zip.
        Path python = BotocoreModels.venv().resolve("bin/python");
        Process process = new ProcessBuilder(python.toString(), "-I", "-c", String.join("; ",
                "import sys", "sys.path.insert(0, sys.argv[1])", "import amazondax", "from amazondax import AmazonDaxClient",
                "print(amazondax.__version__, amazondax.__file__.startswith(sys.argv[1]))"), dir.toString())
                .redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.exitValue()).as(said).isZero();
        assertThat(said).isEqualTo("2.1.0 True");
    }

    @Test
    @DisplayName("a handler in another module names that file; one without a module is refused in a sentence")
    void handlerNamesTheModule(@TempDir Path dir) throws IOException {
        assertThat(unzip(DaxClientPackaged.bundle(ID, "lambda_function.handler"), dir)).contains("lambda_function.py")
                .doesNotContain("index.py");
        assertThatThrownBy(() -> DaxClientPackaged.bundle(ID, "handler")).hasMessage("The function's handler handler names no module.");
    }

    private static List<String> unzip(byte[] zip, Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                names.add(entry.getName());
                Path file = dir.resolve(entry.getName()).normalize();
                assertThat(file).startsWithRaw(dir);
                Files.createDirectories(file.getParent());
                Files.write(file, in.readAllBytes());
            }
        }
        return names;
    }
}
