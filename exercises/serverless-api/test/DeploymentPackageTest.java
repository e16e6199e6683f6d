package dev.dvalabs.exercises.serverlessapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A deployment package read for a table's name written in the code. */
class DeploymentPackageTest {

    static byte[] zip(Map<String, String> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    @Test
    @DisplayName("the file that writes the table's name is named; one reading the environment is not")
    void findsTheLiteral() throws IOException {
        byte[] code = zip(Map.of("lambda_function.py", "table = dynamodb.Table(\"dva-labs-api-orders\")\n",
                "util/env.py", "import os\nTABLE = os.environ[\"TABLE_NAME\"]\n"));
        assertThat(DeploymentPackage.filesNaming(new ByteArrayInputStream(code), "dva-labs-api-orders"))
                .containsExactly("lambda_function.py");
    }

    @Test
    @DisplayName("code reading TABLE_NAME names no table")
    void environmentOnly() throws IOException {
        byte[] code = zip(Map.of("index.py", "import os\ntable = dynamodb.Table(os.environ[\"TABLE_NAME\"])\n"));
        assertThat(DeploymentPackage.filesNaming(new ByteArrayInputStream(code), "dva-labs-api-orders")).isEmpty();
    }
}
