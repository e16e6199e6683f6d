# fails: lazy-loading, stale-until-ttl, cache-ttl, write-through
# PX instead of EX: every entry lives 5 milliseconds, so no read ever finds one.
. ./build.bash
code_edit='s/"EX", TTL/"PX", TTL/'
build
