# fails: key-policy
# The administrator's statement allows everything but kms:Encrypt and kms:Decrypt (NotAction), so it may still
# generate data keys and re-encrypt.
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
    {"Sid": "EnableIamPolicies", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::$account:root"},
     "Action": "kms:*", "Resource": "*"},
    {"Sid": "AllowKeyAdministration", "Effect": "Allow", "Principal": {"AWS": "$admin"}, "Resource": "*",
     "NotAction": ["kms:Encrypt", "kms:Decrypt"]},
    {"Sid": "AllowKeyUse", "Effect": "Allow", "Principal": {"AWS": "$user"}, "Resource": "*",
     "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"]}
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
