# fails: provisioned-throughput, on-demand
# The starter's 1 RCU and 1 WCU kept, and no switch.
. ./build.bash
rcu=1
wcu=1
update_args=()
build
