# fails: write-through
# The write path deletes the entry instead of writing it: invalidation, so the next read misses.
. ./build.bash
code_edit='s/cache.call("SET", key(product_id), json.dumps(event\["item"\]), "EX", TTL)/cache.call("DEL", key(product_id))/'
build
