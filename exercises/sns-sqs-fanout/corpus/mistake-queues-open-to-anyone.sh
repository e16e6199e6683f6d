# fails: queue-policy
# Everything right, but each queue's policy lets Principal "*" use sqs:Send* without a condition.
. ./build.bash
statement() { echo "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"sqs:Send*\",\"Resource\":\"$(arn "$1")\"}"; }
build
