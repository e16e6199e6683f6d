# fails: configuration-set
# The configuration set named dva-labs-mail-set, not dva-labs-mail.
. ./build.bash
configuration_set=dva-labs-mail-set
build
