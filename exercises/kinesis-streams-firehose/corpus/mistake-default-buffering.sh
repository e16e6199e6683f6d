# fails: buffered
# Everything right, but the delivery stream keeps Firehose's default buffers, 5 MB / 300 s.
. ./build.bash
buffering='{"SizeInMBs": 5, "IntervalInSeconds": 300}'
build
