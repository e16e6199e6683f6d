# fails: stale-until-ttl, cache-ttl
# A TTL of a minute, not the 5 s asked for: a change made to the table stays hidden for a minute.
. ./build.bash
code_edit='s/^TTL = 5 /TTL = 60 /'
build
