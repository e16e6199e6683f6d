# fails: firehose-processor, transformed
# Everything right, but the processing configuration names the function with Enabled false.
. ./build.bash
processing=disabled
build
