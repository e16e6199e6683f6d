# fails: key-policy
# The user's statement also allows kms:ScheduleKeyDeletion, so the user could delete the key.
. ./build.bash
user_actions="$user_actions, \"kms:ScheduleKeyDeletion\""
build
