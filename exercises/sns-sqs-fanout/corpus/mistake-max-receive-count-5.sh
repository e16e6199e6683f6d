# fails: dead-letter-queue
# Everything right, but the redrive policy's maxReceiveCount is 5, not the 3 asked for.
. ./build.bash
max_receive_count=5
build
