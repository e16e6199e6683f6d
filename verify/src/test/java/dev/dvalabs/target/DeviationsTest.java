package dev.dvalabs.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DeviationsTest {

    @Test
    @DisplayName("every recorded deviation is listed in docs/compatibility.md under its emulator")
    void compatibilityTableListsEveryDeviation() throws IOException {
        String table = Files.readString(Path.of("../docs/compatibility.md"));
        assertThat(Deviations.all()).isNotEmpty();
        Deviations.all().forEach((emulator, deviations) -> {
            assertThat(table).contains("### " + emulator);
            deviations.keySet().forEach(check -> assertThat(table).contains("`" + check + "`"));
        });
    }

    @Test
    @DisplayName("the local emulator reports ministack's deviations, an unknown endpoint none")
    void deviationsByEmulator() {
        assertThat(Deviations.of("ministack")).containsKey("dynamodb-gsi-ttl/ttl-enabled");
        assertThat(EndpointTarget.at("http://127.0.0.1:9", null, software.amazon.awssdk.regions.Region.US_EAST_1)
                .knownDeviations()).isEmpty();
    }
}
