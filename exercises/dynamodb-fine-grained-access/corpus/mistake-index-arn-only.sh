# fails: own-items-allowed
# The condition's statement on the table's indexes only (.../index/*): the table itself is not reached.
. ./build.bash
resource="\"${table_arn}/index/*\""
build
