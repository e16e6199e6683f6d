# Right, written differently: the account as a list of one root ARN, the key's ARN as Resource, the
# administrator's actions in lower case and split over two statements, one conditioned on kms:CallerAccount,
# the user's actions enumerated instead of wildcards, under aws:SecureTransport (KMS answers only over TLS).
. ./build.bash
account_statement() {
  echo '{"Sid": "EnableIamPolicies", "Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::'"$account"':root"]}, "Action": ["kms:*"], "Resource": "'"$key_arn"'"}'
}
admin_statement() {
  echo '{"Sid": "AdministerTheKey", "Effect": "Allow", "Principal": {"AWS": ["'"$admin"'"]}, "Resource": "'"$key_arn"'",
         "Action": ["kms:create*", "kms:describe*", "kms:enable*", "kms:list*", "kms:put*", "kms:update*", "kms:revoke*"]},
        {"Sid": "RetireTheKey", "Effect": "Allow", "Principal": {"AWS": "'"$admin"'"}, "Resource": "'"$key_arn"'",
         "Action": ["kms:disable*", "kms:get*", "kms:delete*", "kms:tagresource", "kms:untagresource",
                    "kms:schedulekeydeletion", "kms:cancelkeydeletion"],
         "Condition": {"StringEquals": {"kms:CallerAccount": "'"$account"'"}}}'
}
user_statement() {
  echo '{"Sid": "UseTheKey", "Effect": "Allow", "Principal": {"AWS": "'"$user"'"}, "Resource": "'"$key_arn"'",
         "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:GenerateDataKey",
                    "kms:GenerateDataKeyWithoutPlaintext", "kms:GenerateDataKeyPair", "kms:DescribeKey"],
         "Condition": {"Bool": {"aws:SecureTransport": "true"}}}'
}
roles
key
key_arn=$(aws kms describe-key --key-id "$key" --query KeyMetadata.Arn --output text)
key_policy
use_the_key
