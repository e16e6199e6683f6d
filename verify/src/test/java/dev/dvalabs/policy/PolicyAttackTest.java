package dev.dvalabs.policy;

import static dev.dvalabs.policy.Decision.ALLOW;
import static dev.dvalabs.policy.Decision.IMPLICIT_DENY;
import static dev.dvalabs.policy.Fixtures.json;
import static dev.dvalabs.policy.Fixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What a hostile tester gave the policy evaluator: patterns and variables that could hang it or throw. */
@DisplayName("The policy evaluator under attack")
class PolicyAttackTest {

    private static final String TABLE = "arn:aws:dynamodb:us-west-2:123456789012:table/";
    private static final String SESSION = "arn:aws:sts::123456789012:assumed-role/GameUsers/web-session";

    @Test
    @DisplayName("a Resource with many wildcards against a long name is decided at once, not by backtracking for ever")
    void manyWildcards() {
        String pattern = TABLE + "*a".repeat(25) + "b";
        Policies policies = Policies.identityOnly().withIdentity(List.of(policy(json("""
                {"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "%s"}""", pattern))));
        Request request = Request.of(Caller.aws(SESSION), "dynamodb:GetItem", TABLE + "a".repeat(200));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThat(policies.decide(request)).isEqualTo(IMPLICIT_DENY));
    }

    @Test
    @DisplayName("StringLike with many wildcards on a long key value is decided at once")
    void manyWildcardsInAStringLike() {
        Policies policies = Policies.identityOnly().withIdentity(List.of(policy(json("""
                {"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "%s",
                 "Condition": {"ForAllValues:StringLike": {"dynamodb:LeadingKeys": ["%s"]}}}""",
                TABLE + "GameScores", "*?*".repeat(30) + "b"))));
        Request request = Request.of(Caller.aws(SESSION), "dynamodb:GetItem", TABLE + "GameScores")
                .with("dynamodb:LeadingKeys", "x".repeat(500));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThat(policies.decide(request)).isEqualTo(IMPLICIT_DENY));
    }

    @Test
    @DisplayName("wildcards still mean what IAM says: * any run, ? one character, a variable's * only itself")
    void wildcardsStillMatch() {
        assertThat(Wildcard.matches("a*b?d", "axxxbcd", false)).isTrue();
        assertThat(Wildcard.matches("a*b?d", "abd", false)).isFalse();
        assertThat(Wildcard.matches("*", "", false)).isTrue();
        assertThat(Wildcard.matches("**a", "xa", false)).isTrue();
        assertThat(Wildcard.matches("A*", "abc", true)).isTrue();
        assertThat(Wildcard.matches("A*", "abc", false)).isFalse();
        assertThat(Wildcard.matches("x" + Variables.LITERAL + "*", "x*", false)).isTrue();
        assertThat(Wildcard.matches("x" + Variables.LITERAL + "*", "xy", false)).isFalse();
        assertThat(Wildcard.matches("a.c", "abc", false)).isFalse();
        assertThat(Wildcard.matches("*\\E.*", "x\\E.y", false)).isTrue();
    }

    @Test
    @DisplayName("nested and unclosed variables, and a condition with ten thousand values, neither throw nor hang")
    void pathologicalVariables() {
        String values = "\"${${a}}\", \"${\", \"${}\", \"${'}\", \"${a, '${b}'}\", \"$${x}}\", " + "\"v\", ".repeat(10_000) + "\"${aws:username}\"";
        Policies policies = Policies.identityOnly().withIdentity(List.of(policy(json("""
                {"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "%s*",
                 "Condition": {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": [%s]}}}""", TABLE, values))));
        Request mine = Request.of(Caller.aws(SESSION), "dynamodb:GetItem", TABLE + "t").with("dynamodb:LeadingKeys", "v");
        Request other = Request.of(Caller.aws(SESSION), "dynamodb:GetItem", TABLE + "t").with("dynamodb:LeadingKeys", "someone-else");
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            assertThat(policies.decide(mine)).isEqualTo(ALLOW);
            assertThat(policies.decide(other)).isEqualTo(IMPLICIT_DENY);
        });
    }
}
