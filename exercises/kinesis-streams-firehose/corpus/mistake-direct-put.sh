# fails: firehose-source, delivered, buffered, transformed
# Everything right, but the delivery stream takes direct puts and never reads the data stream.
. ./build.bash
delivery_type=DirectPut
build
