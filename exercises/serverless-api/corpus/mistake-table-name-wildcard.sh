# fails: role-only-that-table
# The table's ARN with a trailing wildcard, which dva-labs-api-orders-archive matches too.
. ./build.bash
table_resource="arn:aws:dynamodb:${region}:${account}:table/${table}*"
build
