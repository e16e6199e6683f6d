# Not a corpus script (only .sh files are): the steps every corpus script shares, each one a variable a
# script may change before calling build. Sourced, never run alone.

# AWS CLI v1 sends SQS calls in us-east-1 to queue.amazonaws.com even when AWS_ENDPOINT_URL is set, so an
# emulator's endpoint is passed explicitly; on AWS the variable is unset and nothing changes.
sqs() { aws sqs ${AWS_ENDPOINT_URL:+--endpoint-url "$AWS_ENDPOINT_URL"} "$@"; }

# What the instructions ask for; a script changes one of these to get one thing wrong, or to add extras.
view_type=NEW_AND_OLD_IMAGES
timeout_args=(--timeout 5)
starting_position=LATEST
batch_args=(--batch-size 25)
filter='{"Filters":[{"Pattern":"{\"eventName\":[\"INSERT\",\"REMOVE\"]}"}]}'
retry_args=(--maximum-retry-attempts 2 --bisect-batch-on-function-error)
destination=yes
mapping_extra_args=()

build() {
  # The starter, as its stack makes it: the tables (orders without a stream), the queue, the function.
  aws dynamodb create-table --table-name dva-labs-stream-orders --billing-mode PAY_PER_REQUEST \
    --attribute-definitions AttributeName=orderId,AttributeType=S \
    --key-schema AttributeName=orderId,KeyType=HASH > /dev/null
  aws dynamodb create-table --table-name dva-labs-stream-audit --billing-mode PAY_PER_REQUEST \
    --attribute-definitions AttributeName=orderId,AttributeType=S AttributeName=eventId,AttributeType=S \
    --key-schema AttributeName=orderId,KeyType=HASH AttributeName=eventId,KeyType=RANGE > /dev/null
  aws dynamodb wait table-exists --table-name dva-labs-stream-orders
  aws dynamodb wait table-exists --table-name dva-labs-stream-audit
  failures=$(sqs create-queue --queue-name dva-labs-stream-failures --query QueueUrl --output text)
  failures_arn=$(sqs get-queue-attributes --queue-url "$failures" --attribute-names QueueArn \
    --query Attributes.QueueArn --output text)
  role=$(aws iam create-role --role-name dva-labs-stream-auditor-role --query Role.Arn --output text \
    --assume-role-policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}')
  package=$(mktemp -d)/auditor.zip
  python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1], "w").write("../auditor.py", "index.py")' "$package"
  aws lambda create-function --function-name dva-labs-stream-auditor --runtime python3.12 --handler index.handler \
    --role "$role" --zip-file "fileb://$package" --environment 'Variables={AUDIT_TABLE=dva-labs-stream-audit}' \
    --timeout 30 > /dev/null
  aws lambda wait function-active-v2 --function-name dva-labs-stream-auditor

  # The tasks.
  stream=$(aws dynamodb update-table --table-name dva-labs-stream-orders \
    --stream-specification StreamEnabled=true,StreamViewType="$view_type" \
    --query TableDescription.LatestStreamArn --output text)
  local destination_args=()
  if [ "$destination" = yes ]; then
    destination_args=(--destination-config "{\"OnFailure\":{\"Destination\":\"$failures_arn\"}}")
  fi
  local filter_args=()
  if [ -n "$filter" ]; then
    filter_args=(--filter-criteria "$filter")
  fi
  aws lambda create-event-source-mapping --function-name dva-labs-stream-auditor --event-source-arn "$stream" \
    --starting-position "$starting_position" "${batch_args[@]}" "${filter_args[@]}" "${retry_args[@]}" \
    "${destination_args[@]}" "${mapping_extra_args[@]}" > /dev/null
  if [ ${#timeout_args[@]} -gt 0 ]; then
    aws lambda update-function-configuration --function-name dva-labs-stream-auditor "${timeout_args[@]}" > /dev/null
  fi
}
