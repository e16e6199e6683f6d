# Not a corpus script (only .sh files are): the steps every corpus script shares, each one a variable a
# script may change before calling build. Sourced, never run alone.

account=$(aws sts get-caller-identity --query Account --output text)
region=${AWS_DEFAULT_REGION}
table=dva-labs-user-items
role=dva-labs-user-items-access
table_arn="arn:aws:dynamodb:${region}:${account}:table/${table}"

# What the instructions ask for; a script changes one of these to get one thing wrong, or to add extras.
billing=(--billing-mode PAY_PER_REQUEST)
attributes=(AttributeName=userId,AttributeType=S AttributeName=itemId,AttributeType=S)
key_schema=(AttributeName=userId,KeyType=HASH AttributeName=itemId,KeyType=RANGE)
trust_principal="{\"AWS\": \"arn:aws:iam::${account}:root\"}"
trust_actions='["sts:AssumeRole", "sts:TagSession"]'
trust_condition='{}'           # the trust statement's Condition, when it has one
trust_statements='[]'          # more statements of the trust policy
actions='["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:PutItem",
          "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem"]'
resource="\"${table_arn}\""    # JSON: one ARN, or a list
operator='ForAllValues:StringEquals'
condition_key='dynamodb:LeadingKeys'
user_id='${aws:PrincipalTag/userId}'
more_conditions='{}'           # more keys under the operator, such as dynamodb:Attributes
other_conditions='{}'          # more operators, such as StringEqualsIfExists
policy_statements='[]'         # more statements of the permissions policy
managed=no                     # yes: a customer managed policy, attached, instead of an inline one

build() {
  aws dynamodb create-table --table-name "$table" "${billing[@]}" \
    --attribute-definitions "${attributes[@]}" --key-schema "${key_schema[@]}" > /dev/null
  aws dynamodb wait table-exists --table-name "$table"

  aws iam create-role --role-name "$role" --assume-role-policy-document "$(jq -n \
    --argjson principal "$trust_principal" --argjson actions "$trust_actions" --argjson more "$trust_statements" \
    --argjson condition "$trust_condition" \
    '{Version: "2012-10-17", Statement: ([{Effect: "Allow", Principal: $principal, Action: $actions}
      + (if $condition == {} then {} else {Condition: $condition} end)] + $more)}')" > /dev/null

  policy=$(jq -n --argjson actions "$actions" --argjson resource "$resource" --arg operator "$operator" \
    --arg key "$condition_key" --arg user "$user_id" --argjson more "$more_conditions" --argjson other "$other_conditions" \
    --argjson statements "$policy_statements" \
    '{Version: "2012-10-17", Statement: ([{Effect: "Allow", Action: $actions, Resource: $resource,
      Condition: ({($operator): ({($key): [$user]} + $more)} + $other)}] + $statements)}')
  if [ "$managed" = yes ]; then
    arn=$(aws iam create-policy --policy-name dva-labs-own-items --policy-document "$policy" --query Policy.Arn --output text)
    aws iam attach-role-policy --role-name "$role" --policy-arn "$arn"
  else
    aws iam put-role-policy --role-name "$role" --policy-name own-items --policy-document "$policy"
  fi
}
