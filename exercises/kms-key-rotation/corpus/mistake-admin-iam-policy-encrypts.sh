# fails: key-policy
# A right key policy, but the administrator role's own inline IAM policy allows kms:Encrypt and kms:Decrypt, which the account statement lets count.
. ./build.bash
build
aws iam put-role-policy --role-name dva-labs-key-admin --policy-name encrypt-anything --policy-document \
  '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["kms:Encrypt", "kms:Decrypt"], "Resource": "*"}]}'
