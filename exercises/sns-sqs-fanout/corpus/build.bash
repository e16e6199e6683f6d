# Not a corpus script (only .sh files are): the steps every corpus script shares,
# each one a variable a script may change before calling build. Sourced, never run alone.

# AWS CLI v1 sends SQS calls in us-east-1 to queue.amazonaws.com even when AWS_ENDPOINT_URL is set, so an
# emulator's endpoint is passed explicitly; on AWS the variable is unset and nothing changes.
sqs() { aws sqs ${AWS_ENDPOINT_URL:+--endpoint-url "$AWS_ENDPOINT_URL"} "$@"; }

account=$(aws sts get-caller-identity --query Account --output text)
region=${AWS_DEFAULT_REGION}
arn() { echo "arn:aws:sqs:${region}:${account}:$1"; }

# What the instructions ask for; a script changes one of these to get one thing wrong, or to add extras.
visibility=5
retention=86400
wait_seconds=20
max_size=262144
max_receive_count=3
shipping_attributes='{"RawMessageDelivery":"true","FilterPolicy":"{\"status\":[\"SHIPPED\"]}"}'
subscribe_shipping=yes
billing_extra_queue_args=()
topic_extra_args=()
# The statement each queue's policy holds: $1 the queue, $2 the topic that may send.
statement() {
  echo "{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"sns.amazonaws.com\"},\"Action\":\"sqs:SendMessage\",\"Resource\":\"$(arn "$1")\",\"Condition\":{\"ArnEquals\":{\"aws:SourceArn\":\"$2\"}}}"
}
fifo_topic_attributes=FifoTopic=true

allow() {
  local url=$1 queue=$2 topic_arn=$3
  local policy="{\"Version\":\"2012-10-17\",\"Statement\":[$(statement "$queue" "$topic_arn")]}"
  sqs set-queue-attributes --queue-url "$url" --attributes "$(jq -n --arg p "$policy" '{Policy: $p}')"
}

build() {
  topic=$(aws sns create-topic --name dva-labs-order-events "${topic_extra_args[@]}" --query TopicArn --output text)
  fifo_topic=$(aws sns create-topic --name dva-labs-order-events.fifo --attributes "$fifo_topic_attributes" \
    --query TopicArn --output text)

  sqs create-queue --queue-name dva-labs-billing-dlq > /dev/null
  # Billing's attributes at creation: moto drops a policy when SetQueueAttributes leaves Policy out.
  billing=$(sqs create-queue --queue-name dva-labs-billing "${billing_extra_queue_args[@]}" --attributes "$(jq -n \
    --arg v "$visibility" --arg r "$retention" --arg w "$wait_seconds" --arg m "$max_size" \
    --arg dlq "$(arn dva-labs-billing-dlq)" --argjson n "$max_receive_count" '{
      VisibilityTimeout: $v, MessageRetentionPeriod: $r, ReceiveMessageWaitTimeSeconds: $w, MaximumMessageSize: $m,
      RedrivePolicy: ({deadLetterTargetArn: $dlq, maxReceiveCount: $n} | tojson)}')" --query QueueUrl --output text)
  shipping=$(sqs create-queue --queue-name dva-labs-shipping --query QueueUrl --output text)
  ledger=$(sqs create-queue --queue-name dva-labs-ledger.fifo --attributes FifoQueue=true --query QueueUrl --output text)

  allow "$billing" dva-labs-billing "$topic"
  allow "$shipping" dva-labs-shipping "$topic"
  allow "$ledger" dva-labs-ledger.fifo "$fifo_topic"

  aws sns subscribe --topic-arn "$topic" --protocol sqs --notification-endpoint "$(arn dva-labs-billing)" > /dev/null
  if [ "$subscribe_shipping" = yes ]; then
    aws sns subscribe --topic-arn "$topic" --protocol sqs --notification-endpoint "$(arn dva-labs-shipping)" \
      --attributes "$shipping_attributes" > /dev/null
  fi
  aws sns subscribe --topic-arn "$fifo_topic" --protocol sqs --notification-endpoint "$(arn dva-labs-ledger.fifo)" > /dev/null
}
