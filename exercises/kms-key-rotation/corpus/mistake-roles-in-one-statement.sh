# fails: key-policy
# Both roles in one statement with every action, instead of each in its own statement.
. ./build.bash
admin_statement() {
  echo '{"Sid": "AllowKeyAdministration", "Effect": "Allow", "Principal": {"AWS": ["'"$admin"'", "'"$user"'"]}, "Resource": "*", "Action": ['"$admin_actions, $user_actions"']}'
}
statements=(account_statement admin_statement)
build
