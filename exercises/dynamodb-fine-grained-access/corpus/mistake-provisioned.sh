# fails: table-on-demand
# The table left provisioned, with capacity paid for every hour.
. ./build.bash
billing=(--provisioned-throughput ReadCapacityUnits=1,WriteCapacityUnits=1)
build
