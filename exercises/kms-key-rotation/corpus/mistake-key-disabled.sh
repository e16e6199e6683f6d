# fails: alias, encrypt-decrypt, envelope, re-encrypt
# fails.moto: alias
# (moto's Encrypt ignores the key's state, its recorded disabled-key deviation, so only alias sees it there)
# Everything right, then the key disabled (the reversible step before deletion): it refuses to encrypt.
account=$(aws sts get-caller-identity --query Account --output text)
trust='{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::'"$account"':root"}, "Action": "sts:AssumeRole"}]}'
admin=$(aws iam create-role --role-name dva-labs-key-admin --assume-role-policy-document "$trust" --query Role.Arn --output text)
user=$(aws iam create-role --role-name dva-labs-key-user --assume-role-policy-document "$trust" --query Role.Arn --output text)
key=$(aws kms create-key --description "dva-labs application key" --query KeyMetadata.KeyId --output text)
aws kms enable-key-rotation --key-id "$key"
aws kms create-alias --alias-name alias/dva-labs-app --target-key-id "$key"
policy=$(cat <<EOF
{"Version": "2012-10-17", "Statement": [
    {"Sid": "EnableIamPolicies", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::$account:root"},
     "Action": "kms:*", "Resource": "*"},
    {"Sid": "AllowKeyAdministration", "Effect": "Allow", "Principal": {"AWS": "$admin"}, "Resource": "*",
     "Action": ["kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*",
                "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource", "kms:UntagResource",
                "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"]},
    {"Sid": "AllowKeyUse", "Effect": "Allow", "Principal": {"AWS": "$user"}, "Resource": "*",
     "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"]}
]}
EOF
)
aws kms put-key-policy --key-id "$key" --policy-name default --policy "$policy"
aws kms disable-key --key-id "$key"
