package dev.dvalabs.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.targets.Target;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

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
    @DisplayName("on an emulator a refusal names the emulator that refused, not AWS; on AWS it says AWS")
    void refusalNamesWhoRefused() {
        Check<Fact<Integer>> table = new Check<>("table", "a table", "notes line", "make it",
                f -> f.its("items").should(Matcher.eq(1)));
        Fact<Integer> refused = Fact.refused("table orders: ResourceNotFoundException: no table");
        assertThat(Verification.judge("ex", List.of(table), refused, "ministack", Map.of(), Names.declared(Map.of()), "ministack")
                .outcome("table").result().observed()).isEqualTo("ministack refused: table orders: ResourceNotFoundException: no table");
        assertThat(Verification.judge("ex", List.of(table), refused, "aws", Map.of(), Names.declared(Map.of()), "AWS")
                .outcome("table").result().observed()).isEqualTo("AWS refused: table orders: ResourceNotFoundException: no table");
    }

    @Test
    @DisplayName("what the verifier found missing reads as that alone, on any target: nobody refused it")
    void missingIsNoRefusal() {
        Check<Fact<Integer>> api = new Check<>("api", "an API", "notes line", "make it",
                f -> CheckResult.all(f.its("routes").should(Matcher.eq(1)), f.judge("an API", n -> CheckResult.pass("ok"))));
        Report report = Verification.judge("ex", List.of(api), Fact.<Integer>missing("no REST API named orders").map(n -> n),
                "ministack", Map.of(), Names.declared(Map.of()), "ministack");
        assertThat(report.outcome("api").status()).isEqualTo(Status.FAIL);
        assertThat(report.outcome("api").result().observed()).isEqualTo("no REST API named orders");
    }

    @Test
    @DisplayName("who refuses: the emulator by name, an endpoint the toolkit was told of, or AWS")
    void refuserOfEachTarget() {
        assertThat(Verification.refuser(target(Optional.of("ministack"), true))).isEqualTo("ministack");
        assertThat(Verification.refuser(target(Optional.empty(), true))).isEqualTo("the endpoint");
        assertThat(Verification.refuser(target(Optional.empty(), false))).isEqualTo("AWS");
    }

    private static Target target(Optional<String> emulator, boolean endpoint) {
        return new Target() {
            public String name() { return "t"; }
            public Optional<URI> endpoint() { return endpoint ? Optional.of(URI.create("http://127.0.0.1:1")) : Optional.empty(); }
            public Region region() { return Region.US_EAST_1; }
            public AwsCredentialsProvider credentials() { return EMULATOR_CREDENTIALS; }
            public Optional<String> emulator() { return emulator; }
            public void close() {}
        };
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
