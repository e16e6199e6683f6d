# fails: key-policy
# The administrator's statement also allows kms:Encrypt and kms:Decrypt.
. ./build.bash
admin_actions="$admin_actions, \"kms:Encrypt\", \"kms:Decrypt\""
build
