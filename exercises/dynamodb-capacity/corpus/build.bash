# Not a corpus script (only .sh files are): the steps every corpus script shares, each one a variable a
# script may change before calling build. Sourced, never run alone.

table=dva-labs-capacity
# Task 1: the table at creation.
create_mode=PROVISIONED
rcu=5
wcu=5
create_extra_args=()
# Task 2: what update-table does afterwards (nothing when empty).
update_args=(--billing-mode PAY_PER_REQUEST)

create() {
  if [ "$create_mode" = PROVISIONED ]; then
    aws dynamodb create-table --table-name "$table" --attribute-definitions AttributeName=id,AttributeType=S \
      --key-schema AttributeName=id,KeyType=HASH --billing-mode PROVISIONED \
      --provisioned-throughput "ReadCapacityUnits=$rcu,WriteCapacityUnits=$wcu" "${create_extra_args[@]}" > /dev/null
  else
    aws dynamodb create-table --table-name "$table" --attribute-definitions AttributeName=id,AttributeType=S \
      --key-schema AttributeName=id,KeyType=HASH --billing-mode PAY_PER_REQUEST "${create_extra_args[@]}" > /dev/null
  fi
  aws dynamodb wait table-exists --table-name "$table"
}

# Between the tasks the learner looks at what a write costs, as task 1 suggests; the second's pause keeps
# the switch in a later second than the creation (ministack's DescribeTable gives whole seconds).
look() {
  aws dynamodb put-item --table-name "$table" --item '{"id":{"S":"mine"}}' --return-consumed-capacity TOTAL > /dev/null
  sleep 1
}

update() {
  if [ ${#update_args[@]} -gt 0 ]; then
    aws dynamodb update-table --table-name "$table" "${update_args[@]}" > /dev/null
    aws dynamodb wait table-exists --table-name "$table"
  fi
}

build() {
  create
  look
  update
}
