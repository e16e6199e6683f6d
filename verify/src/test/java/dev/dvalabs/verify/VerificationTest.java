package dev.dvalabs.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class VerificationTest {

    private static Check<Integer> atLeast(String id, int min) {
        return new Check<>(id, "at least " + min, "notes line", "make it bigger",
                n -> CheckResult.when(n >= min, Integer.toString(n), ">= " + min));
    }

    @Test
    @DisplayName("a check that throws is ERROR and the checks after it are still judged")
    void throwingCheckIsError() {
        Check<Integer> broken = new Check<>("broken", "t", "n", "h", n -> {
            throw new IllegalStateException("boom");
        });
        Report report = Verification.judge("ex", List.of(broken, atLeast("big", 1)), 5, "local", Map.of());
        assertThat(report.outcome("broken").status()).isEqualTo(Status.ERROR);
        assertThat(report.outcome("broken").result().observed()).contains("boom");
        assertThat(report.outcome("big").status()).isEqualTo(Status.PASS);
        assertThat(report.passed()).isFalse();
    }

    @Test
    @DisplayName("a recorded deviation turns a failure into SKIP with its reason, and leaves a pass a pass")
    void deviationSkipsOnlyWhatDoesNotPass() {
        Map<String, Deviation> deviations = Map.of("big", Deviation.of("the emulator ignores size", "^5$"),
                "small", Deviation.of("irrelevant", "."));
        Report report = Verification.judge("ex", List.of(atLeast("big", 10), atLeast("small", 1)), 5, "local", deviations);
        assertThat(report.outcome("big").status()).isEqualTo(Status.SKIP);
        assertThat(report.outcome("big").result().observed()).contains("the emulator ignores size").contains("observed: 5");
        assertThat(report.outcome("small").status()).isEqualTo(Status.PASS);
        assertThat(report.passed()).isTrue();
    }

    @Test
    @DisplayName("without a deviation for that target the same failure stays FAIL")
    void noDeviationStaysStrict() {
        Report report = Verification.judge("ex", List.of(atLeast("big", 10)), 5, "aws", Map.of());
        assertThat(report.outcome("big").status()).isEqualTo(Status.FAIL);
        assertThat(report.outcome("big").result().expected()).isEqualTo(">= 10");
        assertThat(report.passed()).isFalse();
    }

    @Test
    @DisplayName("a refused observation fails the check with what AWS said")
    void refusedFactFails() {
        Fact<Integer> refused = Fact.refused("ResourceNotFoundException: no table");
        CheckResult result = refused.judge("a table", n -> CheckResult.pass("fine"));
        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.observed()).contains("ResourceNotFoundException");
        assertThat(result.expected()).isEqualTo("a table");
    }

    @Test
    @DisplayName("a recorded deviation does not hide an observation outside its signature: that is judged as on AWS")
    void deviationSkipsOnlyItsSignature() {
        Map<String, Deviation> deviations = Map.of("big", Deviation.of("the emulator reports 5", "^5$"));
        Report report = Verification.judge("ex", List.of(atLeast("big", 10)), 7, "local", deviations);
        assertThat(report.outcome("big").status()).isEqualTo(Status.FAIL);
        assertThat(report.outcome("big").result().observed()).isEqualTo("7");
        assertThat(report.passed()).isFalse();
    }

    @Test
    @DisplayName("a deviation without a signature is refused: it could hide any mistake")
    void deviationNeedsSignature() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Deviation.of("ignores size", " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("signature");
    }

    @Test
    @DisplayName("a resource named {key} in a check's observation and expectation reads as the name in force, as in its title and hint")
    void placeholdersInWhatWasObservedAreFilled() {
        Check<String> named = new Check<>("named", "{table} holds it", "n", "put it in {table}",
                o -> Fact.of(o).its("name in {table}", v -> v).should(Matcher.eq("w2")));
        Report report = Verification.judge("ex", List.of(named), "w1", "local", Map.of(),
                Names.of(Map.of("table", "dva-labs-products"), Map.of("table", "my-products")));
        Outcome outcome = report.outcome("named");
        assertThat(outcome.result().observed()).isEqualTo("name in my-products w1");
        assertThat(outcome.result().expected()).isEqualTo("name in my-products w2");
        assertThat(outcome.title() + outcome.hint()).doesNotContain("{table}").contains("my-products");
    }

    @Test
    @DisplayName("the properties of one refused fact say the refusal once, and an empty list reads as none")
    void saidOnce() {
        Fact<String> refused = Fact.refused("ReplicationGroupNotFoundFault: not found");
        CheckResult all = CheckResult.all(refused.its("Multi-AZ", v -> v).should(Matcher.eq("enabled")),
                refused.its("automatic failover", v -> v).should(Matcher.eq("enabled")));
        assertThat(all.observed()).isEqualTo("AWS refused: ReplicationGroupNotFoundFault: not found");
        assertThat(all.expected()).isEqualTo("Multi-AZ enabled; automatic failover enabled");
        CheckResult none = Fact.of(List.<String>of()).its("batches allowed", v -> v).should(Matcher.empty());
        CheckResult some = Fact.of(List.of("ana BatchGetItem")).its("batches allowed", v -> v).should(Matcher.empty());
        assertThat(none.observed()).isEqualTo("batches allowed none");
        assertThat(some.expected()).isEqualTo("batches allowed none");
        assertThat(some.observed()).isEqualTo("batches allowed [ana BatchGetItem]");
    }
}
