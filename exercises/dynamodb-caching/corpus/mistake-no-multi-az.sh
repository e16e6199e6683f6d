# fails: cache-multi-az
# A replica and automatic failover, but Multi-AZ left off: the replica may share the primary's zone.
. ./build.bash
multi_az=--no-multi-az-enabled
build
