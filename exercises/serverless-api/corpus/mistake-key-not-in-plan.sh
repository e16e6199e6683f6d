# fails: usage-plan, post-needs-key, order-roundtrip, table-from-environment
# The key was never added to the usage plan: API Gateway refuses it (403), so no order is stored.
. ./build.bash
plan_holds_key=no
build
