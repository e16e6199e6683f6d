# fails: role-table-actions
# The role may do anything to the table: dynamodb:* instead of the two actions the function uses.
. ./build.bash
table_actions='["dynamodb:*"]'
build
