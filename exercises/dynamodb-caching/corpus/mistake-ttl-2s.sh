# fails: cache-ttl
# An expiry of 2 s, not the 5 s asked for: each entry reports a TTL of 2 right after it was set. (A product changed
# in the table then shows after 2 s: stale-until-ttl takes the TTL the entry reported, and leaves the 2 s to cache-ttl.)
. ./build.bash
code_edit='s/^TTL = 5 /TTL = 2 /'
build
