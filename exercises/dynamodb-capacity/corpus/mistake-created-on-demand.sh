# fails: provisioned-throughput
# Ends on-demand, but the table was created on-demand: it never had the 5 RCU and 5 WCU of task 1.
. ./build.bash
create_mode=PAY_PER_REQUEST
update_args=()
build
