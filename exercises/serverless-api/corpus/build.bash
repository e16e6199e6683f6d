# Not a corpus script (only .sh files are): the steps every corpus script shares, each one a variable a
# script may change before calling build. Sourced, never run alone.

account=$(aws sts get-caller-identity --query Account --output text)
region=${AWS_DEFAULT_REGION}
table=dva-labs-api-orders
function=dva-labs-orders-api
role=dva-labs-orders-api-role
function_arn="arn:aws:lambda:${region}:${account}:function:${function}"

# What the instructions ask for; a script changes one of these to get one thing wrong, or to add extras.
timeout=10
memory=256
environment='Variables={TABLE_NAME=dva-labs-api-orders}'
table_actions='["dynamodb:PutItem","dynamodb:GetItem"]'
table_resource="arn:aws:dynamodb:${region}:${account}:table/${table}"
logs_policy=arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
extra_policies=()
code_edit=''                   # a sed script applied to ../solution/function/orders.py
path_parameter='{id}'
post_key=--api-key-required
get_key=--no-api-key-required
throttle=yes
method_throttling=()           # more patch operations for the stage, such as one method's own throttling
invoke_permission=yes
rate=10
burst=20
plan_holds_key=yes
plan_extra_args=()

build() {
  aws dynamodb create-table --table-name "$table" --billing-mode PAY_PER_REQUEST \
    --attribute-definitions AttributeName=id,AttributeType=S --key-schema AttributeName=id,KeyType=HASH > /dev/null

  aws iam create-role --role-name "$role" --assume-role-policy-document \
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}' > /dev/null
  if [ -n "$logs_policy" ]; then
    aws iam attach-role-policy --role-name "$role" --policy-arn "$logs_policy"
  fi
  for policy in "${extra_policies[@]}"; do
    aws iam attach-role-policy --role-name "$role" --policy-arn "$policy"
  done
  aws iam put-role-policy --role-name "$role" --policy-name orders-table --policy-document "$(jq -n \
    --argjson actions "$table_actions" --arg resource "$table_resource" \
    '{Version: "2012-10-17", Statement: [{Effect: "Allow", Action: $actions, Resource: $resource}]}')"

  work=$(mktemp -d)
  sed -e "$code_edit" ../solution/function/orders.py > "$work/lambda_function.py"
  (cd "$work" && zip -q function.zip lambda_function.py)
  aws lambda create-function --function-name "$function" --runtime python3.12 --handler lambda_function.handler \
    --role "arn:aws:iam::${account}:role/${role}" --zip-file "fileb://$work/function.zip" \
    --timeout "$timeout" --memory-size "$memory" ${environment:+--environment "$environment"} > /dev/null
  rm -rf "$work"

  api=$(aws apigateway create-rest-api --name dva-labs-orders-api --query id --output text)
  root=$(aws apigateway get-resources --rest-api-id "$api" --query 'items[?path==`/`].id' --output text)
  orders=$(aws apigateway create-resource --rest-api-id "$api" --parent-id "$root" --path-part orders --query id --output text)
  by_id=$(aws apigateway create-resource --rest-api-id "$api" --parent-id "$orders" --path-part "$path_parameter" \
    --query id --output text)
  uri="arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${function_arn}/invocations"
  route "$orders" POST "$post_key"
  route "$by_id" GET "$get_key"
  if [ "$invoke_permission" = yes ]; then
    aws lambda add-permission --function-name "$function" --statement-id apigateway --action lambda:InvokeFunction \
      --principal apigateway.amazonaws.com --source-arn "arn:aws:execute-api:${region}:${account}:${api}/*" > /dev/null
  fi

  aws apigateway create-deployment --rest-api-id "$api" --stage-name prod > /dev/null
  if [ "$throttle" = yes ]; then
    aws apigateway update-stage --rest-api-id "$api" --stage-name prod --patch-operations \
      "op=replace,path=/*/*/throttling/rateLimit,value=$rate" "op=replace,path=/*/*/throttling/burstLimit,value=$burst" \
      "${method_throttling[@]}" > /dev/null
  fi

  key=$(aws apigateway create-api-key --name dva-labs-orders-key --enabled --query id --output text)
  plan=$(aws apigateway create-usage-plan --name dva-labs-orders-plan --api-stages "apiId=$api,stage=prod" \
    "${plan_extra_args[@]}" --query id --output text)
  if [ "$plan_holds_key" = yes ]; then
    aws apigateway create-usage-plan-key --usage-plan-id "$plan" --key-id "$key" --key-type API_KEY > /dev/null
  fi
}

# A method on a resource, integrated with the function by Lambda proxy: $1 resource id, $2 method, $3 key flag.
route() {
  aws apigateway put-method --rest-api-id "$api" --resource-id "$1" --http-method "$2" --authorization-type NONE "$3" > /dev/null
  aws apigateway put-integration --rest-api-id "$api" --resource-id "$1" --http-method "$2" --type AWS_PROXY \
    --integration-http-method POST --uri "$uri" > /dev/null
}
