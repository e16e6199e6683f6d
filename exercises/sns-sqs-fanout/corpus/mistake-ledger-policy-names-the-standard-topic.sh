# fails: queue-policy
# Everything right, but every queue's policy, the FIFO ledger's too, names the standard topic as its source.
. ./build.bash
statement() { echo "{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"sns.amazonaws.com\"},\"Action\":\"sqs:SendMessage\",\"Resource\":\"$(arn "$1")\",\"Condition\":{\"ArnEquals\":{\"aws:SourceArn\":\"$topic\"}}}"; }
build
