# Right but different: the expiry set in milliseconds (SET key value PX 5000), the same 5 s.
. ./build.bash
code_edit='s/"EX", TTL/"PX", TTL * 1000/'
build
