# fails: retention
# Everything right, but the stream keeps the default 24 hours of retention.
. ./build.bash
retention=24
build
