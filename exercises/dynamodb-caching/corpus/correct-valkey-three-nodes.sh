# Right but different: Valkey instead of Redis, and two replicas instead of one.
. ./build.bash
engine=valkey
nodes=3
build
