# fails: cache-multi-az
# One node: no replica to fail over to, so neither automatic failover nor Multi-AZ.
. ./build.bash
nodes=1
failover=--no-automatic-failover-enabled
multi_az=--no-multi-az-enabled
build
