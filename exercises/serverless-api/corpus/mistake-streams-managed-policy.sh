# fails: role-table-actions, role-only-that-table
# AWSLambdaDynamoDBExecutionRole attached as well, taken for "DynamoDB access": it reads every table's stream.
. ./build.bash
extra_policies=(arn:aws:iam::aws:policy/service-role/AWSLambdaDynamoDBExecutionRole)
build
