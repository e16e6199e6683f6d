# fails: feedback-notifications
# Everything right, but a message of the learner's is left in the feedback queue. A receive would count towards
# its maxReceiveCount, so the verifier sends nothing to the simulator's bounce and complaint addresses and the
# check fails saying which queue to drain (aws sqs purge-queue); the message stays, never received.
. ./build.bash
build
sqs send-message --queue-url "$queue" --message-body '{"note":"a bounce I have not handled yet"}' > /dev/null
