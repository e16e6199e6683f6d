package dev.dvalabs.policy;

import static dev.dvalabs.policy.Fixtures.ACCOUNT;
import static dev.dvalabs.policy.Fixtures.OTHER_ACCOUNT;
import static dev.dvalabs.policy.Fixtures.json;
import static dev.dvalabs.policy.Fixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A service assuming a role, judged with the context that service supplies. Firehose sends the account
 * id as sts:ExternalId ("Allow Firehose to assume an IAM role",
 * https://docs.aws.amazon.com/firehose/latest/dev/controlling-access.html#firehose-assume-role; CloudWatch
 * Logs' "Step 1: Create a Firehose delivery stream" gives the same trust policy); End User Messaging SMS
 * sends aws:SourceAccount and aws:SourceArn
 * (https://docs.aws.amazon.com/sms-voice/latest/userguide/configuration-sets-kinesis-creating-role.html).
 * {@code verdict} is: "allowed", "refused", or the words an undecided verdict must contain.
 */
class TrustTest {

    private static final String ROLE = "arn:aws:iam::111122223333:role/FirehosetoS3Role";
    private static final String FIREHOSE = "firehose.amazonaws.com";

    private static String trust(String service, String condition) {
        return policy(json("""
                {"Effect": "Allow", "Principal": {"Service": "%s"}, "Action": "sts:AssumeRole"%s}""",
                service, condition == null ? "" : ", \"Condition\": " + condition));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("Firehose may assume the role of the CloudWatch Logs guide: sts:ExternalId is the account id",
                        trust(FIREHOSE, "{\"StringEquals\": {\"sts:ExternalId\": \"" + ACCOUNT + "\"}}"),
                        Request.assumeRole(FIREHOSE, ROLE), "allowed"),
                Arguments.of("Firehose may not assume a role whose sts:ExternalId names another account",
                        trust(FIREHOSE, "{\"StringEquals\": {\"sts:ExternalId\": \"" + OTHER_ACCOUNT + "\"}}"),
                        Request.assumeRole(FIREHOSE, ROLE), "refused"),
                Arguments.of("a trust policy without conditions lets the service assume the role",
                        trust(FIREHOSE, null), Request.assumeRole(FIREHOSE, ROLE), "allowed"),
                Arguments.of("a trust policy naming another service does not let Firehose in",
                        trust("lambda.amazonaws.com", null), Request.assumeRole(FIREHOSE, ROLE), "refused"),
                Arguments.of("aws:SourceArn of a delivery stream is the service's to tell: undecided, said so",
                        trust(FIREHOSE, "{\"ArnLike\": {\"aws:SourceArn\": \"arn:aws:firehose:us-east-1:111122223333:deliverystream/logs\"}}"),
                        Request.assumeRole(FIREHOSE, ROLE),
                        "may assume the role only if aws:SourceArn matches arn:aws:firehose:us-east-1:111122223333:deliverystream/logs, "
                                + "which firehose.amazonaws.com may supply"),
                Arguments.of("once the check tells aws:SourceArn, the verdict is decided",
                        trust(FIREHOSE, "{\"ArnLike\": {\"aws:SourceArn\": \"arn:aws:firehose:us-east-1:111122223333:deliverystream/logs\"}}"),
                        Request.assumeRole(FIREHOSE, ROLE).with("aws:SourceArn", "arn:aws:firehose:us-east-1:111122223333:deliverystream/logs"),
                        "allowed"),
                Arguments.of("End User Messaging SMS supplies aws:SourceAccount, which the role's account tells",
                        trust("sms-voice.amazonaws.com", "{\"StringEquals\": {\"aws:SourceAccount\": \"" + ACCOUNT + "\"}}"),
                        Request.assumeRole("sms-voice.amazonaws.com", ROLE), "allowed"),
                Arguments.of("End User Messaging SMS supplies the configuration set as aws:SourceArn, unknown here",
                        trust("sms-voice.amazonaws.com", "{\"StringEquals\": {\"aws:SourceAccount\": \"" + ACCOUNT + "\"},"
                                + " \"ArnLike\": {\"aws:SourceArn\": \"arn:aws:sms-voice:us-east-1:111122223333:configuration-set/Mail\"}}"),
                        Request.assumeRole("sms-voice.amazonaws.com", ROLE),
                        "which sms-voice.amazonaws.com supplies as the ARN of the configuration set"),
                Arguments.of("a known key that fails decides, whatever the unknown one holds",
                        trust("sms-voice.amazonaws.com", "{\"StringEquals\": {\"aws:SourceAccount\": \"" + OTHER_ACCOUNT + "\"},"
                                + " \"ArnLike\": {\"aws:SourceArn\": \"arn:aws:sms-voice:*\"}}"),
                        Request.assumeRole("sms-voice.amazonaws.com", ROLE), "refused"),
                Arguments.of("a service the table lacks: aws:SourceAccount is named as unknown, not taken as absent",
                        trust("codebuild.amazonaws.com", "{\"StringEquals\": {\"aws:SourceAccount\": \"" + ACCOUNT + "\"}}"),
                        Request.assumeRole("codebuild.amazonaws.com", ROLE),
                        "only if aws:SourceAccount is 111122223333, which codebuild.amazonaws.com may supply"),
                Arguments.of("a Deny on an unknown key reads as unless",
                        policy(json("""
                                {"Effect": "Allow", "Principal": {"Service": "%s"}, "Action": "sts:AssumeRole"}""", FIREHOSE), json("""
                                {"Effect": "Deny", "Principal": {"Service": "%s"}, "Action": "sts:AssumeRole",
                                 "Condition": {"StringNotEquals": {"aws:SourceAccount": "%s"}}}""", FIREHOSE, ACCOUNT)),
                        Request.assumeRole(FIREHOSE, ROLE), "unless aws:SourceAccount is not 111122223333"),
                Arguments.of("a key no service supplies stays absent: aws:SecureTransport decides as before",
                        trust(FIREHOSE, "{\"Bool\": {\"aws:SecureTransport\": \"true\"}}"), Request.assumeRole(FIREHOSE, ROLE), "refused"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void judges(String behaviour, String trustPolicy, Request request, String verdict) {
        Verdict judged = Policies.of(trustPolicy).judge(request);
        String sentence = judged.sentence(((Caller.Service) request.caller()).name(), "assume the role");
        switch (verdict) {
            case "allowed" -> assertThat(judged.allowed()).as(behaviour + ": " + sentence).isTrue();
            case "refused" -> assertThat(!judged.allowed() && !judged.undecided()).as(behaviour + ": " + sentence).isTrue();
            default -> {
                assertThat(judged.undecided()).as(behaviour + ": " + sentence).isTrue();
                assertThat(sentence).as(behaviour).contains(verdict).endsWith("; unknown here");
            }
        }
    }

    @Test
    @DisplayName("decide gives the same answer as before for the CloudWatch Logs guide's Firehose role: the account id is known")
    void decideKnowsTheExternalId() {
        String guide = trust(FIREHOSE, "{\"StringEquals\": {\"sts:ExternalId\": \"" + ACCOUNT + "\"}}");
        assertThat(Policies.of(guide).decide(Request.of(Caller.service(FIREHOSE), "sts:AssumeRole", ROLE))).isEqualTo(Decision.ALLOW);
    }

    @Test
    @DisplayName("decide counts an unknown key as absent, so an undecided trust policy is refused there")
    void decideCountsUnknownAsAbsent() {
        String bySource = trust(FIREHOSE, "{\"ArnLike\": {\"aws:SourceArn\": \"arn:aws:firehose:*\"}}");
        assertThat(Policies.of(bySource).decide(Request.assumeRole(FIREHOSE, ROLE))).isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    @DisplayName("an undecided verdict reads as one sentence naming the key, the policy's value and what the service supplies")
    void sentenceReads() {
        Verdict judged = Policies.of(trust("sms-voice.amazonaws.com",
                "{\"ArnEquals\": {\"aws:SourceArn\": \"arn:aws:sms-voice:us-east-1:111122223333:configuration-set/Mail\"}}"))
                .judge(Request.assumeRole("sms-voice.amazonaws.com", ROLE));
        assertThat(judged.sentence("sms-voice.amazonaws.com", "assume " + ROLE)).isEqualTo("sms-voice.amazonaws.com may assume "
                + ROLE + " only if aws:SourceArn matches arn:aws:sms-voice:us-east-1:111122223333:configuration-set/Mail, which "
                + "sms-voice.amazonaws.com supplies as the ARN of the configuration set "
                + "(arn:aws:sms-voice:REGION:ACCOUNT:configuration-set/NAME); unknown here");
    }
}
