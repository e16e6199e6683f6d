# The instructions followed with the AWS CLI: table, VPC, a Redis replication group of two nodes with
# Multi-AZ and automatic failover, and the function that caches reads (lazy loading, 5 s TTL) and writes through.
. ./build.bash
build
