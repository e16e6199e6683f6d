# The instructions followed another right way, with harmless extras: MODIFY held back by anything-but
# rather than by naming INSERT and REMOVE, a batching window of one second, a maximum record age, and
# tags on the mapping.
. ./build.bash
filter='{"Filters":[{"Pattern":"{\"eventName\":[{\"anything-but\":[\"MODIFY\"]}]}"}]}'
mapping_extra_args=(--maximum-batching-window-in-seconds 1 --maximum-record-age-in-seconds 3600 --tags team=orders)
build
