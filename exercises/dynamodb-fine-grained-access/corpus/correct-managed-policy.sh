# As instructed, with the permissions in a customer managed policy attached to the role instead of an inline
# one, a Deny of Scan for good measure, and a trust policy that lets a session be tagged only with a userId.
. ./build.bash
managed=yes
trust_actions='"sts:AssumeRole"'
trust_statements="[{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::${account}:root\"}, \"Action\": \"sts:TagSession\",
                    \"Condition\": {\"ForAllValues:StringEquals\": {\"aws:TagKeys\": [\"userId\"]}}}]"
policy_statements="[{\"Effect\": \"Deny\", \"Action\": \"dynamodb:Scan\", \"Resource\": \"${table_arn}*\"}]"
build
