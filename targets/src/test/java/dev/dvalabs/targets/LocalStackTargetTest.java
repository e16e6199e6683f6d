package dev.dvalabs.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LocalStackTargetTest {

    @Test
    @DisplayName("without a token the pinned free image is used")
    void pinnedWithoutToken() {
        assertThat(LocalStackTarget.image(null, null)).isEqualTo("localstack/localstack:4.14.0");
        assertThat(LocalStackTarget.image("tok", "")).isEqualTo("localstack/localstack:4.14.0");
    }

    @Test
    @DisplayName("a newer image is refused without LOCALSTACK_AUTH_TOKEN and allowed with it")
    void newerNeedsToken() {
        assertThatThrownBy(() -> LocalStackTarget.image(null, "localstack/localstack:2026.3"))
                .isInstanceOf(TargetException.class).hasMessageContaining("needs LOCALSTACK_AUTH_TOKEN");
        assertThat(LocalStackTarget.image("tok", "localstack/localstack:2026.3")).isEqualTo("localstack/localstack:2026.3");
    }

    @Test
    @DisplayName("without a Docker engine, --target localstack and floci say so in one sentence")
    void noDockerIsOneSentence() {
        assumeFalse(ContainerTarget.dockerAvailable(), "a Docker engine answers here; the refusal cannot be seen");
        assertThatThrownBy(LocalStackTarget::start).isInstanceOf(TargetException.class)
                .hasMessageStartingWith("--target localstack needs a running Docker engine");
        assertThatThrownBy(FlociTarget::start).isInstanceOf(TargetException.class)
                .hasMessageStartingWith("--target floci needs a running Docker engine");
    }
}
