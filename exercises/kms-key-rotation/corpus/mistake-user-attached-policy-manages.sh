# fails: key-policy
# A right key policy, but a managed policy allowing kms:* attached to the user role, so it may also change and delete the key.
. ./build.bash
build
kms_all=$(aws iam create-policy --policy-name dva-labs-kms-all --query Policy.Arn --output text --policy-document \
  '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:*", "Resource": "*"}]}')
aws iam attach-role-policy --role-name dva-labs-key-user --policy-arn "$kms_all"
