# fails: firehose-processor, transformed
# Everything right, but the delivery stream has no processing configuration: the function is never called.
. ./build.bash
processing=none
build
