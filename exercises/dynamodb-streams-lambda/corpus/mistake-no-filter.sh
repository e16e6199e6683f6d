# fails: modify-filtered
# Everything right, but the mapping has no filter: every update reaches the function too.
. ./build.bash
filter=
build
