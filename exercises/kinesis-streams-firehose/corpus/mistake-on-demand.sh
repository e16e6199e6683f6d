# fails: capacity-mode, shard-count
# Everything right, but the stream is ON_DEMAND: AWS sets its shards (4 to start with), not the learner.
. ./build.bash
stream_mode=ON_DEMAND
build
