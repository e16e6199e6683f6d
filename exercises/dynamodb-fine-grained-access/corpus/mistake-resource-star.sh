# fails: only-this-table
# "Resource": "*": the users reach their own keys in every table of the account.
. ./build.bash
resource='"*"'
build
