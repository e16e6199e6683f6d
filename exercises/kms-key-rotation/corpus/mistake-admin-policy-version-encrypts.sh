# fails: key-policy
# A right key policy, but the administrator's attached managed policy got a second version, set as default,
# that allows kms:Encrypt and kms:Decrypt (its first version only listed aliases).
. ./build.bash
build
extra=$(aws iam create-policy --policy-name dva-labs-key-admin-extra --query Policy.Arn --output text --policy-document \
  '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:ListAliases", "Resource": "*"}]}')
aws iam create-policy-version --policy-arn "$extra" --set-as-default > /dev/null --policy-document \
  '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["kms:Encrypt", "kms:Decrypt"], "Resource": "*"}]}'
aws iam attach-role-policy --role-name dva-labs-key-admin --policy-arn "$extra"
