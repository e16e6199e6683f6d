package dev.dvalabs.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.dvalabs.testing.LocalEmulatorExtension;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.regions.Region;

/** Before a command uses an endpoint, the endpoint must speak the AWS API. */
@ExtendWith(LocalEmulatorExtension.class)
class EndpointProbeTest {

    @ParameterizedTest(name = "a web server answering {0} with {1} is not AWS: one sentence, no class names")
    @CsvSource(delimiter = '|', value = {"200|hello|text/plain", "404|<html><body>Not Found</body></html>|text/html"})
    void webServerIsNotAws(int status, String body, String type) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", type);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            assertThatThrownBy(() -> EndpointTarget.at(url, null, Region.US_EAST_1).requireAws())
                    .isInstanceOf(TargetException.class).isNotInstanceOf(TargetValueException.class)
                    .hasMessageStartingWith(url + " is not an AWS endpoint (")
                    .hasMessageEndingWith("give the URL of an emulator such as ministack, moto or LocalStack.")
                    .hasMessageNotContaining("Exception");
        } finally {
            server.stop(0);
        }
    }

    @Test
    @DisplayName("nothing listening is 'could not reach', in one sentence")
    void nothingListening() {
        assertThatThrownBy(() -> EndpointTarget.at("http://127.0.0.1:9", null, Region.US_EAST_1).requireAws())
                .isInstanceOf(TargetException.class)
                .hasMessage("could not reach AWS at http://127.0.0.1:9: nothing answers there; start the emulator or check --endpoint.");
    }

    @Test
    @DisplayName("the emulator passes the probe")
    void emulatorSpeaksAws(LocalEmulator emulator) {
        EndpointTarget target = EndpointTarget.at(emulator.endpoint().orElseThrow().toString(), null, Region.US_EAST_1);
        assertThat(target.requireAws()).isSameAs(target);
    }
}
