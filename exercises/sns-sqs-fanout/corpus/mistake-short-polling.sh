# fails: long-polling, long-poll-waits
# Everything right, but billing short-polls: ReceiveMessageWaitTimeSeconds 0.
. ./build.bash
wait_seconds=0
build
