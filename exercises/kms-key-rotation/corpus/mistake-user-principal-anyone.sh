# fails: key-policy
# The user's statement names Principal "*" instead of the user role, so the administrator (and anyone) may use the key.
. ./build.bash
user_statement() {
  echo '{"Sid": "AllowKeyUse", "Effect": "Allow", "Principal": "*", "Resource": "*", "Action": ['"$user_actions"']}'
}
build
