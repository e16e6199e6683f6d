package dev.dvalabs.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxAccountsTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("the allow-list joins the environment variable and the config file")
    void environmentAndFile() throws IOException {
        Path config = Files.writeString(dir.resolve("config.yaml"), "sandboxAccounts:\n  - \"111111111111\"\n");
        SandboxAccounts accounts = SandboxAccounts.load(" 222222222222, ", config);
        assertThat(accounts.allows("111111111111")).isTrue();
        assertThat(accounts.allows("222222222222")).isTrue();
        assertThat(accounts.allows("333333333333")).isFalse();
    }

    @Test
    @DisplayName("without either, no account is allowed")
    void emptyByDefault() {
        assertThat(SandboxAccounts.load(null, dir.resolve("absent.yaml")).ids()).isEmpty();
    }

    @Test
    @DisplayName("a malformed config file is one sentence naming the file")
    void malformedConfig() throws IOException {
        Path config = Files.writeString(dir.resolve("config.yaml"), "sandboxAccounts: [unclosed\n");
        assertThatThrownBy(() -> SandboxAccounts.load(null, config))
                .isInstanceOf(TargetException.class).hasMessageStartingWith(config + " is not readable YAML")
                .satisfies(e -> assertThat(e.getMessage().lines().count()).isEqualTo(1));
    }

    @Test
    @DisplayName("sandboxAccounts that is not a list, or an id that is not 12 digits, is refused")
    void wrongShapes() throws IOException {
        Path notList = Files.writeString(dir.resolve("a.yaml"), "sandboxAccounts: 111111111111\n");
        assertThatThrownBy(() -> SandboxAccounts.load(null, notList)).hasMessageContaining("must be a list");
        assertThatThrownBy(() -> SandboxAccounts.load("12345", dir.resolve("absent.yaml")))
                .hasMessage("DVA_LABS_SANDBOX_ACCOUNTS: '12345' is not an AWS account id (12 digits).");
    }
}
