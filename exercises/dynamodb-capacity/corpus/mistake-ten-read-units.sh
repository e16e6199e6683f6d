# fails: provisioned-throughput, on-demand
# 10 RCU and 5 WCU, the read units doubled "for eventually consistent reads", and no switch.
. ./build.bash
rcu=10
update_args=()
build
