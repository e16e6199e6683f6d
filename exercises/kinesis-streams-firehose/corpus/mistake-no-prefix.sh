# fails: firehose-destination, delivered
# Everything right, but the delivery stream has no prefix: objects land under YYYY/MM/DD/HH/ at the bucket's root.
. ./build.bash
prefix=
build
