# Not a corpus script (only .sh files are): the steps every corpus script shares, each one a variable a
# script may change before calling build. Sourced, never run alone.

# AWS CLI v1 sends SQS calls in us-east-1 to queue.amazonaws.com even when AWS_ENDPOINT_URL is set, so an
# emulator's endpoint is passed explicitly; on AWS the variable is unset and nothing changes.
sqs() { aws sqs ${AWS_ENDPOINT_URL:+--endpoint-url "$AWS_ENDPOINT_URL"} "$@"; }

account=$(aws sts get-caller-identity --query Account --output text)
region=${AWS_DEFAULT_REGION}

# What the instructions ask for; a script changes one of these to get one thing wrong, or to add extras.
sender=dva-labs-sender@example.com
identity=$sender
configuration_set=dva-labs-mail
topic_name=dva-labs-ses-feedback
queue_name=dva-labs-ses-feedback
notification_types=(Bounce Complaint)
subscribe=yes
queue_policy=yes

identity_step() {
  aws ses verify-email-identity --email-address "$identity"
}

configuration_set_step() {
  aws ses create-configuration-set --configuration-set "Name=$configuration_set"
}

# The same steps with the SESv2 CLI, for a script to choose: SESv2 has no command for an identity's
# notification topics, so those stay aws ses set-identity-notification-topic, as the instructions say.
sesv2_identity_step() {
  aws sesv2 create-email-identity --email-identity "$identity" > /dev/null
}
sesv2_configuration_set_step() {
  aws sesv2 create-configuration-set --configuration-set-name "$configuration_set"
}

build() {
  identity_step
  if [ -n "$configuration_set" ]; then
    configuration_set_step
  fi
  topic=$(aws sns create-topic --name "$topic_name" --query TopicArn --output text)
  queue=$(sqs create-queue --queue-name "$queue_name" --query QueueUrl --output text)
  local policy="{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"sns.amazonaws.com\"},\"Action\":\"sqs:SendMessage\",\"Resource\":\"arn:aws:sqs:${region}:${account}:${queue_name}\",\"Condition\":{\"ArnEquals\":{\"aws:SourceArn\":\"$topic\"}}}]}"
  if [ "$queue_policy" = yes ]; then
    sqs set-queue-attributes --queue-url "$queue" --attributes "$(jq -n --arg p "$policy" '{Policy: $p}')"
  fi
  if [ "$subscribe" = yes ]; then
    aws sns subscribe --topic-arn "$topic" --protocol sqs \
      --notification-endpoint "arn:aws:sqs:${region}:${account}:${queue_name}" > /dev/null
  fi
  for type in "${notification_types[@]}"; do
    aws ses set-identity-notification-topic --identity "$identity" --notification-type "$type" --sns-topic "$topic"
  done
}
