# The exercise done with the AWS CLI, as instructions.md asks: the table provisioned at 5 RCU and 5 WCU
# (task 1), then switched to on-demand (task 2).
. ./build.bash
build
