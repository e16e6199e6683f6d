# fails: configuration-set
# The configuration set made with aws sesv2 create-configuration-set, but named dva-labs-mail-set, not
# dva-labs-mail: neither SES v1 nor SESv2 shows dva-labs-mail.
. ./build.bash
configuration_set=dva-labs-mail-set
configuration_set_step() { sesv2_configuration_set_step; }
build
