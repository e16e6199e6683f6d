# fails: stale-until-ttl, cache-ttl
# Entries set without an expiry: a change made to the table directly is never seen.
. ./build.bash
code_edit='s/, "EX", TTL)/)/'
build
