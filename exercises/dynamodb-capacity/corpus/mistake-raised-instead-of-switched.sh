# fails: provisioned-throughput, on-demand
# Task 2 read as "more capacity": the throughput raised to 10 and 10 instead of a switch to on-demand.
. ./build.bash
update_args=(--provisioned-throughput ReadCapacityUnits=10,WriteCapacityUnits=10)
build
