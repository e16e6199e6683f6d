# fails: stale-until-ttl, cache-ttl
# An expiry of 2 s, not the 5 s asked for: each entry reports a TTL of 2 right after it was set, and a product
# changed in the table shows from the table well before the 5 s are up.
. ./build.bash
code_edit='s/^TTL = 5 /TTL = 2 /'
build
