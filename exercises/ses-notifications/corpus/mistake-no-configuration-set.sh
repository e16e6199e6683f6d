# fails: configuration-set
# Everything but the configuration set.
. ./build.bash
configuration_set=
build
