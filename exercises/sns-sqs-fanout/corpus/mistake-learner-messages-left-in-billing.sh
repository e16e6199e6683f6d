# fails: fanout, filter-policy, raw-delivery
# Everything right, but three orders of the learner's are left in billing. A receive would count towards their
# maxReceiveCount, so the verifier publishes nothing to the topic: the checks of what arrives there fail saying
# which queue to drain (aws sqs purge-queue) and the learner's messages stay, never received; what a queue does
# (visibility, redrive, long polling, size) still passes, shown on queues of the verifier's own.
. ./build.bash
build
for order in 1 2 3; do
  sqs send-message --queue-url "$billing" --message-body "order $order, not processed yet" > /dev/null
done
