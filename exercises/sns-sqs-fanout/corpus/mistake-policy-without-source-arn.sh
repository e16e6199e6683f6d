# fails: queue-policy
# Everything right, but each queue's policy lets sns.amazonaws.com send without the aws:SourceArn condition, so any topic may.
. ./build.bash
statement() { echo "{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"sns.amazonaws.com\"},\"Action\":\"sqs:SendMessage\",\"Resource\":\"$(arn "$1")\"}"; }
build
