# fails: key-policy
# The administrator's statement allows everything but kms:Encrypt and kms:Decrypt (NotAction), so it may still
# generate data keys and re-encrypt.
. ./build.bash
admin_statement() {
  echo '{"Sid": "AllowKeyAdministration", "Effect": "Allow", "Principal": {"AWS": "'"$admin"'"}, "Resource": "*", "NotAction": ["kms:Encrypt", "kms:Decrypt"]}'
}
build
