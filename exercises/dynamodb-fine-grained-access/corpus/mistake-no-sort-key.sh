# fails: table-keyed-by-user
# The table keyed by userId alone: one item per user.
. ./build.bash
attributes=(AttributeName=userId,AttributeType=S)
key_schema=(AttributeName=userId,KeyType=HASH)
build
