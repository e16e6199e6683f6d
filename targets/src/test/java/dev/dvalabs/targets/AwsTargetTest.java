package dev.dvalabs.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

class AwsTargetTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final AtomicInteger identityLookups = new AtomicInteger();

    private static final SandboxAccounts LISTED = new SandboxAccounts(Set.of("123456789012"), Path.of("config.yaml"));

    private AwsTarget target(boolean yes, Function<String, String> ask) {
        return target(yes, ask, LISTED, List.of("learner-sandbox"), null);
    }

    private AwsTarget target(boolean yes, Function<String, String> ask, SandboxAccounts sandboxes, List<String> aliases,
                             String forced) {
        return new AwsTarget(Region.EU_WEST_1, AnonymousCredentialsProvider.create(), yes, ask,
                new PrintWriter(new OutputStreamWriter(printed, StandardCharsets.UTF_8), true), () -> {
                    identityLookups.incrementAndGet();
                    return GetCallerIdentityResponse.builder().account("123456789012")
                            .arn("arn:aws:iam::123456789012:user/learner").build();
                }, () -> aliases, sandboxes, forced);
    }

    @Test
    @DisplayName("an account not on the sandbox allow-list is refused even with --yes, saying how to add it")
    void notOnAllowList() {
        AwsTarget target = target(true, null, new SandboxAccounts(Set.of("999999999999"), Path.of("/home/l/.config/dva-labs/config.yaml")),
                List.of(), null);
        assertThatThrownBy(() -> target.approveWrites("create stack X"))
                .isInstanceOf(TargetException.class)
                .hasMessageContaining("Account 123456789012 is not on your sandbox allow-list, so nothing was written")
                .hasMessageContaining("/home/l/.config/dva-labs/config.yaml").hasMessageContaining("DVA_LABS_SANDBOX_ACCOUNTS");
    }

    @Test
    @DisplayName("an alias that looks like production is refused even on the allow-list, unless forced by account id")
    void productionAliasNeedsForce() {
        AwsTarget refused = target(true, null, LISTED, List.of("acme-Prod-eu"), null);
        assertThatThrownBy(() -> refused.approveWrites("create stack X"))
                .isInstanceOf(TargetException.class).hasMessageContaining("'acme-Prod-eu', which looks like production")
                .hasMessageContaining("--force-account 123456789012");
        AwsTarget wrongForce = target(true, null, LISTED, List.of("acme-prod"), "111111111111");
        assertThatThrownBy(() -> wrongForce.approveWrites("create stack X")).isInstanceOf(TargetException.class);
        target(true, null, LISTED, List.of("acme-prod"), "123456789012").approveWrites("create stack X");
        assertThat(printed()).contains("alias    acme-prod");
    }

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("without --yes and with nobody to ask, a write to a real account is refused")
    void refusesWithoutConfirmation() {
        AwsTarget target = target(false, null);
        assertThatThrownBy(() -> target.approveWrites("create stack X"))
                .isInstanceOf(TargetException.class)
                .hasMessageContaining("Refusing to write to AWS account 123456789012")
                .hasMessageContaining("--yes");
        assertThat(printed()).contains("123456789012", "arn:aws:iam::123456789012:user/learner", "eu-west-1", "create stack X");
    }

    @Test
    @DisplayName("with --yes, the account, identity and region are printed before the write goes ahead")
    void yesShowsWhereTheWriteGoes() {
        AwsTarget target = target(true, prompt -> {
            throw new AssertionError("--yes must not ask");
        });
        target.approveWrites("create stack X");
        assertThat(printed()).contains("account  123456789012", "identity arn:aws:iam::123456789012:user/learner", "region   eu-west-1");
    }

    @Test
    @DisplayName("a learner who types another account id is refused")
    void wrongAnswerRefused() {
        AwsTarget target = target(false, prompt -> "y");
        assertThatThrownBy(() -> target.approveWrites("create stack X"))
                .isInstanceOf(TargetException.class).hasMessageContaining("Not confirmed");
    }

    @Test
    @DisplayName("a learner who types the account id goes ahead, and is asked once per command")
    void rightAnswerApprovedOnce() {
        AtomicInteger asked = new AtomicInteger();
        AwsTarget target = target(false, prompt -> {
            asked.incrementAndGet();
            return " 123456789012 ";
        });
        target.approveWrites("create stack X");
        target.approveWrites("delete stack X");
        assertThat(asked).hasValue(1);
        assertThat(identityLookups).hasValue(1);
    }

    @Test
    @DisplayName("a report says the AWS account with all but its last four digits masked")
    void reportedWithTheAccountMasked() {
        assertThat(target(true, null).reported()).isEqualTo("AWS account ********9012 (eu-west-1)");
        assertThat(AwsTarget.masked("12")).isEqualTo("****");
    }

    @Test
    @DisplayName("a region that does not exist is one sentence")
    void invalidRegion() {
        assertThatThrownBy(() -> AwsTarget.resolveRegion("moon-1"))
                .isInstanceOf(TargetException.class).hasMessage("'moon-1' is not an AWS region; use a name like us-east-1 or eu-west-1.");
        assertThat(AwsTarget.resolveRegion("eu-west-1")).isEqualTo(Region.EU_WEST_1);
    }
}
