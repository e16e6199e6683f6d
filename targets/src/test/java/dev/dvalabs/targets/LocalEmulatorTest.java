package dev.dvalabs.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dvalabs.testing.LocalEmulatorExtension;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sts.StsClient;

@ExtendWith(LocalEmulatorExtension.class)
class LocalEmulatorTest {

    @Test
    @DisplayName("a machine without python3 gets one sentence naming the alternatives")
    void missingPython(@TempDir Path cache) {
        var options = new LocalEmulator.Options().withCacheDir(cache).withPython("/nonexistent/python3");
        assertThatThrownBy(() -> LocalEmulator.start(options))
                .isInstanceOf(TargetException.class)
                .hasMessageContaining("/nonexistent/python3 was not found")
                .hasMessageContaining("--target localstack")
                .hasMessageContaining("--target endpoint");
    }

    @Test
    @DisplayName("a port that is taken is refused before anything starts")
    void portTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var options = new LocalEmulator.Options().withPort(taken.getLocalPort());
            assertThatThrownBy(() -> LocalEmulator.start(options))
                    .isInstanceOf(TargetException.class)
                    .hasMessage("Port " + taken.getLocalPort() + " on 127.0.0.1 is already in use; choose another with"
                            + " --port, or leave --port out to use a free one.");
        }
    }

    @Test
    @DisplayName("the emulator answers AWS calls on loopback")
    void answersOnLoopback(LocalEmulator emulator) {
        assertThat(emulator.endpoint().orElseThrow().getHost()).isEqualTo("127.0.0.1");
        try (StsClient sts = emulator.client(StsClient.builder())) {
            assertThat(sts.getCallerIdentity().account()).isNotBlank();
        }
    }

    @Test
    @DisplayName("a kept emulator is found by the next command, and stopping it forgets it")
    void keptEmulatorIsAttached(@TempDir Path state) {
        System.setProperty("dva-labs.state-dir", state.toString());
        try {
            var options = new LocalEmulator.Options();
            LocalEmulator started = LocalEmulator.start(options);
            assertThat(started.keep(options)).anySatisfy(line -> assertThat(line).contains("AWS_ENDPOINT_URL=http://127.0.0.1:" + started.port()));
            started.close(); // kept: close leaves it running
            LocalEmulator attached = LocalEmulator.attach(options).orElseThrow();
            assertThat(attached.port()).isEqualTo(started.port());
            attached.stop();
            assertThat(LocalEmulator.attach(options)).isEmpty();
        } finally {
            System.clearProperty("dva-labs.state-dir");
        }
    }
}
