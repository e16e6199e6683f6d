# fails: feedback-notifications
# The instructed topic exists, but the identity's notifications go to another topic the queue is
# subscribed to instead: notifications arrive, through the wrong topic.
. ./build.bash
subscribe=no
build
other=$(aws sns create-topic --name my-other-feedback --query TopicArn --output text)
aws sns subscribe --topic-arn "$other" --protocol sqs \
  --notification-endpoint "arn:aws:sqs:${region}:${account}:${queue_name}" > /dev/null
for type in Bounce Complaint; do
  aws ses set-identity-notification-topic --identity "$identity" --notification-type "$type" --sns-topic "$other"
done
