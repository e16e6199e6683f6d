# fails: cache-ttl
# A TTL on the entries a miss fills, none on those a write makes: they stay for good.
. ./build.bash
code_edit='s/cache.call("SET", key(product_id), json.dumps(event\["item"\]), "EX", TTL)/cache.call("SET", key(product_id), json.dumps(event["item"]))/'
build
