# The configuration set made with aws sesv2 create-configuration-set, everything else as correct.sh: the
# verifier finds it through SESv2 where SES v1 does not show it (ministack 1.5.33 keeps the two apart).
. ./build.bash
configuration_set_step() { sesv2_configuration_set_step; }
build
