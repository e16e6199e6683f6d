# fails: stage-throttling
# The stage deployed without method settings: no throttling of its own.
. ./build.bash
throttle=no
build
