# Right, written differently: the account as a list of one root ARN, the key's ARN as Resource, the
# administrator's actions in lower case and split over two statements, one conditioned on kms:CallerAccount,
# the user's actions enumerated instead of wildcards, under aws:SecureTransport (KMS answers only over TLS).
account=$(aws sts get-caller-identity --query Account --output text)
trust='{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::'"$account"':root"}, "Action": "sts:AssumeRole"}]}'
admin=$(aws iam create-role --role-name dva-labs-key-admin --assume-role-policy-document "$trust" --query Role.Arn --output text)
user=$(aws iam create-role --role-name dva-labs-key-user --assume-role-policy-document "$trust" --query Role.Arn --output text)
key=$(aws kms create-key --description "dva-labs application key" --query KeyMetadata.KeyId --output text)
key_arn=$(aws kms describe-key --key-id "$key" --query KeyMetadata.Arn --output text)
aws kms enable-key-rotation --key-id "$key"
aws kms create-alias --alias-name alias/dva-labs-app --target-key-id "$key"
policy=$(cat <<EOF
{"Version": "2012-10-17", "Statement": [
    {"Sid": "EnableIamPolicies", "Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::$account:root"]},
     "Action": ["kms:*"], "Resource": "$key_arn"},
    {"Sid": "AdministerTheKey", "Effect": "Allow", "Principal": {"AWS": ["$admin"]}, "Resource": "$key_arn",
     "Action": ["kms:create*", "kms:describe*", "kms:enable*", "kms:list*", "kms:put*", "kms:update*", "kms:revoke*"]},
    {"Sid": "RetireTheKey", "Effect": "Allow", "Principal": {"AWS": "$admin"}, "Resource": "$key_arn",
     "Action": ["kms:disable*", "kms:get*", "kms:delete*", "kms:tagresource", "kms:untagresource",
                "kms:schedulekeydeletion", "kms:cancelkeydeletion"],
     "Condition": {"StringEquals": {"kms:CallerAccount": "$account"}}},
    {"Sid": "UseTheKey", "Effect": "Allow", "Principal": {"AWS": "$user"}, "Resource": "$key_arn",
     "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:GenerateDataKey",
                "kms:GenerateDataKeyWithoutPlaintext", "kms:GenerateDataKeyPair", "kms:DescribeKey"],
     "Condition": {"Bool": {"aws:SecureTransport": "true"}}}
]}
EOF
)
aws kms put-key-policy --key-id "$key" --policy-name default --policy "$policy"
# Task 4: encrypt and decrypt through the alias, then a data key for envelope encryption.
work=$(mktemp -d)
printf 'hello from the corpus' > "$work/plain.txt"
aws kms encrypt --key-id alias/dva-labs-app --plaintext "fileb://$work/plain.txt" \
  --query CiphertextBlob --output text | base64 --decode > "$work/plain.txt.enc"
aws kms decrypt --ciphertext-blob "fileb://$work/plain.txt.enc" --query Plaintext --output text > /dev/null
aws kms generate-data-key --key-id alias/dva-labs-app --key-spec AES_256 --query CiphertextBlob --output text > "$work/data-key.enc"
rm -r "$work"
