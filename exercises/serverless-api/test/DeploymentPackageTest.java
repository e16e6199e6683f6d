package dev.dvalabs.exercises.serverlessapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import com.sun.net.httpserver.HttpServer;
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

    /** Bytes allocated by this thread while {@code run} ran. */
    static long allocatedBy(ThrowingRunnable run) throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        run.run();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    @DisplayName("a 200 KB zip that inflates to 200 MB is read as a stream: the file naming the table after it is found, and no more than a few MB are held")
    void inflatingZipIsStreamed() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(9);
            zip.putNextEntry(new ZipEntry("data/zeros.bin"));
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 200; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("index.py"));
            zip.write("table = \"dva-labs-api-orders\"\n".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        byte[] bomb = bytes.toByteArray();
        assertThat(bomb.length).isLessThan(300 * 1024);
        List<List<String>> found = new java.util.ArrayList<>();
        long allocated = allocatedBy(() -> found.add(DeploymentPackage.filesNaming(new ByteArrayInputStream(bomb), "dva-labs-api-orders")));
        assertThat(found.get(0)).containsExactly("index.py");
        assertThat(allocated).isLessThan(16L * 1024 * 1024);
    }

    @Test
    @DisplayName("a 40 MB package downloaded from its URL is read as a stream, never held whole")
    void largePackageIsStreamed() throws Exception {
        byte[] noise = new byte[40 * 1024 * 1024];
        new java.util.Random(7).nextBytes(noise);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(0);
            zip.putNextEntry(new ZipEntry("vendor/big.so"));
            zip.write(noise);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("index.py"));
            zip.write("import os\n".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        byte[] packaged = bytes.toByteArray();
        noise = null;
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/code.zip", exchange -> {
            exchange.sendResponseHeaders(200, packaged.length);
            try (var out = exchange.getResponseBody()) {
                out.write(packaged);
            }
        });
        server.start();
        try {
            URI location = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/code.zip");
            List<List<String>> found = new java.util.ArrayList<>();
            long allocated = allocatedBy(() -> found.add(DeploymentPackage.filesNaming(location, "dva-labs-api-orders")));
            assertThat(found.get(0)).isEmpty();
            assertThat(allocated).isLessThan(16L * 1024 * 1024);
        } finally {
            server.stop(0);
        }
    }

    @Test
    @DisplayName("a package that inflates past Lambda's 250 MB is not read further, and says so")
    void pastLambdasLimit() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(1);
            zip.putNextEntry(new ZipEntry("zeros.bin"));
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 260; i++) {
                zip.write(zeros);
            }
        }
        assertThatThrownBy(() -> DeploymentPackage.filesNaming(new ByteArrayInputStream(bytes.toByteArray()), "x"))
                .hasMessageContaining("inflates past 250 MB");
    }

    @Test
    @DisplayName("a name split across two reads of an entry is still found")
    void nameAcrossReads() throws IOException {
        StringBuilder text = new StringBuilder();
        text.append("x".repeat(64 * 1024 - 5)).append("dva-labs-api-orders").append("\n");
        byte[] code = zip(Map.of("index.py", text.toString()));
        assertThat(DeploymentPackage.filesNaming(new ByteArrayInputStream(code), "dva-labs-api-orders")).containsExactly("index.py");
    }
}
