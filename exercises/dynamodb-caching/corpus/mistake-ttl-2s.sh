# fails: cache-ttl
# An expiry of 2 s, not the 5 s asked for: each entry reports a TTL of 2 right after it was set.
. ./build.bash
code_edit='s/^TTL = 5 /TTL = 2 /'
build
