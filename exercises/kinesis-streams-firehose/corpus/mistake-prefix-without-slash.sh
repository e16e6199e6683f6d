# fails: firehose-destination, delivered
# Everything right, but the prefix is "clicks" without its slash: Firehose appends the hour to it, clicks2026/...
. ./build.bash
prefix=clicks
build
