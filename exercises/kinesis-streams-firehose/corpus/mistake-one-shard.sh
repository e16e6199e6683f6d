# fails: shard-count
# Everything right, but the stream keeps the starter's single shard.
. ./build.bash
shards=1
build
