# Right, with more than asked: Delivery notifications to the same topic, raw message delivery to the
# queue, and a second identity the verifier does not look at.
. ./build.bash
notification_types=(Bounce Complaint Delivery)
build
aws ses verify-email-identity --email-address dva-labs-other@example.com
subscription=$(aws sns list-subscriptions-by-topic --topic-arn "$topic" --query 'Subscriptions[0].SubscriptionArn' --output text)
aws sns set-subscription-attributes --subscription-arn "$subscription" --attribute-name RawMessageDelivery --attribute-value true
