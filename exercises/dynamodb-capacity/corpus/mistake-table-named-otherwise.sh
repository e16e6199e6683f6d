# fails: provisioned-throughput, on-demand, write-units, transaction-units, batch-units, read-units
# Both tasks done right, on a table named dva-labs-capacity-table: the verifier finds no dva-labs-capacity.
. ./build.bash
table=dva-labs-capacity-table
build
