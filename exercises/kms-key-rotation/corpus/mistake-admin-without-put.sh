# fails: key-policy
# The administrator's statement lacks kms:Put*, so the administrator cannot change the key policy.
. ./build.bash
admin_actions=${admin_actions/'"kms:Put*", '/}
build
