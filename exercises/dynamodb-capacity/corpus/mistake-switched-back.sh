# fails: on-demand
# Switched to on-demand, then back to provisioned at 5 and 5.
. ./build.bash
build
aws dynamodb update-table --table-name "$table" --billing-mode PROVISIONED \
  --provisioned-throughput ReadCapacityUnits=5,WriteCapacityUnits=5 > /dev/null
aws dynamodb wait table-exists --table-name "$table"
