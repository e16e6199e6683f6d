# The instructions followed, with harmless extras: tags on the topic and billing queue, policies granting
# sqs:Send* under both aws:SourceArn and aws:SourceAccount, and an audit queue also subscribed to the topic.
. ./build.bash
topic_extra_args=(--tags Key=team,Value=orders)
billing_extra_queue_args=(--tags team=billing)
statement() {
  echo "{\"Sid\":\"TopicSends\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"sns.amazonaws.com\"},\"Action\":\"sqs:Send*\",\"Resource\":\"$(arn "$1")\",\"Condition\":{\"ArnEquals\":{\"aws:SourceArn\":\"$2\"},\"StringEquals\":{\"aws:SourceAccount\":\"${account}\"}}}"
}
build
audit=$(sqs create-queue --queue-name dva-labs-audit --query QueueUrl --output text)
allow "$audit" dva-labs-audit "$topic"
aws sns subscribe --topic-arn "$topic" --protocol sqs --notification-endpoint "$(arn dva-labs-audit)" > /dev/null
