package dev.dvalabs.exercises.sesnotifications;

import dev.dvalabs.probe.Identity;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.verify.Fact;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sesv2.model.GetEmailIdentityResponse;
import software.amazon.awssdk.services.sesv2.model.VerificationStatus;

/** What SES v1 and SESv2 show, read as one service: AWS keeps one store for both, ministack 1.5.33 two. */
class SesApisTest {

    @Test
    @DisplayName("what SES v1 shows is taken without asking SESv2")
    void v1AnswerIsTaken() {
        Fact<String> read = MailProbe.eitherApi("configuration set x", Fact.of("dva-labs-mail"), () -> {
            throw new AssertionError("SESv2 asked although SES v1 answered");
        });
        assertThat(read.value()).isEqualTo("dva-labs-mail");
    }

    @Test
    @DisplayName("when SES v1 refuses, what SESv2 shows counts, and when both refuse, both refusals are said")
    void v2AnswersWhenV1Refuses() {
        Fact<String> v1 = Fact.refused("SES v1 DescribeConfigurationSet: ConfigurationSetDoesNotExist: a");
        assertThat(MailProbe.eitherApi("configuration set dva-labs-mail", v1, () -> Fact.of("dva-labs-mail")).value())
                .isEqualTo("dva-labs-mail");
        assertThat(MailProbe.eitherApi("configuration set dva-labs-mail", v1,
                () -> Fact.<String>refused("SESv2 GetConfigurationSet: NotFoundException: b")).refusal())
                .isEqualTo("configuration set dva-labs-mail: SES v1 DescribeConfigurationSet:"
                        + " ConfigurationSetDoesNotExist: a; SESv2 GetConfigurationSet: NotFoundException: b");
    }

    @Test
    @DisplayName("SESv2's status is its VerificationStatus, or, where it gives none (ministack), whether it may send")
    void v2Status() {
        assertThat(Identity.v2Status(GetEmailIdentityResponse.builder().verificationStatus(VerificationStatus.PENDING)
                .verifiedForSendingStatus(false).build())).isEqualTo("PENDING");
        assertThat(Identity.v2Status(GetEmailIdentityResponse.builder().verifiedForSendingStatus(true).build()))
                .isEqualTo(Identity.VERIFIED_FOR_SENDING);
        assertThat(Identity.v2Status(GetEmailIdentityResponse.builder().verifiedForSendingStatus(false).build()))
                .isEqualTo(Identity.NOT_VERIFIED_FOR_SENDING);
    }

    @Test
    @DisplayName("verified when either API says so, and only then")
    void verifiedByEither() {
        assertThat(new Identity("Success", null).verified()).isTrue();
        assertThat(new Identity(null, "SUCCESS").verified()).isTrue();
        assertThat(new Identity(null, Identity.VERIFIED_FOR_SENDING).verified()).isTrue();
        assertThat(new Identity("Pending", "PENDING").verified()).isFalse();
        assertThat(new Identity(null, Identity.NOT_VERIFIED_FOR_SENDING).verified()).isFalse();
        assertThat(new Identity(null, null).verified()).isFalse();
        assertThat(new Identity(null, null)).hasToString("SES v1: no such identity, SESv2: no such identity");
    }
}
