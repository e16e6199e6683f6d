# fails: on-demand
# Task 1 done, task 2 never: the table stays provisioned at 5 RCU and 5 WCU.
. ./build.bash
update_args=()
build
