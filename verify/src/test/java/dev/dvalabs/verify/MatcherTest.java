package dev.dvalabs.verify;

import static dev.dvalabs.verify.Matcher.between;
import static dev.dvalabs.verify.Matcher.eq;
import static dev.dvalabs.verify.Matcher.not;
import static dev.dvalabs.verify.Matcher.oneOf;
import static dev.dvalabs.verify.Matcher.startsWith;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MatcherTest {

    private static final Fact<Map<String, String>> QUEUE = Fact.of(Map.of("VisibilityTimeout", "45"));

    @Test
    @DisplayName("a property that matches passes, observed as its name and value")
    void matchPasses() {
        CheckResult r = QUEUE.its("VisibilityTimeout", a -> Integer.parseInt(a.get("VisibilityTimeout"))).should(not(eq(30)));
        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.observed()).isEqualTo("VisibilityTimeout 45");
    }

    @Test
    @DisplayName("a property that does not match fails, and the matcher writes both texts")
    void mismatchFailsWithBothTexts() {
        CheckResult r = QUEUE.its("VisibilityTimeout", a -> Integer.parseInt(a.get("VisibilityTimeout"))).should(eq(30));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.observed()).isEqualTo("VisibilityTimeout 45");
        assertThat(r.expected()).isEqualTo("VisibilityTimeout 30");
    }

    @Test
    @DisplayName("a refused observation fails with what AWS said, and still says what was expected")
    void refusalFails() {
        Fact<Map<String, String>> missing = Fact.refused("AWS.SimpleQueueService.NonExistentQueue: no queue dva-labs-billing");
        CheckResult r = missing.its("maxReceiveCount", a -> a.size()).should(between(1, 1000));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.observed()).isEqualTo("AWS refused: AWS.SimpleQueueService.NonExistentQueue: no queue dva-labs-billing");
        assertThat(r.expected()).isEqualTo("maxReceiveCount 1 .. 1000");
    }

    @Test
    @DisplayName("a service the target lacks skips with the reason")
    void unavailableSkips() {
        CheckResult r = Fact.<String>unavailable("CodeDeploy is not available on local").its("state").should(eq("Succeeded"));
        assertThat(r.status()).isEqualTo(Status.SKIP);
        assertThat(r.observed()).isEqualTo("CodeDeploy is not available on local");
    }

    @Test
    @DisplayName("between, oneOf, startsWith and and() each refuse what lies outside them")
    void matchersRefuse() {
        assertThat(between(1, 1000).matches(0)).isFalse();
        assertThat(between(1, 1000).matches(1001)).isFalse();
        assertThat(between(1, 1000).matches(3)).isTrue();
        assertThat(oneOf("ENABLED", "ENABLING").matches("DISABLED")).isFalse();
        assertThat(oneOf("ENABLED", "ENABLING").description()).isEqualTo("one of [ENABLED, ENABLING]");
        assertThat(startsWith("DisabledException").matches("accepted")).isFalse();
        assertThat(between(1, 10).and(not(eq(5))).matches(5)).isFalse();
        assertThat(between(1, 10).and(not(eq(5))).description()).isEqualTo("1 .. 10 and not 5");
        assertThat(Matcher.containsExactlyInAnyOrder(List.of("a", "b")).matches(List.of("b", "a"))).isTrue();
        assertThat(Matcher.containsExactlyInAnyOrder(List.of("a", "b")).matches(List.of("a", "a"))).isFalse();
    }

    @Test
    @DisplayName("all() passes only when every part passes, and joins what each saw and wanted")
    void allJoins() {
        CheckResult pass = CheckResult.pass("VisibilityTimeout 5");
        CheckResult fail = CheckResult.fail("MessageRetentionPeriod 345600", "MessageRetentionPeriod 86400");
        assertThat(CheckResult.all(pass, pass).status()).isEqualTo(Status.PASS);
        CheckResult both = CheckResult.all(pass, fail);
        assertThat(both.status()).isEqualTo(Status.FAIL);
        assertThat(both.observed()).isEqualTo("VisibilityTimeout 5; MessageRetentionPeriod 345600");
        assertThat(both.expected()).isEqualTo("VisibilityTimeout 5; MessageRetentionPeriod 86400");
        assertThat(CheckResult.all(fail, CheckResult.error("boom")).status()).isEqualTo(Status.ERROR);
    }

    @Test
    @DisplayName("all() says a refusal its parts share once, and every expectation")
    void allSaysASharedRefusalOnce() {
        Fact<Integer> gone = Fact.refused("queue q: does not exist");
        CheckResult both = CheckResult.all(gone.its("visibility timeout").should(Matcher.eq(5)), gone.its("retention").should(Matcher.eq(60)));
        assertThat(both.observed()).isEqualTo("AWS refused: queue q: does not exist");
        assertThat(both.expected()).isEqualTo("visibility timeout 5; retention 60");
    }
}
