package dev.dvalabs.ebextensions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A bundle is read only inside itself: no link out of a folder, no zip entry that climbs out. */
class BundleLinterTest {

    private static final String SECRET = "root:*:20228:the target's own line";

    @TempDir
    Path dir;

    @Test
    @DisplayName("a link in .ebextensions to a file outside the bundle is refused in one sentence naming nothing of the target")
    void linkOutOfTheFolder() throws IOException {
        Path outside = Files.writeString(Files.createDirectories(dir.resolve("elsewhere")).resolve("shadow"), SECRET + "\n");
        Path bundle = Files.createDirectories(dir.resolve("bundle/.ebextensions")).getParent();
        Files.createSymbolicLink(bundle.resolve(".ebextensions/x.config"), outside);

        assertThatThrownBy(() -> new BundleLinter().lint(bundle))
                .isInstanceOf(BundleLinter.BadBundleException.class)
                .satisfies(e -> assertThat(e.getMessage())
                        .contains(".ebextensions/x.config")
                        .doesNotContain(SECRET).doesNotContain("root:").doesNotContain(outside.toString())
                        .doesNotContain("elsewhere").endsWith(".").doesNotContain("\n"));
    }

    @Test
    @DisplayName("a link to a folder outside the bundle is refused too, and a link that stays inside is read")
    void linkedFolderAndInsideLink() throws IOException, BundleLinter.BadBundleException {
        Path bundle = Files.createDirectories(dir.resolve("bundle/.ebextensions")).getParent();
        Files.writeString(bundle.resolve("app.config.txt"), "option_settings:\n  aws:elasticbeanstalk:command:\n    DeploymentPolicy: Immutable\n");
        Files.createSymbolicLink(bundle.resolve(".ebextensions/a.config"), bundle.resolve("app.config.txt"));
        assertThat(new BundleLinter().lint(bundle)).isEmpty();

        Files.createSymbolicLink(bundle.resolve("etc"), Files.createDirectories(dir.resolve("elsewhere")));
        assertThatThrownBy(() -> new BundleLinter().lint(bundle)).isInstanceOf(BundleLinter.BadBundleException.class)
                .hasMessageContaining("'etc'").hasMessageNotContaining("elsewhere");
    }

    @ParameterizedTest(name = "a zip entry named {0} is refused")
    @ValueSource(strings = {"../.ebextensions/x.config", ".ebextensions/../../x.config", "/etc/x.config", "C:/x.config", "..\\x.config"})
    void zipEntriesThatLeave(String name) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(".ebextensions/a.config"));
            zip.write("option_settings: {}\n".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry(name));
            zip.write(SECRET.getBytes(StandardCharsets.UTF_8));
        }
        assertThatThrownBy(() -> new BundleLinter().lintZip(new ByteArrayInputStream(bytes.toByteArray())))
                .isInstanceOf(BundleLinter.BadBundleException.class)
                .hasMessageContaining("leaves the bundle").hasMessageNotContaining(SECRET);
    }
}
