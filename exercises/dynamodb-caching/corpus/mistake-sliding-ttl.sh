# fails: stale-until-ttl
# A hit renews the entry's TTL (GETEX ... EX 5): every TTL the function reports looks right, but an entry read
# often never ends, so a change made to the table stays hidden for as long as the product is asked for.
. ./build.bash
code_edit='s/cached = cache.call("GET", key(product_id))/cached = cache.call("GETEX", key(product_id), "EX", TTL)/'
build
