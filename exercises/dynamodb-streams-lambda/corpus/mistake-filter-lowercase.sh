# fails: insert-audited, remove-audited, modify-filtered
# Everything right, but the filter names the events in lower case: a filter matches exactly, so nothing
# reaches the function.
. ./build.bash
filter='{"Filters":[{"Pattern":"{\"eventName\":[\"insert\",\"remove\"]}"}]}'
build
