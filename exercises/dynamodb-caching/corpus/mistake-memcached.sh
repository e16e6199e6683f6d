# fails: cache-engine, cache-multi-az, lazy-loading, stale-until-ttl, cache-ttl, write-through
# A Memcached cluster instead of a Redis replication group: no replication, no Multi-AZ, and the
# function's Redis commands get no answer from it.
. ./build.bash
make_table
aws elasticache create-cache-cluster --cache-cluster-id "$cache" --engine memcached --cache-node-type cache.t3.micro \
  --num-cache-nodes 2 > /dev/null
aws elasticache wait cache-cluster-available --cache-cluster-id "$cache"
host=$(aws elasticache describe-cache-clusters --cache-cluster-id "$cache" \
  --query 'CacheClusters[0].ConfigurationEndpoint.Address' --output text)
port=$(aws elasticache describe-cache-clusters --cache-cluster-id "$cache" \
  --query 'CacheClusters[0].ConfigurationEndpoint.Port' --output text)
vpc_config=''
make_function
