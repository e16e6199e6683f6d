# fails: lazy-loading, stale-until-ttl, cache-ttl
# A miss reads the table but does not fill the cache: only written products are ever cached.
. ./build.bash
code_edit='s/cache.call("SET", key(product_id), json.dumps(item, default=str), "EX", TTL)/pass/'
build
