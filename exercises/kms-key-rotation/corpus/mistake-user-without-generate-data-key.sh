# fails: key-policy
# The user's statement lacks kms:GenerateDataKey*, so the user cannot do envelope encryption.
. ./build.bash
user_actions=${user_actions/'"kms:GenerateDataKey*", '/}
build
