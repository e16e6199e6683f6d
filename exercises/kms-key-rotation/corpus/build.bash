# Not a corpus script (only .sh files are): the steps every corpus script shares, each a variable or a
# function a script may change before calling build, or call one by one. Sourced, never run alone.

account=$(aws sts get-caller-identity --query Account --output text)
trust='{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::'"$account"':root"}, "Action": "sts:AssumeRole"}]}'

# What the instructions ask for; a script changes one of these to get one thing wrong, or to add extras.
role_args=()
key_args=(--description "dva-labs application key")
rotation_args=()
rotate=yes
alias_name=alias/dva-labs-app
account_principal="\"arn:aws:iam::$account:root\""
admin_actions='"kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*",
               "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource", "kms:UntagResource",
               "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"'
user_actions='"kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"'
# The key policy's statements, in order; each is a function so that it reads the variables when called.
account_statement() {
  echo '{"Sid": "EnableIamPolicies", "Effect": "Allow", "Principal": {"AWS": '"$account_principal"'}, "Action": "kms:*", "Resource": "*"}'
}
admin_statement() {
  echo '{"Sid": "AllowKeyAdministration", "Effect": "Allow", "Principal": {"AWS": "'"$admin"'"}, "Resource": "*", "Action": ['"$admin_actions"']}'
}
user_statement() {
  echo '{"Sid": "AllowKeyUse", "Effect": "Allow", "Principal": {"AWS": "'"$user"'"}, "Resource": "*", "Action": ['"$user_actions"']}'
}
statements=(account_statement admin_statement user_statement)
put_policy_args=()

# Task 1: the two roles.
roles() {
  admin=$(aws iam create-role --role-name dva-labs-key-admin "${role_args[@]}" --assume-role-policy-document "$trust" --query Role.Arn --output text)
  user=$(aws iam create-role --role-name dva-labs-key-user "${role_args[@]}" --assume-role-policy-document "$trust" --query Role.Arn --output text)
}

# Task 2: the key, its rotation and its alias.
key() {
  key=$(aws kms create-key "${key_args[@]}" --query KeyMetadata.KeyId --output text)
  if [ "$rotate" = yes ]; then aws kms enable-key-rotation --key-id "$key" "${rotation_args[@]}"; fi
  aws kms create-alias --alias-name "$alias_name" --target-key-id "$key"
}

# Task 3: the key policy, from the statements above.
key_policy() {
  local joined="" statement
  for statement in "${statements[@]}"; do joined="${joined:+$joined, }$($statement)"; done
  aws kms put-key-policy --key-id "$key" --policy-name default "${put_policy_args[@]}" \
    --policy '{"Version": "2012-10-17", "Statement": ['"$joined"']}'
}

# Task 4: encrypt and decrypt through the alias, then a data key for envelope encryption.
use_the_key() {
  local work
  work=$(mktemp -d)
  printf 'hello from the corpus' > "$work/plain.txt"
  aws kms encrypt --key-id alias/dva-labs-app --plaintext "fileb://$work/plain.txt" \
    --query CiphertextBlob --output text | base64 --decode > "$work/plain.txt.enc"
  aws kms decrypt --ciphertext-blob "fileb://$work/plain.txt.enc" --query Plaintext --output text > /dev/null
  aws kms generate-data-key --key-id alias/dva-labs-app --key-spec AES_256 --query CiphertextBlob --output text > "$work/data-key.enc"
  rm -r "$work"
}

build() {
  roles
  key
  key_policy
  use_the_key
}
