# fails: provisioned-throughput
# Task 2 done by deleting the provisioned table and creating it again on-demand, not by switching it.
. ./build.bash
update() {
  aws dynamodb delete-table --table-name "$table" > /dev/null
  aws dynamodb wait table-not-exists --table-name "$table"
  create_mode=PAY_PER_REQUEST
  create
}
build
