# The exercise done with the SESv2 CLI where it has a command: the identity with aws sesv2
# create-email-identity and the configuration set with aws sesv2 create-configuration-set; SESv2 has no
# command for an identity's notification topics, so those are set with aws ses set-identity-notification-topic.
# On AWS SES v1 and SESv2 are one service, so this passes as correct.sh does. ministack 1.5.33 keeps
# SESv2's identities apart from SES v1's and sends no notification for them: feedback-notifications is
# SKIP there (deviations.yaml), every other check passes.
. ./build.bash
identity_step() { sesv2_identity_step; }
configuration_set_step() { sesv2_configuration_set_step; }
build
