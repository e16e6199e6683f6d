# fails: provisioned-throughput, on-demand
# 5 RCU with the write units left at 1, and no switch.
. ./build.bash
wcu=1
update_args=()
build
