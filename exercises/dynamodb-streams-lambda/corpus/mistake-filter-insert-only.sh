# fails: remove-audited, modify-filtered
# Everything right, but the filter lets INSERT alone through: deletions are never audited, and without the
# REMOVE's audit nothing proves that the MODIFY before it was held back.
. ./build.bash
filter='{"Filters":[{"Pattern":"{\"eventName\":[\"INSERT\"]}"}]}'
build
