# Right but different: the roles under a path, a tagged key with a description, a 180-day rotation period,
# a second alias, the account named by its id, the administrator also allowed kms:RotateKeyOnDemand, and
# each role's own IAM policy giving it part of its own side only (the user may encrypt with this key, the
# administrator may list aliases).
. ./build.bash
role_args=(--path /dva-labs/)
key_args=(--description "orders application key" --tags TagKey=team,TagValue=orders)
rotation_args=(--rotation-period-in-days 180)
account_principal="\"$account\""
admin_actions="$admin_actions, \"kms:RotateKeyOnDemand\""
roles
key
key_arn=$(aws kms describe-key --key-id "$key" --query KeyMetadata.Arn --output text)
aws kms create-alias --alias-name alias/dva-labs-orders --target-key-id "$key"
key_policy
aws iam put-role-policy --role-name dva-labs-key-user --policy-name use-the-orders-key --policy-document \
  '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["kms:Encrypt", "kms:Decrypt"], "Resource": "'"$key_arn"'"}]}'
aws iam put-role-policy --role-name dva-labs-key-admin --policy-name list-aliases --policy-document \
  '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:ListAliases", "Resource": "*"}]}'
use_the_key
